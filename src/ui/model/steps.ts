// A trace as the playback walks it: every event of every leg in order, each knowing its leg
// and the event before it (whose packet the inspector diffs against). Pure; no React.
import { eventKind, type EventKind } from '../../engine/trace/events';
import { traceDrop } from '../../engine/trace/expectation';
import { stepLabel } from '../../engine/trace/label';
import type { Drop, Leg, Trace, TraceEvent } from '../../engine/trace/types';

export interface Step {
  /** Position in the whole conversation (0-based). */
  readonly index: number;
  readonly legIndex: number;
  readonly leg: Leg;
  readonly event: TraceEvent;
  /** The event's coarse kind (icon, colour, which state panel it concerns). */
  readonly kind: EventKind;
  /** The kernel step's name: its function, with hook and table for netfilter (`ipt_do_table FORWARD/filter`). */
  readonly label: string;
  /** The step before this one in the same leg; undefined for a leg's first step. */
  readonly previous?: TraceEvent;
  /** True for the step where a dropped leg's packet died (its drop event). */
  readonly isDrop: boolean;
  /**
   * For a drop step: `flow` when it is the drop of the flow's own packet (the verdict's, the
   * card's, the CLI's), `follow-on` when a later packet died — an answer the kernel sent back
   * (an ICMP error, a RST) that could not be routed or was dropped on its way.
   */
  readonly dropRole?: 'flow' | 'follow-on';
}

export function stepsOf(trace: Trace): Step[] {
  const steps: Step[] = [];
  const flowDrop = traceDrop(trace);
  trace.legs.forEach((leg, legIndex) => {
    const dropAt = leg.verdict === 'dropped' ? dropEventIndex(leg) : -1;
    leg.events.forEach((event, i) => {
      const isDrop = i === dropAt;
      steps.push({
        index: steps.length,
        legIndex,
        leg,
        event,
        kind: eventKind(event.code),
        label: stepLabel(event),
        previous: i > 0 ? leg.events[i - 1] : undefined,
        isDrop,
        ...(isDrop ? { dropRole: flowDrop !== undefined && leg.drop === flowDrop ? ('flow' as const) : ('follow-on' as const) } : {}),
      });
    });
  });
  return steps;
}

/** The event where a dropped leg's packet died: its drop's event, else (no event of that seq) the leg's last. */
function dropEventIndex(leg: Leg): number {
  const i = leg.drop ? leg.events.findIndex((e) => e.seq === leg.drop!.seq) : -1;
  return i >= 0 ? i : leg.events.length - 1;
}

/** The step where the flow's own packet died, if it did. */
export function flowDropStep(steps: readonly Step[]): Step | undefined {
  return steps.find((s) => s.dropRole === 'flow');
}

/**
 * The drop the inspector's end view shows in full at the last step: the flow's own (the last
 * step's when it is that drop, else as the conversation's summary), never a later answer's.
 */
export function endViewDrop(trace: Trace, steps: readonly Step[]): Drop | undefined {
  const last = steps[steps.length - 1];
  if (!last || trace.verdict !== 'dropped') return undefined;
  return last.dropRole === 'flow' ? last.leg.drop : traceDrop(trace);
}

/** The namespace a step happens in, as `machine` or `machine/netns`; fabric steps name their network. */
export function placeOf(at: TraceEvent['at']): string {
  return at.netns ? `${at.machine}/${at.netns}` : at.machine;
}
