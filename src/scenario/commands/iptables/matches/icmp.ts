// -m icmp (extensions/libipt_icmp.c): --icmp-type NAME | TYPE[/CODE], required and invertible;
// loaded by itself when an option nothing loaded knows follows -p icmp.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { requireOption, type MatchExtension, type RuleState } from '../extension';
import { PROTO_ICMP } from '../values';

/** libipt_icmp's names (a unique prefix is enough, case-insensitive); code undefined = any code. */
const ICMP_TYPES: readonly (readonly [string, number, number | undefined])[] = [
  ['any', 0xff, undefined],
  ['echo-reply', 0, undefined],
  ['pong', 0, undefined],
  ['destination-unreachable', 3, undefined],
  ['network-unreachable', 3, 0],
  ['host-unreachable', 3, 1],
  ['protocol-unreachable', 3, 2],
  ['port-unreachable', 3, 3],
  ['fragmentation-needed', 3, 4],
  ['source-route-failed', 3, 5],
  ['network-unknown', 3, 6],
  ['host-unknown', 3, 7],
  ['network-prohibited', 3, 9],
  ['host-prohibited', 3, 10],
  ['TOS-network-unreachable', 3, 11],
  ['TOS-host-unreachable', 3, 12],
  ['communication-prohibited', 3, 13],
  ['host-precedence-violation', 3, 14],
  ['precedence-cutoff', 3, 15],
  ['source-quench', 4, undefined],
  ['redirect', 5, undefined],
  ['network-redirect', 5, 0],
  ['host-redirect', 5, 1],
  ['TOS-network-redirect', 5, 2],
  ['TOS-host-redirect', 5, 3],
  ['echo-request', 8, undefined],
  ['ping', 8, undefined],
  ['router-advertisement', 9, undefined],
  ['router-solicitation', 10, undefined],
  ['time-exceeded', 11, undefined],
  ['ttl-exceeded', 11, undefined],
  ['ttl-zero-during-transit', 11, 0],
  ['ttl-zero-during-reassembly', 11, 1],
  ['parameter-problem', 12, undefined],
  ['ip-header-bad', 12, 0],
  ['required-option-missing', 12, 1],
  ['timestamp-request', 13, undefined],
  ['timestamp-reply', 14, undefined],
  ['address-mask-request', 17, undefined],
  ['address-mask-reply', 18, undefined],
];

function readIcmpType(token: Token): { type: number; code?: number } {
  const text = token.value;
  if (/^\d/.test(text)) {
    const [typeText, codeText, extra] = text.split('/');
    const type = /^\d{1,3}$/.test(typeText) ? Number(typeText) : NaN;
    if (!(type <= 255) || extra !== undefined) fail(token, `Unknown ICMP type \`${text}'; expected a name (echo-request …), TYPE or TYPE/CODE`);
    if (codeText === undefined) return { type };
    const code = /^\d{1,3}$/.test(codeText) ? Number(codeText) : NaN;
    if (!(code <= 255)) fail(token, `Unknown ICMP code \`${text}'; a code is a number from 0 to 255`);
    return { type, code };
  }
  const hits = ICMP_TYPES.filter(([name]) => name.toLowerCase().startsWith(text.toLowerCase()) && text.length > 0);
  if (hits.length === 0) fail(token, `Unknown ICMP type \`${text}'; expected a name like echo-request, echo-reply, destination-unreachable, port-unreachable, any, or TYPE[/CODE]`);
  if (hits.length > 1) fail(token, `Ambiguous ICMP type \`${text}': \`${hits[0][0]}' or \`${hits[1][0]}'?`);
  const [, type, code] = hits[0];
  return code === undefined ? { type } : { type, code };
}

export function icmpMatch(token: Token, rule: RuleState): MatchExtension {
  let value: { not: boolean; type: number; code?: number } | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: 'icmp',
    token,
    options: [{ names: ['icmp-type'], args: 1, invert: true, parse: ([v], not) => (value = { not, ...readIcmpType(v) }) }],
    used: new Set(),
    finish: () => {
      requireOption(ext, 'icmp-type');
      if (rule.proto?.value !== PROTO_ICMP) fail(token, "ICMP match requires '-p icmp'");
    },
    build: () => ({ kind: 'icmp', not: value!.not, type: value!.type, ...(value!.code !== undefined ? { code: value!.code } : {}) }),
  };
  return ext;
}
