// The wire layer against bytes this kernel sent (test/fixtures/wire, captured by
// scripts/capture-wire-fixtures.sh): each fixture parses into the headers tcpdump shows,
// emits back to the same bytes (every checksum recomputed), and the trace's view of it, with
// the kernel's choices for what a view does not hold, emits the kernel's bytes.
import { describe, expect, it } from 'vitest';
import { emitLayers, emitView, parsePacket, viewOfLayers, type WireLayer } from '../../src/engine/wire/packet';
import { internetChecksum } from '../../src/engine/wire/checksum';
import { WireError } from '../../src/engine/wire/bytes';
import { readPcap } from '../testing/pcapFile';

const LINKTYPE_ETHERNET = 1;
const fixture = (name: string) => {
  const { linktype, packets } = readPcap(`test/fixtures/wire/${name}.pcap`);
  expect(linktype).toBe(LINKTYPE_ETHERNET);
  expect(packets).toHaveLength(1);
  return packets[0];
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const A = { mac: '02:00:00:00:0a:01', ip: '10.99.0.1' };
const B = { mac: '02:00:00:00:0b:01', ip: '10.99.0.2' };

/** The IPv4 identifications of parsed layers, outer first: the kernel's choice, given back to emitView. */
const ipIds = (layers: readonly WireLayer[]) => layers.flatMap((l) => (l.layer === 'ipv4' ? [l.header.id] : []));

describe('the wire layer round-trips the kernel fixtures', () => {
  for (const name of ['arp-request', 'icmp-echo', 'udp', 'icmp-port-unreachable', 'tcp-syn', 'vxlan', 'ipip-outer']) {
    it(`${name}: parse then emit gives the same bytes`, () => {
      const bytes = fixture(name);
      expect(hex(emitLayers(parsePacket(bytes, 'ethernet')))).toBe(hex(bytes));
    });
  }
});

describe('the kernel fixtures read as the trace would show them', () => {
  it('an ARP request', () => {
    expect(viewOfLayers(parsePacket(fixture('arp-request'), 'ethernet'))).toEqual([
      { layer: 'eth', src: A.mac, dst: 'ff:ff:ff:ff:ff:ff', type: 0x0806 },
      { layer: 'arp', op: 'request', senderMac: A.mac, senderIp: A.ip, targetMac: '00:00:00:00:00:00', targetIp: B.ip },
    ]);
  });
  it('a TCP SYN (its options are the kernel\'s: MSS, SACK, timestamps, window scale)', () => {
    const view = viewOfLayers(parsePacket(fixture('tcp-syn'), 'ethernet'));
    expect(view[1]).toEqual({ layer: 'ipv4', src: A.ip, dst: B.ip, ttl: 64, protocol: 6, length: 60, df: true });
    expect(view[2]).toMatchObject({ layer: 'tcp', sport: 40002, dport: 8080, flags: ['SYN'], ack: 0, payload: 0 });
  });
  it('a VXLAN frame: outer UDP to 4789, VNI 42, the inner ARP', () => {
    const view = viewOfLayers(parsePacket(fixture('vxlan'), 'ethernet'));
    expect(view.map((h) => h.layer)).toEqual(['eth', 'ipv4', 'udp', 'vxlan', 'eth', 'arp']);
    expect(view[2]).toMatchObject({ dport: 4789 });
    expect(view[3]).toEqual({ layer: 'vxlan', vni: 42 });
    expect(view[5]).toMatchObject({ op: 'request', senderIp: '10.98.0.1', targetIp: '10.98.0.2' });
  });
  it('an IP-in-IP packet: protocol 4 around the ICMP echo', () => {
    const view = viewOfLayers(parsePacket(fixture('ipip-outer'), 'ethernet'));
    expect(view.map((h) => h.layer)).toEqual(['eth', 'ipv4', 'ipv4', 'icmp']);
    expect(view[1]).toMatchObject({ protocol: 4, length: 72, df: true });
    expect(view[3]).toMatchObject({ type: 8, code: 0, seq: 1 });
  });
});

describe('emitting the view gives the kernel\'s bytes, given the kernel\'s own choices', () => {
  it('ARP: the view is every field', () => {
    const bytes = fixture('arp-request');
    expect(hex(emitView(viewOfLayers(parsePacket(bytes, 'ethernet')), { ipId: () => 0 }))).toBe(hex(bytes));
  });
  it('VXLAN around ARP: the view and the outer IPv4 identification', () => {
    const bytes = fixture('vxlan');
    const layers = parsePacket(bytes, 'ethernet');
    expect(hex(emitView(viewOfLayers(layers), { ipId: (d) => ipIds(layers)[d] }))).toBe(hex(bytes));
  });
  // UDP, an ICMP echo and IP-in-IP around it: the view, the IPv4 identifications and the
  // payload bytes (the kernel's data: "hello\n", ping's timestamp and pattern)
  for (const name of ['udp', 'icmp-echo', 'ipip-outer']) {
    it(`${name}: the view, the IPv4 identifications and the payload`, () => {
      const bytes = fixture(name);
      const layers = parsePacket(bytes, 'ethernet');
      const data = layers[layers.length - 1];
      if (data.layer !== 'data') throw new Error('no payload');
      const payload = (length: number) => {
        expect(length).toBe(data.bytes.length);
        return data.bytes;
      };
      expect(hex(emitView(viewOfLayers(layers), { ipId: (d) => ipIds(layers)[d], payload }))).toBe(hex(bytes));
    });
  }
  it('with podpath\'s own payload only the payload and the checksum over it differ', () => {
    const bytes = fixture('udp');
    const layers = parsePacket(bytes, 'ethernet');
    const emitted = emitView(viewOfLayers(layers), { ipId: (d) => ipIds(layers)[d] });
    const udpChecksum = 14 + 20 + 6;
    const strip = (b: Uint8Array) => hex(Uint8Array.from(b.subarray(0, b.length - 6)).fill(0, udpChecksum, udpChecksum + 2));
    expect(strip(emitted)).toBe(strip(bytes));
    expect(hex(emitted.subarray(emitted.length - 6))).toBe('000102030405');
  });
  // Not compared this way: the TCP SYN (the kernel's options are not in the view; podpath
  // sends none) and the port unreachable (the kernel quotes the whole datagram, the view 8
  // bytes of it, RFC 792).
});

describe('checksums', () => {
  it('the RFC 1071 example sums to ~0xddf2', () => {
    expect(internetChecksum(Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]))).toBe(~0xddf2 & 0xffff);
  });
  it('a header with its checksum in place sums to zero', () => {
    const ip = fixture('icmp-echo').subarray(14, 34);
    expect(internetChecksum(ip)).toBe(0);
  });
});

describe('bad bytes are a WireError, not a crash', () => {
  it('a short frame', () => expect(() => parsePacket(new Uint8Array(10), 'ethernet')).toThrow(WireError));
  it('IPv6 where IPv4 was expected', () => expect(() => parsePacket(Uint8Array.from([0x60, ...new Array(39).fill(0)]), 'ip')).toThrow(/version 6/));
});
