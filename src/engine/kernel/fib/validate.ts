// Source validation of received packets (net/ipv4/fib_frontend.c fib_validate_source):
// reverse-path filtering (rp_filter, effective max(all, dev)), accept_local and the
// local-source check. Returns 0/1 (ok, 1 = nexthop scope host) or the errno.
import type { Ipv4 } from '../../addr/ipv4';
import type { ValidateCheck } from '../../trace/causes';
import type { Device } from '../dev/device';
import type { Netns } from '../netns';
import { maxConf, orConf } from '../sysctl';
import { deviceOfAddress, fibLookup, type FibResult } from './lookup';
import { RT_SCOPE_HOST, RT_SCOPE_UNIVERSE } from './route';

export interface ValidateResult {
  readonly ok: boolean;
  /** EXDEV: rp_filter; EINVAL: a local or otherwise invalid source */
  readonly errno?: 'EXDEV' | 'EINVAL';
  readonly rpFilter: number;
  /** the reverse lookup that decided, for the trace */
  readonly reverse?: FibResult;
  /** what decided, for the trace */
  readonly check: ValidateCheck;
  /**
   * The packet's mark, when it has one and a reverse lookup was made: `used` when
   * src_valid_mark let the lookup see it (otherwise the lookup ran with mark 0).
   */
  readonly mark?: { readonly value: number; readonly used: boolean };
  /**
   * __fib_validate_source returned 1: the route back to the source leaves by the input device
   * (or, loose, by any) with a nexthop of host scope — the source is on the link, no gateway
   * between. __mkroute_input needs it to send a redirect.
   */
  readonly onLink?: true;
}

export function fibValidateSource(
  ns: Netns,
  src: Ipv4,
  dst: Ipv4,
  /** FIB_RES_OIF of the forward route; undefined for local delivery */
  oif: Device | undefined,
  dev: Device,
  mark: number,
): ValidateResult {
  const rpf = maxConf(ns.sysctl, dev.name, 'rp_filter');
  const acceptLocal = orConf(ns.sysctl, dev.name, 'accept_local');
  // The fast path skips the reverse lookup unless the packet would leave by the device it
  // came in on (send_redirects wants to know whether to send a redirect).
  const sendRedirects = orConf(ns.sysctl, dev.name, 'send_redirects');
  if (rpf === 0 && (oif !== dev || !sendRedirects)) {
    if (acceptLocal) return { ok: true, rpFilter: rpf, check: { code: 'accept-local' } };
    if (!ns.customRules) {
      if (deviceOfAddress(ns, src)) {
        return { ok: false, errno: 'EINVAL', rpFilter: rpf, check: { code: 'local-source' } };
      }
      return { ok: true, rpFilter: rpf, check: { code: 'not-checked' } };
    }
  }
  // __fib_validate_source: look up the route back to the source as if replying, with the
  // packet's mark only when src_valid_mark says the mark is part of its identity.
  const srcValidMark = orConf(ns.sysctl, dev.name, 'src_valid_mark');
  const fl = {
    daddr: src,
    saddr: dst,
    iif: oif ?? ns.loopback(),
    oif: undefined,
    mark: srcValidMark ? mark : 0,
    scope: RT_SCOPE_UNIVERSE,
  };
  const withMark = mark !== 0 ? { mark: { value: mark, used: srcValidMark } } : {};
  const noAddr = dev.addrs.length === 0;
  const reverse = fibLookup(ns, fl);
  if (!reverse.ok) {
    if (rpf) return { ok: false, errno: 'EXDEV', rpFilter: rpf, reverse, check: { code: 'no-route-back' }, ...withMark };
    return { ok: true, rpFilter: rpf, reverse, check: { code: 'no-route-back' }, ...withMark };
  }
  const type = reverse.route.type;
  if (type !== 'unicast' && (type !== 'local' || !acceptLocal)) {
    return { ok: false, errno: 'EINVAL', rpFilter: rpf, reverse, check: { code: 'route-type', type }, ...withMark };
  }
  const devMatch = reverse.route.dev === dev || (type === 'local' && dev === ns.loopback());
  // ret = FIB_RES_NHC(res)->nhc_scope >= RT_SCOPE_HOST: a nexthop without a gateway (1)
  if (devMatch) return { ok: true, rpFilter: rpf, reverse, check: { code: 'same-dev', dev: dev.name }, ...withMark, ...scopeHost(reverse) };
  if (noAddr) {
    if (rpf) return { ok: false, errno: 'EXDEV', rpFilter: rpf, reverse, check: { code: 'no-address', dev: dev.name }, ...withMark };
    return { ok: true, rpFilter: rpf, reverse, check: { code: 'no-address', dev: dev.name }, ...withMark };
  }
  if (rpf === 1) {
    return {
      ok: false,
      errno: 'EXDEV',
      rpFilter: rpf,
      reverse,
      check: { code: 'strict', via: reverse.route.dev?.name ?? '', dev: dev.name },
      ...withMark,
    };
  }
  // loose mode (2) or rp_filter 0 with custom rules: any route back is enough
  const loose = fibLookup(ns, { ...fl, oif: dev }, { ignoreLinkstate: true });
  return { ok: true, rpFilter: rpf, reverse: loose.ok ? loose : reverse, check: { code: 'loose' }, ...withMark, ...(loose.ok && loose.route.type === 'unicast' ? scopeHost(loose) : {}) };
}

function scopeHost(res: Extract<FibResult, { ok: true }>): { onLink?: true } {
  return res.route.nhScope >= RT_SCOPE_HOST ? { onLink: true } : {};
}
