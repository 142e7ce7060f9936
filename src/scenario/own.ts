// Name-keyed lookups that see only what the scenario put there. A plain object answers
// `obj['constructor']` or `obj['toString']` with Object.prototype's functions, so a flow or a
// machine named so would find an expectation or a script that does not exist (issue 15).

/** record[key] when the record itself has that key; never an inherited property. */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
