// Small readers over the raw YAML value (before the schema), for the cross-reference checks
// that need to point at the place in the file.
export type Raw = Record<string, unknown>;

export function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function records(value: unknown): { index: number; item: Raw }[] {
  return Array.isArray(value) ? value.flatMap((item, index) => (isRecord(item) ? [{ index, item }] : [])) : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `a, b, c`, or `(none)`. */
export function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length ? all.join(', ') : '(none)';
}
