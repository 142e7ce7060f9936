// Collects the events of one leg, numbering them and recording what each step changed.
import { diffHeaders } from '../packet/diff';
import type { Headers } from '../packet/headers';
import type { At, EventKind, I18nText, TraceEvent } from './types';

/** The part of a packet the recorder tracks between steps (the last headers it printed). */
export interface Traced {
  headers: Headers;
  lastTraced?: Headers;
}

export class Recorder {
  private events: TraceEvent[] = [];
  private seq = 0;

  emit(pkt: Traced, at: At, step: string, kind: EventKind, summary: I18nText, matched?: string): void {
    const changes = diffHeaders(pkt.lastTraced, pkt.headers);
    this.events.push({
      seq: this.seq++,
      at,
      step,
      kind,
      summary,
      ...(matched !== undefined ? { matched } : {}),
      packet: pkt.headers,
      ...(changes.length ? { changes } : {}),
    });
    pkt.lastTraced = pkt.headers;
  }

  /** Hands over the events so far and starts a new leg (sequence numbers keep counting). */
  takeLeg(): TraceEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}

export const t = (en: string, zh: string): I18nText => ({ en, 'zh-CN': zh });
