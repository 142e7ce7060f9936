// A scenario seen through one of its variants: the world to build (each machine's script
// followed by the variant's appended commands, the networks it replaces, the NIC settings it
// changes) and what each flow is expected to do.
import type { Op } from '../engine/config/ops';
import type { MachineSpec, NetworkSpec, NicSpec, WorldSpec } from '../engine/config/world';
import type { Expectation } from '../engine/trace/types';
import type { MachineModel, NicOverride, Scenario, VariantModel } from './model';
import { own } from './own';

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
    nics: nicsFor(machine.nics, own(variant?.nics, machine.name)),
    ops: machineOps(machine, variant),
  }));
  return { networks: networksFor(scenario.networks, variant), machines };
}

/** A machine's ops: its script, then the variant's appended commands (see VariantModel.regenerated); throws on an unknown variant id. */
export function opsOf(scenario: Scenario, machine: MachineModel, variantId: string | undefined): readonly Op[] {
  return machineOps(machine, variantOf(scenario, variantId));
}

function machineOps(machine: MachineModel, variant: VariantModel | undefined): readonly Op[] {
  const regenerated = own(variant?.regenerated, machine.name);
  if (regenerated) return regenerated;
  const appended = own(variant?.append, machine.name) ?? [];
  return appended.length ? [...machine.ops, ...appended] : machine.ops;
}

/** The scenario's networks, with those the variant replaces (by name) replaced. */
function networksFor(networks: readonly NetworkSpec[], variant: VariantModel | undefined): readonly NetworkSpec[] {
  const replaced = new Map((variant?.networks ?? []).map((n) => [n.name, n]));
  return replaced.size ? networks.map((n) => replaced.get(n.name) ?? n) : networks;
}

/** A machine's NICs with the variant's settings applied over them (matched by NIC name). */
function nicsFor(nics: readonly NicSpec[], overrides: readonly NicOverride[] | undefined): readonly NicSpec[] {
  if (!overrides?.length) return nics;
  return nics.map((nic) => overrides.filter((o) => o.name === nic.name).reduce<NicSpec>((merged, o) => ({ ...merged, ...o }), nic));
}

/** Flow id → expectation: the flow's own, replaced by the variant's where it sets one. */
export function expectationsFor(scenario: Scenario, variantId?: string): Record<string, Expectation> {
  const variant = variantOf(scenario, variantId);
  // no prototype: a flow named `constructor` without an expectation has none
  const expectations: Record<string, Expectation> = Object.create(null) as Record<string, Expectation>;
  for (const flow of scenario.flows) if (flow.expect) expectations[flow.id] = flow.expect;
  for (const [id, expect] of Object.entries(variant?.expect ?? {})) expectations[id] = expect;
  return expectations;
}
