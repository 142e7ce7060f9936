import { describe, expect, it } from 'vitest';
import { completionsAt } from './completions';
import { keysAt } from './schemaKeys';
import { NEW_LAB_TEMPLATE } from './template';
import { cursorPlace } from './yamlContext';

/** The text with `§` marking the cursor. */
function at(marked: string): [string, number] {
  const pos = marked.indexOf('§');
  return [marked.slice(0, pos) + marked.slice(pos + 1), pos];
}
const labels = (marked: string) => completionsAt(...at(marked))?.options.map((o) => o.label) ?? [];

describe('schema keys', () => {
  it('reads the keys at a place from the zod schema', () => {
    expect(keysAt([])?.keys).toEqual(expect.arrayContaining(['id', 'title', 'machines', 'flows', 'variants', 'layout']));
    expect(keysAt(['machines'])?.keys).toEqual(['name', 'role', 'nics', 'script']);
    expect(keysAt(['machines', 'nics'])?.keys).toEqual(expect.arrayContaining(['name', 'network', 'address']));
    // a network's kinds are a union behind a pipe: the keys of every kind
    expect(keysAt(['networks'])?.keys).toEqual(expect.arrayContaining(['name', 'kind', 'cidr', 'routes']));
    expect(keysAt(['layout'])).toMatchObject({ free: true });
    expect(keysAt(['nothing-here'])).toBeUndefined();
  });
});

describe('cursor place', () => {
  it('finds the mappings around the cursor through list items', () => {
    expect(cursorPlace(...at('machines:\n  - name: a\n    ro§'))).toMatchObject({ kind: 'key', path: ['machines'], word: 'ro' });
    expect(cursorPlace(...at('machines:\n- name: a\n  nics:\n    - §'))).toMatchObject({ kind: 'key', path: ['machines', 'nics'], word: '' });
    expect(cursorPlace(...at('flows:\n  - id: x\n    protocol: ic§'))).toMatchObject({ kind: 'value', path: ['flows'], key: 'protocol', word: 'ic' });
    expect(cursorPlace(...at('ti§'))).toMatchObject({ kind: 'key', path: [], word: 'ti' });
  });
  it('offers nothing inside a script', () => {
    expect(cursorPlace(...at('machines:\n  - name: a\n    script: |\n      ip link add br0 type bridge\n      ip§'))).toEqual({ kind: 'none' });
  });
});

describe('completions', () => {
  it('offers schema keys with their colon', () => {
    const got = completionsAt(...at('machines:\n  - name: a\n    §'));
    expect(got?.options.map((o) => o.label)).toEqual(['name', 'role', 'nics', 'script']);
    expect(got?.options[3].apply).toBe('script: ');
  });
  it('offers the schema words for a value', () => {
    expect(labels('flows:\n  - id: x\n    protocol: §')).toEqual(['tcp', 'udp', 'icmp']);
    expect(labels('machines:\n  - name: a\n    role: §')).toEqual(['node', 'client', 'router', 'host']);
  });
  it('offers the lab\'s machine names and flow ids where they are named', () => {
    const withFrom = `${NEW_LAB_TEMPLATE}  - id: second\n    from: §`;
    expect(labels(withFrom)).toContain('host');
    expect(labels(`${NEW_LAB_TEMPLATE}tour:\n  - flow: §`)).toContain('ns1-ping-ns2');
    expect(labels(`${NEW_LAB_TEMPLATE}layout:\n  §`)).toContain('host');
    expect(labels(`${NEW_LAB_TEMPLATE}variants:\n  - id: v\n    expect:\n      §`)).toContain('ns1-ping-ns2');
  });
});
