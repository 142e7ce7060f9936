// A trace as the playback walks it: every event of every leg in order, each knowing its leg
// and the event before it (whose packet the inspector diffs against). Pure; no React.
import { eventKind, type EventKind } from '../../engine/trace/events';
import { stepLabel } from '../../engine/trace/label';
import type { Leg, Trace, TraceEvent } from '../../engine/trace/types';

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
  /** True for the last step of a leg that was dropped. */
  readonly isDrop: boolean;
}

export function stepsOf(trace: Trace): Step[] {
  const steps: Step[] = [];
  trace.legs.forEach((leg, legIndex) => {
    leg.events.forEach((event, i) => {
      steps.push({
        index: steps.length,
        legIndex,
        leg,
        event,
        kind: eventKind(event.code),
        label: stepLabel(event),
        previous: i > 0 ? leg.events[i - 1] : undefined,
        isDrop: leg.verdict === 'dropped' && i === leg.events.length - 1,
      });
    });
  });
  return steps;
}

/** The namespace a step happens in, as `machine` or `machine/netns`; fabric steps name their network. */
export function placeOf(at: TraceEvent['at']): string {
  return at.netns ? `${at.machine}/${at.netns}` : at.machine;
}
