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

/** Changes from `before` to `after`, matching layers by name and position among equals. */
export function diffHeaders(before: Headers | undefined, after: Headers): FieldChange[] {
  if (!before) return [];
  // most steps rewrite nothing: the very same header objects
  if (before.length === after.length && before.every((h, i) => h === after[i])) return [];
  const changes: FieldChange[] = [];
  const keyed = (hs: Headers) => new Map(hs.map((h, i) => [layerKey(hs, i), h] as const));
  const a = keyed(before);
  const b = keyed(after);
  for (const [key, hb] of b) {
    const ha = a.get(key);
    if (!ha) {
      changes.push({ layer: key, field: '(header)', from: '', to: 'pushed' });
      continue;
    }
    for (const field of Object.keys(hb) as (keyof Header)[]) {
      if (field === 'layer') continue;
      const va = (ha as unknown as Record<string, unknown>)[field];
      const vb = (hb as unknown as Record<string, unknown>)[field];
      if (!same(va, vb)) changes.push({ layer: key, field, from: show(field, va), to: show(field, vb) });
    }
  }
  for (const key of a.keys()) if (!b.has(key)) changes.push({ layer: key, field: '(header)', from: 'present', to: 'popped' });
  return changes;
}
