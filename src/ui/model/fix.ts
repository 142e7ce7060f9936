// Which variant fixes a dropped flow: the button under a drop switches to it and replays.
// Pure; reads the variants' `fixes:` declarations and the expectations the worker sent with the
// scenario. No guessing from names: a lab offers a fix only where its author declared one.
import type { ScenarioView } from '../../worker/protocol';
import { own } from '../../scenario/own';

/**
 * The lab to switch to from `current` (undefined: the scenario as written) for `flowId`:
 * - among the variants declared the fix for `current`, one that delivers the flow; else one
 *   that is a step of a lesson for it (its own drop for the flow differs from the current one's,
 *   or a further variant is declared its fix: the next step of a chain);
 * - else, from a variant, the scenario as written when that delivers (undoing the change);
 * - else null: no declared fix.
 * undefined = the scenario as written.
 */
export function fixingVariant(scenario: ScenarioView, current: string | undefined, flowId: string): string | undefined | null {
  const expectOf = (id: string | undefined) => own(own(scenario.expectations, id ?? ''), flowId);
  const from = current ?? 'base';
  const fixers = scenario.variants.filter((v) => v.fixes === from);
  const delivering = fixers.find((v) => expectOf(v.id) === 'delivered');
  if (delivering) return delivering.id;
  const continues = (id: string) => scenario.variants.some((v) => v.fixes === id);
  const step = fixers.find((v) => JSON.stringify(expectOf(v.id)) !== JSON.stringify(expectOf(current)) || continues(v.id));
  if (step) return step.id;
  if (current !== undefined && expectOf(undefined) === 'delivered') return undefined;
  return null;
}
