// The conntrack table of a namespace (net/netfilter/nf_conntrack_core.c): nf_conntrack_in
// finds or creates the entry for a packet and classifies it (NEW, ESTABLISHED, RELATED,
// INVALID); a new entry joins the table only when its first packet is confirmed (leaves
// POSTROUTING or reaches INPUT's end). NAT bindings live on the entry (nf_nat_core.c).
import type { CtState } from '../../config/netfilter';
import type { CtInvalidWhy } from '../../trace/causes';
import { formatTuple, invert, protoName, tupleKey, type CtTuple } from './tuple';
import { tcpNew, tcpTransition, type TcpCtState } from './tcp';

export interface CtEntry {
  readonly id: number;
  readonly orig: CtTuple;
  /** the tuple replies are expected to carry; NAT rewrites it */
  reply: CtTuple;
  tcp?: TcpCtState;
  seenReply: boolean;
  assured: boolean;
  confirmed: boolean;
  srcNat: boolean;
  dstNat: boolean;
  /** nat chains have been consulted for this manip type (a null binding counts) */
  natDone: { src: boolean; dst: boolean };
  mark: number;
}

export type CtDir = 'original' | 'reply';

/** What nf_conntrack_in attached to a packet. */
export interface CtInfo {
  readonly entry?: CtEntry;
  readonly dir: CtDir;
  readonly state: CtState; // NEW | ESTABLISHED | RELATED | INVALID | UNTRACKED
  /** for INVALID: why */
  readonly invalid?: CtInvalidWhy;
  readonly created?: boolean;
}

export interface CtSysctls {
  readonly loose: boolean; // nf_conntrack_tcp_loose
  readonly beLiberal: boolean; // nf_conntrack_tcp_be_liberal
}

export class ConntrackTable {
  private readonly byTuple = new Map<string, { entry: CtEntry; dir: CtDir }>();
  private nextId = 1;
  readonly entries: CtEntry[] = [];
  /** Counts changes to the table or its entries (see Netns.stateVersion). */
  version = 0;

  /** An entry changed outside the table (a NAT binding, CONNMARK, IPVS). */
  touch(): void {
    this.version++;
  }

  lookup(t: CtTuple): { entry: CtEntry; dir: CtDir } | undefined {
    return this.byTuple.get(tupleKey(t));
  }

  /** nf_conntrack_in for one packet's tuple and TCP flags. */
  classify(t: CtTuple, tcpFlags: readonly string[] | undefined, sys: CtSysctls): CtInfo {
    const found = this.lookup(t);
    if (found) {
      const { entry, dir } = found;
      const [tcp0, replied0, assured0] = [entry.tcp, entry.seenReply, entry.assured];
      if (entry.tcp !== undefined && tcpFlags) {
        const next = tcpTransition(entry.tcp, dir, tcpFlags);
        if (next === 'INVALID') {
          return { entry: undefined, dir, state: 'INVALID', invalid: { code: 'tcp-state', flags: tcpFlags, state: entry.tcp, dir } };
        }
        if (next !== 'IGNORE') entry.tcp = next;
        // "If only reply is a RST, we can consider ourselves not to have an established
        // connection ... delete the conntrack immediately" (nf_conntrack_tcp_packet)
        if (dir === 'reply' && !entry.seenReply && tcpFlags.includes('RST')) {
          this.kill(entry);
          return { entry, dir, state: 'ESTABLISHED' };
        }
      }
      if (dir === 'reply') entry.seenReply = true;
      if (dir === 'reply' && entry.tcp === 'ESTABLISHED') entry.assured = true;
      if (entry.tcp !== tcp0 || entry.seenReply !== replied0 || entry.assured !== assured0) this.version++;
      return { entry, dir, state: dir === 'reply' || entry.seenReply ? 'ESTABLISHED' : 'NEW' };
    }
    let tcp: TcpCtState | undefined;
    if (t.proto === 6) {
      tcp = tcpNew(tcpFlags ?? [], sys.loose);
      if (!tcp) return { dir: 'original', state: 'INVALID', invalid: { code: 'tcp-start', flags: tcpFlags ?? [], loose: sys.loose } };
    }
    const entry: CtEntry = {
      id: this.nextId++, orig: t, reply: invert(t), tcp, seenReply: false, assured: false, confirmed: false,
      srcNat: false, dstNat: false, natDone: { src: false, dst: false }, mark: 0,
    };
    return { entry, dir: 'original', state: 'NEW', created: true };
  }

  /** __nf_conntrack_confirm: the first packet made it through; the entry becomes visible. */
  confirm(entry: CtEntry): void {
    if (entry.confirmed) return;
    this.version++;
    entry.confirmed = true;
    this.entries.push(entry);
    this.byTuple.set(tupleKey(entry.orig), { entry, dir: 'original' });
    this.byTuple.set(tupleKey(entry.reply), { entry, dir: 'reply' });
  }

  /** nf_ct_kill: the entry leaves the table (a packet holding it still sees its NAT). */
  kill(entry: CtEntry): void {
    this.version++;
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
    this.byTuple.delete(tupleKey(entry.orig));
    this.byTuple.delete(tupleKey(entry.reply));
  }
}

/** A line of `conntrack -L`. */
export function formatCtEntry(e: CtEntry): string {
  const proto = protoName(e.orig.proto);
  const parts = [`${proto.padEnd(6)}${e.orig.proto}`];
  if (e.tcp) parts.push(e.tcp);
  parts.push(formatTuple(e.orig));
  if (!e.seenReply) parts.push('[UNREPLIED]');
  parts.push(formatTuple(e.reply));
  if (e.assured) parts.push('[ASSURED]');
  parts.push(`mark=${e.mark}`, 'use=1');
  return parts.join(' ');
}
