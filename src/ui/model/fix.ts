// Which variant fixes a dropped flow: the button under a drop switches to it and replays.
// Pure; reads the expectations the worker sent with the scenario.
import type { ScenarioView } from '../../worker/protocol';

/**
 * The first lab (the scenario as written, then its variants in file order) other than the
 * current one where `flowId` is expected to be delivered. undefined = the scenario as
 * written; null = no lab delivers it.
 */
export function fixingVariant(scenario: ScenarioView, current: string | undefined, flowId: string): string | undefined | null {
  const candidates: (string | undefined)[] = [undefined, ...scenario.variants.map((v) => v.id)];
  for (const id of candidates) {
    if (id === current) continue;
    if (scenario.expectations[id ?? '']?.[flowId] === 'delivered') return id;
  }
  return null;
}
