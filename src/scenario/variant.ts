// A scenario seen through one of its variants: the world to build (each machine's script
// followed by the variant's appended commands) and what each flow is expected to do.
import type { MachineSpec, WorldSpec } from '../engine/config/world';
import type { Expectation } from '../engine/trace/types';
import type { Scenario, VariantModel } from './model';

function variantOf(scenario: Scenario, variantId: string | undefined): VariantModel | undefined {
  if (variantId === undefined) return undefined;
  const variant = scenario.variants.find((v) => v.id === variantId);
  if (!variant) {
    const known = scenario.variants.map((v) => v.id).join(', ') || '(none)';
    throw new Error(`${scenario.file}: unknown variant "${variantId}"; variants: ${known}`);
  }
  return variant;
}

/** The machines and networks to build; throws on an unknown variant id (callers check ids first). */
export function worldSpecFor(scenario: Scenario, variantId?: string): WorldSpec {
  const variant = variantOf(scenario, variantId);
  const machines: MachineSpec[] = scenario.machines.map((machine) => ({
    name: machine.name,
    role: machine.role,
    nics: machine.nics,
    ops: [...machine.ops, ...(variant?.append[machine.name] ?? [])],
  }));
  return { networks: scenario.networks, machines };
}

/** Flow id → expectation: the flow's own, replaced by the variant's where it sets one. */
export function expectationsFor(scenario: Scenario, variantId?: string): Record<string, Expectation> {
  const variant = variantOf(scenario, variantId);
  const expectations: Record<string, Expectation> = {};
  for (const flow of scenario.flows) if (flow.expect) expectations[flow.id] = flow.expect;
  return { ...expectations, ...variant?.expect };
}
