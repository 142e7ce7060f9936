// IPv4 addresses as unsigned 32-bit numbers, and prefixes (CIDR).
// Models the value types of include/linux/inet.h / net/ipv4/devinet.c helpers.

/** An IPv4 address as an unsigned 32-bit integer (host order). */
export type Ipv4 = number;

/**
 * An IPv4 address as traces publish it: dotted, `10.0.0.1`.
 * @pattern ^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$
 */
export type DottedIpv4 = string;

/** A CIDR prefix: network address (already masked) and length. */
export interface Prefix {
  readonly addr: Ipv4;
  readonly len: number;
}

export function parseIpv4(text: string): Ipv4 | undefined {
  // four dot-separated octets of one to three decimal digits each, up to 255, read character
  // by character (it runs for every address a big lab's script names: no split, no regex)
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      octet = octet * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || octet > 255 || ++dots > 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || octet > 255) return undefined;
  return (value * 256 + octet) >>> 0;
}

// A trace writes the same few addresses thousands of times: remember them (bounded).
const dotted = new Map<Ipv4, string>();

export function formatIpv4(addr: Ipv4): string {
  let text = dotted.get(addr);
  if (text === undefined) {
    text = `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
    if (dotted.size >= 4096) dotted.clear();
    dotted.set(addr, text);
  }
  return text;
}

export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export function inPrefix(addr: Ipv4, prefix: Prefix): boolean {
  return ((addr & maskOf(prefix.len)) >>> 0) === prefix.addr;
}

export function makePrefix(addr: Ipv4, len: number): Prefix {
  return { addr: (addr & maskOf(len)) >>> 0, len };
}

/**
 * Parses "10.0.0.0/8", "10.1.2.3" (a /32) or "default"/"any"/"all" (0/0) as `ip` does.
 * `strict` refuses host bits set (as `ip route` does: "Invalid prefix for given prefix length").
 */
export function parsePrefix(text: string, strict = false): Prefix | undefined {
  if (text === 'default' || text === 'any' || text === 'all') return { addr: 0, len: 0 };
  const [ip, len, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const addr = parseIpv4(ip);
  if (addr === undefined) return undefined;
  const bits = len === undefined ? 32 : /^\d{1,2}$/.test(len) ? Number(len) : NaN;
  if (!(bits >= 0 && bits <= 32)) return undefined;
  const prefix = makePrefix(addr, bits);
  if (strict && prefix.addr !== addr) return undefined;
  return prefix;
}

export function formatPrefix(prefix: Prefix): string {
  if (prefix.len === 0) return 'default';
  return prefix.len === 32 ? formatIpv4(prefix.addr) : `${formatIpv4(prefix.addr)}/${prefix.len}`;
}

export function broadcastOf(addr: Ipv4, len: number): Ipv4 {
  return (addr | ~maskOf(len)) >>> 0;
}

export const LIMITED_BROADCAST: Ipv4 = 0xffffffff;

export function isLoopback(addr: Ipv4): boolean {
  return addr >>> 24 === 127;
}

export function isMulticast(addr: Ipv4): boolean {
  return addr >>> 28 === 0xe;
}

/** ipv4_is_zeronet: 0.0.0.0/8 */
export function isZeronet(addr: Ipv4): boolean {
  return addr >>> 24 === 0;
}

export function isLinkLocal(addr: Ipv4): boolean {
  return addr >>> 16 === 0xa9fe;
}
