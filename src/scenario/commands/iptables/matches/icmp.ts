// -m icmp (extensions/libipt_icmp.c): --icmp-type NAME | TYPE[/CODE], required and invertible;
// loaded by itself when an option nothing loaded knows follows -p icmp.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { requireOption, type MatchExtension, type RuleState } from '../extension';
import { ICMP_TYPE_NAMES as ICMP_TYPES } from '../../../../engine/packet/names';
import { PROTO_ICMP } from '../values';


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
