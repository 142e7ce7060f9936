// What a step did to the header stack: fields it rewrote, layers it pushed in front
// (encapsulation, a link header) and layers it popped (decapsulation, Linux stripping the
// link header on receive). The one header diff; the page renders it, it never recomputes it.
import type { Header, Headers } from './headers';
import { headerView, type HeaderView } from './view';

/** A field's value as the trace publishes it (addresses dotted, TCP flags a list). */
export type FieldValue = string | number | boolean | readonly string[];

export type HeaderChange =
  /** `index`: the layer's position in the step's packet, outer first */
  | { readonly op: 'set'; readonly index: number; readonly layer: Header['layer']; readonly field: string; readonly from?: FieldValue; readonly to?: FieldValue }
  | { readonly op: 'push'; readonly index: number; readonly layer: Header['layer'] }
  /** `index`: the layer's position in the stack before the step */
  | { readonly op: 'pop'; readonly index: number; readonly layer: Header['layer']; readonly header: HeaderView };

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/**
 * Changes from `before` to `after`. Layers are paired from the innermost outward while their
 * kinds agree: encapsulation pushes layers in front of an unchanged inner packet and
 * decapsulation pops them, so what is left over at the front is what was pushed or popped.
 * An ICMP error's quoted packet is a value of its layer, not diffed field by field.
 */
export function diffHeaders(before: Headers | undefined, after: Headers): HeaderChange[] {
  if (!before) return [];
  // most steps rewrite nothing: the very same header objects
  if (before.length === after.length && before.every((h, i) => h === after[i])) return [];
  let paired = 0;
  while (paired < before.length && paired < after.length && before[before.length - 1 - paired].layer === after[after.length - 1 - paired].layer) paired++;
  const pushedCount = after.length - paired;
  const poppedCount = before.length - paired;
  const changes: HeaderChange[] = [];
  for (let i = 0; i < poppedCount; i++) changes.push({ op: 'pop', index: i, layer: before[i].layer, header: headerView(before[i]) });
  for (let i = 0; i < pushedCount; i++) changes.push({ op: 'push', index: i, layer: after[i].layer });
  for (let k = 0; k < paired; k++) {
    const ha = before[poppedCount + k];
    const hb = after[pushedCount + k];
    if (ha === hb) continue;
    const va = headerView(ha) as unknown as Record<string, FieldValue | undefined>;
    const vb = headerView(hb) as unknown as Record<string, FieldValue | undefined>;
    for (const field of new Set([...Object.keys(va), ...Object.keys(vb)])) {
      if (field === 'layer' || field === 'quoted' || same(va[field], vb[field])) continue;
      changes.push({ op: 'set', index: pushedCount + k, layer: hb.layer, field, ...(va[field] !== undefined ? { from: va[field] } : {}), ...(vb[field] !== undefined ? { to: vb[field] } : {}) });
    }
  }
  return changes;
}
