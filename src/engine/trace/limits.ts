// The bounds on one trace's work and size. A trace that would exceed them stops with a
// TraceLimitError ("stopped after N steps: …") instead of running for ever or filling the
// memory of the tab or the terminal: an iptables goto loop matches rules without end, and a
// lab may be big enough that one conversation's events outgrow what a page can show.

/**
 * Events one trace may record (every step of every leg, ARP and responses included). The
 * shipped scenarios' longest conversations record a few hundred, a ping across a bridge of
 * 3,000 ports about 9,000; a page asked to show far more would freeze on them (each event is about 1.3 KB of JSON).
 */
export const TRACE_STEP_LIMIT = 50_000;

/** iptables rules one walk of one table may match (each is an event of the trace) */
export const RULE_HIT_LIMIT = 50_000;

export class TraceLimitError extends Error {
  constructor(
    readonly steps: number,
    why: string,
  ) {
    super(`stopped after ${steps} steps: ${why}`);
    this.name = 'TraceLimitError';
  }
}
