// The NAT targets (extensions/libxt_NAT.c, once libipt_DNAT.c, libipt_SNAT.c,
// libipt_MASQUERADE.c and libipt_REDIRECT.c): -j DNAT --to-destination and -j SNAT --to-source
// A.B.C.D[-A.B.C.D][:P[-Q]], -j MASQUERADE and -j REDIRECT [--to-ports P[-Q]], with --random,
// --random-fully, --persistent where each has them. Ports need the rule's protocol first.
import type { Ipv4 } from '../../../../engine/addr/ipv4';
import { parseIpv4 } from '../../../../engine/addr/ipv4';
import type { NatRange, PortRange } from '../../../../engine/config/netfilter';
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { flagOption, placeTarget, requireOption, unsupportedOptions, type OptionDef, type RuleState, type TargetExtension, type TargetFactory, type TargetPlace } from '../extension';
import { part, SERVICES, strtoui } from '../values';

/** The nat table, and the hooks each target's kernel module registers for. */
const PLACES: Record<'DNAT' | 'REDIRECT' | 'SNAT' | 'MASQUERADE', TargetPlace> = {
  DNAT: { table: 'nat', chains: ['PREROUTING', 'OUTPUT'] },
  REDIRECT: { table: 'nat', chains: ['PREROUTING', 'OUTPUT'] },
  SNAT: { table: 'nat', chains: ['POSTROUTING', 'INPUT'] },
  MASQUERADE: { table: 'nat', chains: ['POSTROUTING'] },
};

/** Ports in a NAT target need the rule's protocol first (libipt_DNAT/MASQUERADE/REDIRECT). */
function requirePortProto(option: Token, rule: RuleState): void {
  if (!rule.proto || rule.proto.not || ![6, 17, 132, 33].includes(rule.proto.value)) {
    fail(option, 'Need TCP, UDP, SCTP or DCCP with port specification (write -p tcp|udp before the target)');
  }
}

function readNatPort(token: Token, text: string, offset: number): number {
  const port = strtoui(text, 0xffff) ?? (Object.hasOwn(SERVICES, text) ? SERVICES[text].port : undefined);
  if (port === undefined) fail(part(token, offset, text), `Port \`${text}' not valid; expected a number from 0 to 65535`);
  return port;
}

/** `A.B.C.D[-A.B.C.D][:P[-Q]]` (--to-destination / --to-source). */
function readNatRange(token: Token, option: Token, rule: RuleState): NatRange {
  const text = token.value;
  const colon = text.indexOf(':');
  const addrText = colon < 0 ? text : text.slice(0, colon);
  const range: { addr?: Ipv4; addrTo?: Ipv4; port?: number; portTo?: number } = {};
  if (colon >= 0) {
    const portText = text.slice(colon + 1);
    if (portText.includes('/')) fail(token, `port shifting ("/${portText.split('/')[1]}") is not supported by podpath`);
    requirePortProto(option, rule);
    const dash = portText.indexOf('-');
    const base = colon + 1;
    if (dash < 0) {
      range.port = readNatPort(token, portText, base);
    } else {
      range.port = readNatPort(token, portText.slice(0, dash), base);
      range.portTo = readNatPort(token, portText.slice(dash + 1), base + dash + 1);
      if (range.portTo < range.port) fail(part(token, base + dash + 1, portText.slice(dash + 1)), `Port range \`${portText.slice(dash + 1)}' funky: the end is below ${range.port}`);
    }
  }
  if (addrText !== '' || colon < 0) {
    const dash = addrText.indexOf('-');
    const first = dash < 0 ? addrText : addrText.slice(0, dash);
    const addr = parseIpv4(first);
    if (addr === undefined) fail(token, `Bad IP address "${first}"; expected A.B.C.D[-A.B.C.D][:PORT[-PORT]]`);
    range.addr = addr;
    if (dash >= 0) {
      const second = addrText.slice(dash + 1);
      const addrTo = parseIpv4(second);
      if (addrTo === undefined) fail(part(token, dash + 1, second), `Bad IP address "${second}"`);
      range.addrTo = addrTo;
    }
  }
  return range;
}

/** `--to-ports P[-Q]` of MASQUERADE and REDIRECT. */
function readToPorts(token: Token, option: Token, rule: RuleState): PortRange {
  requirePortProto(option, rule);
  const dash = token.value.indexOf('-');
  if (dash < 0) {
    const port = readNatPort(token, token.value, 0);
    return { from: port, to: port };
  }
  const from = readNatPort(token, token.value.slice(0, dash), 0);
  const to = readNatPort(token, token.value.slice(dash + 1), dash + 1);
  if (to < from) fail(token, `Port range \`${token.value.slice(dash + 1)}' funky: the end is below ${from}`);
  return { from, to };
}

export const natTarget = (name: 'DNAT' | 'SNAT'): TargetFactory => (token, rule) => {
  let to: NatRange | undefined;
  let random = false;
  let randomFully = false;
  let persistent = false;
  const toOption = name === 'DNAT' ? 'to-destination' : 'to-source';
  const options: OptionDef[] = [
    { names: [toOption], args: 1, invert: false, parse: ([v], _n, opt) => (to = readNatRange(v, opt, rule)) },
    flagOption('random', () => (random = true)),
    flagOption('persistent', () => (persistent = true)),
  ];
  if (name === 'SNAT') options.push(flagOption('random-fully', () => (randomFully = true)));
  const ext: TargetExtension = {
    kind: 'target',
    name,
    token,
    options,
    used: new Set(),
    finish: () => {
      requireOption(ext, toOption);
      placeTarget(name, PLACES[name], token, rule);
    },
    build: () => ({
      kind: name,
      to: to!,
      ...(random ? { random } : {}),
      ...(randomFully ? { randomFully } : {}),
      ...(persistent ? { persistent } : {}),
    }),
  };
  return ext;
};

export function masqueradeTarget(token: Token, rule: RuleState): TargetExtension {
  let toPorts: PortRange | undefined;
  let random = false;
  let randomFully = false;
  return {
    kind: 'target',
    name: 'MASQUERADE',
    token,
    options: [
      { names: ['to-ports'], args: 1, invert: false, parse: ([v], _n, opt) => (toPorts = readToPorts(v, opt, rule)) },
      flagOption('random', () => (random = true)),
      flagOption('random-fully', () => (randomFully = true)),
    ],
    used: new Set(),
    finish: () => placeTarget('MASQUERADE', PLACES.MASQUERADE, token, rule),
    build: () => ({
      kind: 'MASQUERADE',
      ...(toPorts ? { toPorts } : {}),
      ...(random ? { random } : {}),
      ...(randomFully ? { randomFully } : {}),
    }),
  };
}

export function redirectTarget(token: Token, rule: RuleState): TargetExtension {
  let toPorts: PortRange | undefined;
  return {
    kind: 'target',
    name: 'REDIRECT',
    token,
    options: [
      { names: ['to-ports'], args: 1, invert: false, parse: ([v], _n, opt) => (toPorts = readToPorts(v, opt, rule)) },
      ...unsupportedOptions('random'),
    ],
    used: new Set(),
    finish: () => placeTarget('REDIRECT', PLACES.REDIRECT, token, rule),
    build: () => ({ kind: 'REDIRECT', ...(toPorts ? { toPorts } : {}) }),
  };
}
