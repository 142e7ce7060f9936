// -m multiport (extensions/libxt_multiport.c): --sports, --dports or --ports (one of them), a
// list of up to 15 ports and ranges, invertible; the rule must name a protocol with ports.
import type { PortRange } from '../../../../engine/config/netfilter';
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { exclusive, type MatchExtension, type OptionDef, type RuleState } from '../extension';
import { part, readPort } from '../values';

/** libxt_multiport: `P,A:B,…` with A < B, at most 15 ports (a range counts twice). */
function readPortList(token: Token, proto: number | undefined): PortRange[] {
  const ports: PortRange[] = [];
  let offset = 0;
  let count = 0;
  for (const item of token.value.split(',')) {
    const piece = part(token, offset, item);
    offset += item.length + 1;
    const colon = item.indexOf(':');
    if (colon < 0) {
      if (item === '') fail(piece, `invalid port/service \`' specified: an empty item in "${token.value}"`);
      const port = readPort(piece, proto);
      ports.push({ from: port, to: port });
      count += 1;
    } else {
      const from = readPort(piece, proto, item.slice(0, colon));
      const to = readPort(part(piece, colon + 1, item.slice(colon + 1)), proto);
      if (from >= to) fail(piece, `invalid portrange specified: "${item}" (a multiport range needs A < B)`);
      ports.push({ from, to });
      count += 2;
    }
  }
  if (count > 15) fail(token, 'too many ports specified: multiport takes at most 15 ports, a range counting as two');
  return ports;
}

export function multiportMatch(token: Token, rule: RuleState): MatchExtension {
  let value: { not: boolean; dir: 'sports' | 'dports' | 'ports'; ports: PortRange[] } | undefined;
  const dirs = ['source-ports', 'destination-ports', 'ports'];
  const option = (names: string[], dir: 'sports' | 'dports' | 'ports'): OptionDef => ({
    names,
    args: 1,
    invert: true,
    parse: ([v], not, opt) => {
      exclusive(ext, opt, names[0], dirs);
      const proto = rule.proto && !rule.proto.not ? rule.proto.value : undefined;
      value = { not, dir, ports: readPortList(v, proto) };
    },
  });
  const ext: MatchExtension = {
    kind: 'match',
    name: 'multiport',
    token,
    options: [
      option(['source-ports', 'sports'], 'sports'),
      option(['destination-ports', 'dports'], 'dports'),
      option(['ports'], 'ports'),
    ],
    used: new Set(),
    finish: () => {
      if (!value) fail(token, 'multiport: one of --sports, --dports or --ports must be specified');
      if (!rule.proto || rule.proto.not || ![6, 17, 136, 132, 33].includes(rule.proto.value)) {
        fail(token, "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
      }
    },
    build: () => ({ kind: 'multiport', ...value! }),
  };
  return ext;
}
