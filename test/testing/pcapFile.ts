// Reads a classic pcap file (what `tcpdump -w` writes): its link type and each packet's bytes.
// For the wire fixtures (test/fixtures/wire, scripts/capture-wire-fixtures.sh).
import { readFileSync } from 'node:fs';

export interface PcapFile {
  readonly linktype: number;
  readonly packets: readonly Uint8Array[];
}

export function readPcap(path: string): PcapFile {
  const b = readFileSync(path);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && view.getUint32(0, false) !== 0xa1b2c3d4 && view.getUint32(0, false) !== 0xa1b23c4d) throw new Error(`${path}: not a pcap file`);
  const linktype = view.getUint32(20, little);
  const packets: Uint8Array[] = [];
  for (let o = 24; o + 16 <= b.length; ) {
    const caplen = view.getUint32(o + 8, little);
    packets.push(new Uint8Array(b.subarray(o + 16, o + 16 + caplen)));
    o += 16 + caplen;
  }
  return { linktype, packets };
}
