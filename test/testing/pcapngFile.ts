// Reads a pcapng file back, block by block, checking the framing as it goes (each block's two
// length fields agree, bodies are padded to 4): for the writer's tests, not a general reader
// (one section, little endian, the blocks and options podpath writes).
export interface ReadInterface {
  readonly linktype: number;
  readonly snaplen: number;
  readonly options: Record<number, string>;
}

export interface ReadPacket {
  readonly iface: number;
  readonly timestampUs: number;
  readonly data: Uint8Array;
  readonly options: Record<number, string>;
}

export interface ReadPcapng {
  readonly blockTypes: number[];
  readonly shbOptions: Record<number, string>;
  readonly interfaces: ReadInterface[];
  readonly packets: ReadPacket[];
}

const text = new TextDecoder();

function readOptions(b: Uint8Array, start: number, end: number): Record<number, string> {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Record<number, string> = {};
  for (let o = start; o + 4 <= end; ) {
    const code = dv.getUint16(o, true);
    const len = dv.getUint16(o + 2, true);
    if (code === 0) break;
    out[code] = text.decode(b.subarray(o + 4, o + 4 + len));
    o += 4 + ((len + 3) & ~3);
  }
  return out;
}

export function readPcapng(b: Uint8Array): ReadPcapng {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: ReadPcapng = { blockTypes: [], shbOptions: {}, interfaces: [], packets: [] };
  let shb: Record<number, string> = {};
  for (let o = 0; o < b.length; ) {
    const type = dv.getUint32(o, true);
    const len = dv.getUint32(o + 4, true);
    if (len % 4 !== 0 || o + len > b.length) throw new Error(`block at ${o}: length ${len}`);
    if (dv.getUint32(o + len - 4, true) !== len) throw new Error(`block at ${o}: trailing length differs`);
    out.blockTypes.push(type);
    const end = o + len - 4;
    if (type === 0x0a0d0d0a) {
      if (dv.getUint32(o + 8, true) !== 0x1a2b3c4d) throw new Error('byte-order magic');
      shb = readOptions(b, o + 24, end);
    } else if (type === 1) {
      out.interfaces.push({ linktype: dv.getUint16(o + 8, true), snaplen: dv.getUint32(o + 12, true), options: readOptions(b, o + 16, end) });
    } else if (type === 6) {
      const caplen = dv.getUint32(o + 20, true);
      const optStart = o + 28 + ((caplen + 3) & ~3);
      out.packets.push({
        iface: dv.getUint32(o + 8, true),
        timestampUs: dv.getUint32(o + 12, true) * 2 ** 32 + dv.getUint32(o + 16, true),
        data: b.slice(o + 28, o + 28 + caplen),
        options: readOptions(b, optStart, end),
      });
    }
    o += len;
  }
  return { ...out, shbOptions: shb };
}
