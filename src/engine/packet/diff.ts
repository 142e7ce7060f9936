// Field-by-field differences between two header stacks, for the "what changed" view.
import { formatIpv4 } from '../addr/ipv4';
import type { FieldChange, Header, Headers } from './headers';

const IP_FIELDS = new Set(['src', 'dst', 'senderIp', 'targetIp']);

function show(field: string, v: unknown): string {
  if (typeof v === 'number' && IP_FIELDS.has(field)) return formatIpv4(v);
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

function layerKey(hs: Headers, i: number): string {
  const name = hs[i].layer;
  const earlier = hs.slice(0, i).filter((h) => h.layer === name).length;
  const later = hs.slice(i + 1).filter((h) => h.layer === name).length;
  if (earlier === 0 && later === 0) return name;
  return earlier === 0 ? `outer ${name}` : `inner ${name}`;
}

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
 * Names come from the stack they are in (`outer ipv4` / `inner ipv4` when a kind repeats).
 */
export function diffHeaders(before: Headers | undefined, after: Headers): FieldChange[] {
  if (!before) return [];
  // most steps rewrite nothing: the very same header objects
  if (before.length === after.length && before.every((h, i) => h === after[i])) return [];
  let paired = 0;
  while (paired < before.length && paired < after.length && before[before.length - 1 - paired].layer === after[after.length - 1 - paired].layer) paired++;
  const pushedCount = after.length - paired;
  const poppedCount = before.length - paired;
  const changes: FieldChange[] = [];
  for (let i = 0; i < pushedCount; i++) changes.push({ layer: layerKey(after, i), field: '(header)', from: '', to: 'pushed' });
  for (let k = 0; k < paired; k++) {
    const ha = before[poppedCount + k];
    const hb = after[pushedCount + k];
    if (ha === hb) continue;
    const key = layerKey(after, pushedCount + k);
    for (const field of Object.keys(hb) as (keyof Header)[]) {
      if (field === 'layer') continue;
      const va = (ha as unknown as Record<string, unknown>)[field];
      const vb = (hb as unknown as Record<string, unknown>)[field];
      if (!same(va, vb)) changes.push({ layer: key, field, from: show(field, va), to: show(field, vb) });
    }
  }
  for (let i = 0; i < poppedCount; i++) changes.push({ layer: layerKey(before, i), field: '(header)', from: 'present', to: 'popped' });
  return changes;
}
