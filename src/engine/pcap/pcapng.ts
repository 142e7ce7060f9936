// A pcapng writer (draft-ietf-opsawg-pcapng): one Section Header Block, one Interface
// Description Block per interface (its link type and `if_name`), one Enhanced Packet Block per
// packet (microsecond timestamps, the default `if_tsresol`, and an optional comment). Little
// endian, as the byte-order magic says. Pure: the page builds the same bytes as the CLI.
import { concat } from '../wire/bytes';

export const LINKTYPE_ETHERNET = 1;
/** Raw IPv4/IPv6, no link header: what tcpdump shows on an ipip or tun device. */
export const LINKTYPE_RAW = 101;

export interface PcapngInterface {
  readonly name: string;
  readonly linktype: number;
}

export interface PcapngPacket {
  /** index into the interfaces */
  readonly iface: number;
  /** microseconds since the epoch */
  readonly timestampUs: number;
  readonly data: Uint8Array;
  readonly comment?: string;
}

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT_END = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const SNAPLEN = 262144;

const text = new TextEncoder();
const pad4 = (n: number) => (n + 3) & ~3;

/** Options as pcapng lays them out: code, length, value padded to 4 bytes, then opt_endofopt. */
function options(list: ReadonlyArray<readonly [number, string]>): Uint8Array {
  const values = list.map(([code, value]) => [code, text.encode(value)] as const);
  const out = new Uint8Array(values.reduce((n, [, v]) => n + 4 + pad4(v.length), 0) + 4);
  const dv = new DataView(out.buffer);
  let o = 0;
  for (const [code, v] of values) {
    dv.setUint16(o, code, true);
    dv.setUint16(o + 2, v.length, true);
    out.set(v, o + 4);
    o += 4 + pad4(v.length);
  }
  dv.setUint16(o, OPT_END, true);
  return out;
}

/** A block: type, total length, the body (padded to 4), the total length again. */
function block(type: number, body: Uint8Array): Uint8Array {
  const total = 12 + pad4(body.length);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, type, true);
  dv.setUint32(4, total, true);
  out.set(body, 8);
  dv.setUint32(total - 4, total, true);
  return out;
}

function fields(size: number, write: (dv: DataView) => void): Uint8Array {
  const out = new Uint8Array(size);
  write(new DataView(out.buffer));
  return out;
}

const join = (parts: readonly Uint8Array[]): Uint8Array => concat(...parts);

export function writePcapng(interfaces: readonly PcapngInterface[], packets: readonly PcapngPacket[], application = 'podpath'): Uint8Array {
  const shb = block(
    SHB,
    join([
      fields(16, (dv) => {
        dv.setUint32(0, BYTE_ORDER_MAGIC, true);
        dv.setUint16(4, 1, true); // major version
        dv.setUint16(6, 0, true); // minor version
        dv.setBigInt64(8, -1n, true); // section length: not given
      }),
      options([[SHB_USERAPPL, application]]),
    ]),
  );
  const idbs = interfaces.map((i) =>
    block(IDB, join([fields(8, (dv) => (dv.setUint16(0, i.linktype, true), dv.setUint32(4, SNAPLEN, true))), options([[IF_NAME, i.name]])])),
  );
  const epbs = packets.map((p) => {
    if (p.iface < 0 || p.iface >= interfaces.length) throw new RangeError(`pcapng: packet on interface ${p.iface}, ${interfaces.length} described`);
    const head = fields(20, (dv) => {
      dv.setUint32(0, p.iface, true);
      dv.setUint32(4, Math.floor(p.timestampUs / 2 ** 32), true);
      dv.setUint32(8, p.timestampUs >>> 0, true);
      dv.setUint32(12, p.data.length, true); // captured
      dv.setUint32(16, p.data.length, true); // on the wire
    });
    const data = new Uint8Array(pad4(p.data.length));
    data.set(p.data);
    return block(EPB, join([head, data, options(p.comment ? [[OPT_COMMENT, p.comment]] : [])]));
  });
  return join([shb, ...idbs, ...epbs]);
}
