// -m addrtype (extensions/libxt_addrtype.c): --src-type / --dst-type, lists of address types
// (LOCAL, UNICAST, BROADCAST …), invertible, and --limit-iface-in or --limit-iface-out, which
// the kernel (xt_addrtype checkentry) allows only at hooks that have that interface.
import type { AddrType } from '../../../../engine/config/netfilter';
import { ADDRTYPE_ORDER } from '../../../../engine/kernel/netfilter/save';
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { exclusive, type MatchExtension, type OptionDef, type RuleState } from '../extension';
import { readNameList } from '../values';

export function addrtypeMatch(token: Token, rule: RuleState): MatchExtension {
  let src: { not: boolean; types: AddrType[] } | undefined;
  let dst: { not: boolean; types: AddrType[] } | undefined;
  let limitIn = false;
  let limitOut = false;
  const unsupported = ['THROW', 'NAT', 'XRESOLVE'];
  const limit = (name: string, other: string, set: () => void): OptionDef => ({
    names: [name],
    args: 0,
    invert: false,
    parse: (_v, _n, opt) => {
      exclusive(ext, opt, name, [other]);
      set();
    },
  });
  const ext: MatchExtension = {
    kind: 'match',
    name: 'addrtype',
    token,
    options: [
      { names: ['src-type'], args: 1, invert: true, parse: ([v], not) => (src = { not, types: readNameList(v, ADDRTYPE_ORDER, unsupported, 'addrtype') }) },
      { names: ['dst-type'], args: 1, invert: true, parse: ([v], not) => (dst = { not, types: readNameList(v, ADDRTYPE_ORDER, unsupported, 'addrtype') }) },
      limit('limit-iface-in', 'limit-iface-out', () => (limitIn = true)),
      limit('limit-iface-out', 'limit-iface-in', () => (limitOut = true)),
    ],
    used: new Set(),
    finish: () => {
      if (!src && !dst) fail(token, 'addrtype: you must specify --src-type or --dst-type');
      // xt_addrtype checkentry: the interface must exist at the hook.
      if (limitIn && ['OUTPUT', 'POSTROUTING'].includes(rule.chain!)) fail(token, `addrtype: --limit-iface-in cannot be used in the ${rule.chain} chain`);
      if (limitOut && ['PREROUTING', 'INPUT'].includes(rule.chain!)) fail(token, `addrtype: --limit-iface-out cannot be used in the ${rule.chain} chain`);
    },
    build: () => ({
      kind: 'addrtype',
      ...(src ? { src } : {}),
      ...(dst ? { dst } : {}),
      ...(limitIn ? { limitIfaceIn: true } : {}),
      ...(limitOut ? { limitIfaceOut: true } : {}),
    }),
  };
  return ext;
}
