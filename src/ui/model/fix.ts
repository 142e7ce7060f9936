// Which variant fixes a dropped flow: the button under a drop switches to it and replays.
// Pure; reads the expectations the worker sent with the scenario.
import type { ScenarioView } from '../../worker/protocol';

/**
 * The lab to switch to so that `flowId` is delivered. Preference, as authors name things:
 * a variant that extends the current one's id (`cloud-sg` → `cloud-sg-fixed`), then one
 * named for a fix (`fixed`, `fix-mtu`), then the scenario as written, then any other variant
 * in file order. undefined = the scenario as written; null = no lab delivers it.
 */
export function fixingVariant(scenario: ScenarioView, current: string | undefined, flowId: string): string | undefined | null {
  const delivers = (id: string | undefined) => id !== current && scenario.expectations[id ?? '']?.[flowId] === 'delivered';
  const ids = scenario.variants.map((v) => v.id);
  const extending = current === undefined ? [] : ids.filter((id) => id.startsWith(`${current}-`));
  const fixes = ids.filter((id) => /(^|-)fix(ed)?($|-)/.test(id));
  const ordered: (string | undefined)[] = [...extending, ...fixes, undefined, ...ids];
  for (const id of ordered) if (delivers(id)) return id;
  return null;
}
