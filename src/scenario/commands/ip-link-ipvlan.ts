// The options after `ip link add … type ipvlan` (iproute2 ip/iplink_ipvlan.c
// ipvlan_parse_opt): `mode l2 | l3 | l3s` and one of the flags `bridge | private | vepa`.
import type { IpvlanFlag, IpvlanMode } from '../../engine/config/ops';
import { abbreviates, Args, fail } from './args';

const MODES: readonly IpvlanMode[] = ['l2', 'l3', 'l3s'];
const FLAGS: readonly IpvlanFlag[] = ['bridge', 'private', 'vepa'];

export const IPVLAN_EXPECTED = 'mode l2 | l3 | l3s, then bridge | private | vepa';

export function parseIpvlanOptions(args: Args): { mode?: IpvlanMode; flag: IpvlanFlag } {
  let mode: IpvlanMode | undefined;
  let flag: IpvlanFlag | undefined;
  while (!args.done) {
    const token = args.take()!;
    if (abbreviates(token.value, 'mode')) {
      const value = args.need('an ipvlan mode');
      if (!(MODES as readonly string[]).includes(value.value)) fail(value, 'argument of "mode" must be either "l2", "l3" or "l3s"');
      mode = value.value as IpvlanMode;
      continue;
    }
    // iproute2 takes one flag word, abbreviated or not; a second one is an unknown option
    const word = flag === undefined ? FLAGS.find((f) => abbreviates(token.value, f)) : undefined;
    if (word) {
      flag = word;
      continue;
    }
    fail(token, `ipvlan: unknown option "${token.value}"; expected ${IPVLAN_EXPECTED} (one flag; link options such as mtu go before \`type\`)`);
  }
  return { ...(mode !== undefined ? { mode } : {}), flag: flag ?? 'bridge' };
}
