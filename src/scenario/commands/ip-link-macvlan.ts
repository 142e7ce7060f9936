// The options after `ip link add … type macvlan` (iproute2 ip/iplink_macvlan.c
// macvlan_parse_opt): `mode private | vepa | bridge | passthru`; the last `mode` wins. A mode
// omitted sends none: the kernel's vepa for a new device, unchanged for `ip link set … type
// macvlan`. Source mode, flags and queue options are refused by name.
import type { MacvlanMode } from '../../engine/config/ops';
import { abbreviates, Args, fail } from './args';

const MODES: readonly MacvlanMode[] = ['private', 'vepa', 'bridge', 'passthru'];

/** What iproute2 knows and podpath does not model. */
const UNSUPPORTED = new Set(['flag', 'nopromisc', 'nodst', 'null', 'macaddr', 'bcqueuelen', 'bclim']);

export const MACVLAN_EXPECTED = 'mode private | vepa | bridge | passthru';

export function parseMacvlanOptions(args: Args): MacvlanMode | undefined {
  let mode: MacvlanMode | undefined;
  while (!args.done) {
    const token = args.take()!;
    if (abbreviates(token.value, 'mode')) {
      const value = args.need('a macvlan mode');
      if (value.value === 'source') fail(value, 'macvlan mode source (delivery by source MAC) is not modelled by podpath; expected private | vepa | bridge | passthru');
      if (!(MODES as readonly string[]).includes(value.value)) {
        fail(value, `argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "${value.value}"`);
      }
      mode = value.value as MacvlanMode;
      continue;
    }
    if (UNSUPPORTED.has(token.value)) fail(token, `macvlan option \`${token.value}\` is not modelled by podpath; expected ${MACVLAN_EXPECTED}`);
    fail(token, `macvlan: unknown option "${token.value}"; expected ${MACVLAN_EXPECTED} (link options such as mtu go before \`type\`)`);
  }
  return mode;
}
