// Which steps the playback and the timeline show: all of them, the packet's hops only, all but
// netfilter's details, or only where it died or was rewritten. Decided from each step's event
// (its kind and the header changes the engine recorded), never from names. Pure; no React.
import type { HeaderChange } from '../../engine/packet/diff';
import type { EventKind } from '../../engine/trace/events';
import type { Step } from './steps';

export const STEP_FILTERS = ['all', 'hops', 'no-netfilter', 'drops-rewrites'] as const;
export type StepFilter = (typeof STEP_FILTERS)[number];

export function isStepFilter(x: unknown): x is StepFilter {
  return typeof x === 'string' && (STEP_FILTERS as readonly string[]).includes(x);
}

/** A drop: where a leg died, or a drop event on the way (an ARP request a device could not send). */
export function isDropStep(step: Step): boolean {
  return step.isDrop || step.kind === 'drop';
}

/** The packet moves: out of a device, into one, across the fabric, into or out of a tunnel, to a socket. */
const HOP_KINDS: ReadonlySet<EventKind> = new Set(['xmit', 'recv', 'fabric', 'encap', 'decap', 'deliver']);
/** What "hide netfilter details" hides: rule matches and conntrack lookups (NAT's rewrites stay). */
const NETFILTER_KINDS: ReadonlySet<EventKind> = new Set(['nf-rule', 'conntrack']);
/** Header fields whose change is a rewrite: addresses (IP and MAC) and ports; not the TTL a router decrements. */
const REWRITE_FIELDS: ReadonlySet<string> = new Set(['src', 'dst', 'sport', 'dport']);

/**
 * A change a learner calls a rewrite: an address, MAC or port set to another value, or a layer
 * pushed or popped in front of the packet other than its Ethernet header (encapsulation,
 * decapsulation). Linux framing a packet for each link (eth pushed at xmit, stripped on
 * receive) is not one.
 */
export function isRewriteChange(change: HeaderChange): boolean {
  return change.op === 'set' ? REWRITE_FIELDS.has(change.field) : change.layer !== 'eth';
}

/** The step rewrote the packet's headers (NAT, IPVS, encapsulation, a MAC rewrite), per the engine's own diff. */
export function isRewrite(step: Step): boolean {
  return (step.event.changes ?? []).some(isRewriteChange);
}

export function isHop(step: Step): boolean {
  return HOP_KINDS.has(step.kind);
}

/**
 * Whether `step` shows under `filter`. A drop shows under every filter, and so does each leg's
 * last step (where its packet ended: a socket or a drop), so one-packet playback and the end
 * view always have somewhere to stop.
 */
export function stepVisible(step: Step, filter: StepFilter, legEnd: boolean): boolean {
  if (filter === 'all' || legEnd || isDropStep(step)) return true;
  switch (filter) {
    case 'hops':
      return isHop(step);
    case 'no-netfilter':
      return !NETFILTER_KINDS.has(step.kind);
    case 'drops-rewrites':
      return isRewrite(step);
  }
}

/** True for each step that is the last of its leg. */
export function legEnds(steps: readonly Step[]): boolean[] {
  return steps.map((s, i) => steps[i + 1]?.legIndex !== s.legIndex);
}

/** The steps shown under `filter`, in order. */
export function visibleSteps(steps: readonly Step[], filter: StepFilter): Step[] {
  const ends = legEnds(steps);
  return steps.filter((s, i) => stepVisible(s, filter, ends[i]));
}
