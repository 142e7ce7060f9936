// The short forms a flow is written in: `from: node1/pod1` (machine or machine/namespace) and
// `to: 10.0.0.1:8080` (address, and a port for TCP and UDP). Each parser returns the value or
// a message saying what was expected.
import { parseIpv4 } from '../engine/addr/ipv4';
import type { Endpoint, Flow, Protocol } from '../engine/trace/types';

/** Machine and namespace names: what `ip netns add` and a DNS-ish label both accept. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function parseEndpoint(text: string): Parsed<Endpoint> {
  const [machine, netns, extra] = text.split('/');
  if (extra !== undefined || !NAME_PATTERN.test(machine) || (netns !== undefined && !NAME_PATTERN.test(netns))) {
    return { ok: false, message: `expected MACHINE or MACHINE/NAMESPACE, got "${text}"` };
  }
  return { ok: true, value: { machine, netns: netns ?? '' } };
}

export interface Target {
  readonly addr: string;
  readonly port?: number;
}

export function parseTarget(text: string): Parsed<Target> {
  const match = /^([^:]+)(?::(.*))?$/.exec(text);
  const addr = match?.[1] ?? '';
  if (parseIpv4(addr) === undefined) {
    return { ok: false, message: `expected ADDRESS or ADDRESS:PORT with an IPv4 address, got "${text}"` };
  }
  const portText = match?.[2];
  if (portText === undefined) return { ok: true, value: { addr } };
  const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    return { ok: false, message: `expected a port from 1 to 65535 after "${addr}:", got "${portText}"` };
  }
  return { ok: true, value: { addr, port } };
}

/** TCP and UDP need a port; ICMP has none. Undefined when the pair is consistent. */
export function portProblem(protocol: Protocol, target: Target, text: string): string | undefined {
  if (protocol === 'icmp' && target.port !== undefined) {
    return `icmp has no ports: expected the address alone, got "${text}"`;
  }
  if (protocol !== 'icmp' && target.port === undefined) {
    return `${protocol} needs a port: expected ADDRESS:PORT, got "${text}"`;
  }
  return undefined;
}

/** A flow from its three short forms (the page's flow builder and links use this). */
export function parseFlowSpec(id: string, from: string, to: string, protocol: string): Parsed<Flow> {
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'icmp') {
    return { ok: false, message: `expected protocol tcp, udp or icmp, got "${protocol}"` };
  }
  const source = parseEndpoint(from.trim());
  if (!source.ok) return source;
  const target = parseTarget(to.trim());
  if (!target.ok) return target;
  const problem = portProblem(protocol, target.value, to.trim());
  if (problem) return { ok: false, message: problem };
  return { ok: true, value: { id, from: source.value, to: target.value, protocol } };
}

/** `node1/pod1` or `node1`, the way flows are written. */
export function formatEndpoint(e: Endpoint): string {
  return e.netns ? `${e.machine}/${e.netns}` : e.machine;
}

/** `10.0.0.1:8080` or `10.0.0.1`. */
export function formatTarget(t: Target): string {
  return t.port === undefined ? t.addr : `${t.addr}:${t.port}`;
}
