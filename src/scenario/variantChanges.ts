// What a variant changes, as lines a learner can read in a diff: per machine, the commands it
// appends to that machine's script (comments and blank lines left out) and the NIC settings it
// changes; under '' the networks it replaces. Switching from one variant to another shows the
// lines one has and the other has not (src/ui/model/variantDiff.ts). Pure.
import type { VariantModel } from './model';

/** The key under which a variant's replaced networks are listed (they belong to no machine). */
export const FABRIC = '';

export function variantChanges(variant: VariantModel): Record<string, string[]> {
  // no prototype: a machine named `constructor` must not find Object's function as its list (issue 15)
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const add = (key: string, line: string) => (out[key] ??= []).push(line);
  for (const [machine, text] of Object.entries(variant.appendText)) {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line !== '' && !line.startsWith('#')) add(machine, line);
    }
  }
  for (const [machine, nics] of Object.entries(variant.nics ?? {})) {
    for (const nic of nics) {
      const { name, ...fields } = nic;
      for (const [field, value] of Object.entries(fields)) add(machine, `nic ${name}: ${field} ${Array.isArray(value) ? value.join(',') : String(value)}`);
    }
  }
  for (const network of variant.networks ?? []) add(FABRIC, `network ${network.name}: ${network.kind}`);
  return out;
}
