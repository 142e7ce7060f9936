// TCP connection tracking states and transitions (net/netfilter/nf_conntrack_proto_tcp.c,
// tcp_conntracks[][][]). Window tracking is not modelled, so be_liberal changes nothing here;
// transitions the table marks invalid (sIV) make the packet INVALID.

export type TcpCtState =
  | 'NONE' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSE' | 'SYN_SENT2';

/** sIV: invalid; sIG: ignore (the state does not change, the packet is not invalid). */
export type TcpTransition = TcpCtState | 'INVALID' | 'IGNORE';

const STATES: readonly TcpCtState[] = ['NONE', 'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'SYN_SENT2'];

const sSS = 'SYN_SENT', sSR = 'SYN_RECV', sES = 'ESTABLISHED', sFW = 'FIN_WAIT', sCW = 'CLOSE_WAIT';
const sLA = 'LAST_ACK', sTW = 'TIME_WAIT', sCL = 'CLOSE', sS2 = 'SYN_SENT2', sIV = 'INVALID', sIG = 'IGNORE';

type Row = readonly TcpTransition[];
type Index = 'syn' | 'synack' | 'fin' | 'ack' | 'rst' | 'none';

// Columns: sNO, sSS, sSR, sES, sFW, sCW, sLA, sTW, sCL, sS2
const ORIGINAL: Record<Index, Row> = {
  syn: [sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2],
  synack: [sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR],
  fin: [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
  ack: [sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV],
  rst: [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
  none: [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
};
const REPLY: Record<Index, Row> = {
  syn: [sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2],
  synack: [sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR],
  fin: [sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV],
  ack: [sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG],
  rst: [sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL],
  none: [sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV],
};

/** get_conntrack_index */
export function tcpIndex(flags: readonly string[]): Index {
  if (flags.includes('RST')) return 'rst';
  if (flags.includes('SYN')) return flags.includes('ACK') ? 'synack' : 'syn';
  if (flags.includes('FIN')) return 'fin';
  if (flags.includes('ACK')) return 'ack';
  return 'none';
}

export function tcpTransition(state: TcpCtState, dir: 'original' | 'reply', flags: readonly string[]): TcpTransition {
  const table = dir === 'original' ? ORIGINAL : REPLY;
  return table[tcpIndex(flags)][STATES.indexOf(state)];
}

/**
 * tcp_new: may this packet start tracking a connection? A SYN always; with
 * nf_conntrack_tcp_loose=1 (the default) a mid-stream packet is picked up as ESTABLISHED.
 */
export function tcpNew(flags: readonly string[], loose: boolean): TcpCtState | undefined {
  const next = ORIGINAL[tcpIndex(flags)][0];
  if (next === 'SYN_SENT') return next;
  if (next === 'ESTABLISHED' && loose) return next;
  return undefined;
}
