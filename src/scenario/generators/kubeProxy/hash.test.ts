import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base32, endpointChain, portProtoHash, serviceChains, servicePortName, sha256 } from './hash';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('hashes %j as FIPS 180-4 says', (text, digest) => {
    expect(hex(sha256(new TextEncoder().encode(text)))).toBe(digest);
  });

  it('agrees with node:crypto across block boundaries', () => {
    for (let n = 0; n < 200; n += 7) {
      const text = 'k'.repeat(n);
      expect(hex(sha256(new TextEncoder().encode(text)))).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
});

describe('base32', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('encodes %j like RFC 4648 (without padding)', (text, encoded) => {
    expect(base32(new TextEncoder().encode(text))).toBe(encoded);
  });
});

describe('kube-proxy chain names', () => {
  // Names seen on real clusters and in kube-proxy's own tests.
  it.each([
    ['default', 'kubernetes', 'https', 'tcp', 'NPX46M4PTMTKRN6Y'],
    ['kube-system', 'kube-dns', 'dns', 'udp', 'TCOU7JCQXEZGVUNU'],
    ['kube-system', 'kube-dns', 'dns-tcp', 'tcp', 'ERIFXISQEP7F7OF4'],
    ['kube-system', 'kube-dns', 'metrics', 'tcp', 'JD5MR3NA4I4DYORP'],
    ['default', 'nginx', undefined, 'tcp', '2CMXP7HKUVJN7L6M'],
    ['ns1', 'svc1', 'p80', 'tcp', 'XPGD46QRK7WJZT7O'],
    ['ns2', 'svc2', 'p80', 'tcp', 'GNZBNJ2PO5MGZ6GT'],
  ])('%s/%s:%s/%s → %s', (namespace, name, port, protocol, hash) => {
    expect(portProtoHash(servicePortName(namespace, name, port), protocol)).toBe(hash);
  });

  it('names every per-service chain from the same hash', () => {
    expect(serviceChains('ns1/svc1:p80', 'TCP')).toEqual({
      svc: 'KUBE-SVC-XPGD46QRK7WJZT7O',
      svl: 'KUBE-SVL-XPGD46QRK7WJZT7O',
      ext: 'KUBE-EXT-XPGD46QRK7WJZT7O',
      fw: 'KUBE-FW-XPGD46QRK7WJZT7O',
    });
  });

  it('names endpoint chains from the endpoint too', () => {
    expect(endpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(endpointChain('ns1/svc1:p80', 'tcp', '10.0.1.1:80')).toBe('KUBE-SEP-SNQ3ZNILQDEJNDQO');
    expect(endpointChain('ns2/svc2:p8080', 'tcp', '10.0.2.1:8080')).toBe('KUBE-SEP-UHEGFW77JX3KXTOV');
  });
});
