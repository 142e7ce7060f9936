// net.ipv4.ip_default_ttl: the TTL of what a namespace sends itself (ip_select_ttl), per
// namespace, 1 to 255. It used to be accepted with an "unmodelled" warning and ignored (issue 15).
import { describe, expect, it } from 'vitest';
import { buildMachine, flow, lab } from '../testing';

const pair = (a: string, b: string) =>
  lab({
    networks: ['lan'],
    machines: {
      a: { nics: ['eth0@lan'], script: `ip addr add 10.9.1.2/24 dev eth0\nip link set eth0 up\n${a}` },
      b: { nics: ['eth0@lan'], script: `ip addr add 10.9.1.3/24 dev eth0\nip link set eth0 up\nsocat TCP-LISTEN:80,fork EXEC:cat &\n${b}` },
    },
  });

/** Each leg's IPv4 TTL as it was sent. */
const ttls = (w: ReturnType<typeof lab>, to: string) =>
  w.trace(flow('a', to)).legs.map((l) => {
    const first = l.events.find((e) => e.packet?.some((h) => h.layer === 'ipv4'));
    return `${l.packet}: ${first?.packet?.find((h) => h.layer === 'ipv4')?.ttl}`;
  });

describe('net.ipv4.ip_default_ttl', () => {
  it('sets the TTL of the packets each namespace sends (the SYN-ACK and the reset are the server side\'s)', () => {
    const w = pair('sysctl -w net.ipv4.ip_default_ttl=7', 'sysctl -w net.ipv4.ip_default_ttl=200');
    expect(w.warnings).toEqual([]);
    expect(ttls(w, '10.9.1.3:80')).toEqual(['SYN: 7', 'SYN-ACK: 200', 'ACK: 7', 'data: 7']);
    expect(ttls(w, '10.9.1.3:81')).toEqual(['SYN: 7', 'RST: 200']);
  });

  it('is 64 in a namespace that does not set it', () => {
    expect(ttls(pair('', ''), '10.9.1.3:80')).toEqual(['SYN: 64', 'SYN-ACK: 64', 'ACK: 64', 'data: 64']);
  });

  it('refuses 0 and 256 as sysctl does (measured on kernel 6.18)', () => {
    expect(buildMachine('sysctl -w net.ipv4.ip_default_ttl=0\nsysctl -w net.ipv4.ip_default_ttl=256\nsysctl -w net.ipv4.ip_default_ttl=255').errors).toEqual([
      '1: sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument',
      '2: sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument',
    ]);
  });
});
