// Collects the events of a conversation: numbers them, records what each step did to its
// packet's headers, and stamps the state changes (state.ts) with the event they belong to.
import { diffHeaders } from '../packet/diff';
import type { Headers } from '../packet/headers';
import { packetView } from '../packet/view';
import type { EventCode, EventParams } from './events';
import type { StateRef } from './refs';
import type { StateDelta } from './state';
import type { At, TraceEvent } from './types';
import { TRACE_STEP_LIMIT, TraceLimitError } from './limits';

/** The part of a packet the recorder tracks between steps (the last headers it printed). */
export interface Traced {
  headers: Headers;
  lastTraced?: Headers;
}

/** A state change before it is stamped with the event it belongs to. */
export type Unstamped<D> = D extends StateDelta ? Omit<D, 'seq'> : never;
export type PendingDelta = Unstamped<StateDelta>;

/** Finds what changed in the kernel state of a place since it last looked. */
export interface StateWatcher {
  /** changes in the namespace of `at` (none for a fabric network) */
  changesAt(at: At): PendingDelta[];
  /** changes anywhere (the end of a leg) */
  changesAnywhere(): PendingDelta[];
}

export class Recorder {
  private events: TraceEvent[] = [];
  private seq = 0;
  private readonly deltas: StateDelta[] = [];
  /** changes waiting for the next event (counters bumped before the rule's event is emitted) */
  private pending: StateDelta[] = [];

  /**
   * `verdictOnly`: count the events (a drop still gets its `seq`) but keep none of them, no
   * header views, no diffs and no state changes: what the reachability matrix needs of a
   * conversation is its verdict and its drop, and it traces thousands.
   */
  constructor(
    private readonly watcher?: StateWatcher,
    private readonly verdictOnly = false,
  ) {}

  /**
   * False in verdict-only mode: a stage may then skip building an event's parameters and refs,
   * calling skip() instead so the events that follow keep the numbers a full trace gives them.
   */
  get recording(): boolean {
    return !this.verdictOnly;
  }

  /** Numbers `count` events without recording them (verdict-only mode). */
  skip(count = 1): void {
    this.seq += count;
  }

  /** Records one event; returns its seq. */
  emit<C extends EventCode>(pkt: Traced, at: At, fn: string, code: C, params: EventParams[C], refs?: readonly StateRef[]): number {
    const seq = this.seq++;
    if (seq >= TRACE_STEP_LIMIT) {
      throw new TraceLimitError(seq, `the conversation recorded more than ${TRACE_STEP_LIMIT} events (at ${code} on ${at.machine}${at.netns ? `/${at.netns}` : ''}); a lab this busy or a loop the walk cannot see`);
    }
    if (this.verdictOnly) return seq;
    const event: Record<string, unknown> = { seq, code, fn, at, params };
    if (refs && refs.length) event.refs = refs;
    event.packet = packetView(pkt.headers);
    if (pkt.lastTraced !== undefined && pkt.lastTraced !== pkt.headers) {
      const changes = diffHeaders(pkt.lastTraced, pkt.headers);
      if (changes.length) event.changes = changes;
    }
    this.events.push(event as unknown as TraceEvent);
    pkt.lastTraced = pkt.headers;
    this.stamp(seq, this.watcher?.changesAt(at) ?? []);
    return seq;
  }

  /** An iptables rule or policy (by refKey) counted a packet of `bytes`. */
  count(machine: string, netns: string, key: string, bytes: number): void {
    if (this.verdictOnly) return;
    // its seq is set when the next event is recorded
    this.pending.push({ seq: -1, op: 'count', table: 'counters', machine, netns, key, packets: 1, bytes });
  }

  private stamp(seq: number, found: readonly PendingDelta[]): void {
    if (this.pending.length) {
      for (const d of this.pending) {
        (d as { seq: number }).seq = seq;
        this.deltas.push(d);
      }
      this.pending = [];
    }
    for (const d of found) this.deltas.push({ ...d, seq } as StateDelta);
  }

  /** Hands over the events so far and starts a new leg (sequence numbers keep counting). */
  takeLeg(): TraceEvent[] {
    const events = this.events;
    this.events = [];
    const last = events.length ? events[events.length - 1].seq : Math.max(0, this.seq - 1);
    this.stamp(last, this.watcher?.changesAnywhere() ?? []);
    return events;
  }

  /** Every state change of the conversation so far, in order. */
  stateDeltas(): readonly StateDelta[] {
    return this.deltas;
  }
}
