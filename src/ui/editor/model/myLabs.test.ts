import { describe, expect, it } from 'vitest';
import { deleteMyLab, type KeyValueStore, labId, loadMyLabs, newLabFile, saveMyLab, STORAGE_KEY } from './myLabs';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('my labs in the browser', () => {
  it('saves, replaces, lists newest first and deletes', () => {
    const store = memory();
    expect(saveMyLab(store, { file: 'my-labs/my-a.yaml', text: 'a' }, 1)).toEqual({ ok: true });
    saveMyLab(store, { file: 'my-labs/my-b.yaml', text: 'b' }, 2);
    saveMyLab(store, { file: 'my-labs/my-a.yaml', text: 'a2' }, 3);
    expect(loadMyLabs(store).map((l) => [l.file, l.text])).toEqual([
      ['my-labs/my-a.yaml', 'a2'],
      ['my-labs/my-b.yaml', 'b'],
    ]);
    deleteMyLab(store, 'my-labs/my-a.yaml');
    expect(loadMyLabs(store).map((l) => l.file)).toEqual(['my-labs/my-b.yaml']);
  });
  it('skips damaged storage and entries that are not labs', () => {
    const store = memory();
    store.setItem(STORAGE_KEY, '{not json');
    expect(loadMyLabs(store)).toEqual([]);
    store.setItem(STORAGE_KEY, JSON.stringify([{ file: 'scenarios/host-gw.yaml', text: 'x', saved: 1 }, { file: 'my-labs/my-x.yaml', text: 'x', saved: 1 }, 42]));
    expect(loadMyLabs(store).map((l) => l.file)).toEqual(['my-labs/my-x.yaml']);
  });
  it('reports a refused write instead of throwing', () => {
    const store: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveMyLab(store, { file: 'my-labs/my-a.yaml', text: 'a' }, 1)).toMatchObject({ ok: false, message: expect.stringContaining('QuotaExceededError') });
  });
  it('names a new lab from a hint, never like a lab that exists', () => {
    expect(newLabFile('Host GW.yaml', [])).toBe('my-labs/my-host-gw.yaml');
    expect(newLabFile('scenarios/host-gw.yaml', ['my-labs/my-host-gw.yaml'])).toBe('my-labs/my-host-gw-2.yaml');
    expect(newLabFile('my-lab', ['my-labs/my-lab.yaml', 'my-labs/my-lab-2.yaml'])).toBe('my-labs/my-lab-3.yaml');
    expect(newLabFile('../..', [])).toBe('my-labs/my-lab.yaml');
  });
  it('reads a lab\'s id to name a copy after it', () => {
    expect(labId('# x\nid: host-gw\ntitle: y\n')).toBe('host-gw');
    expect(labId('id: "quoted-id" # a comment\n')).toBe('quoted-id');
    expect(labId('machines:\n  - id: nested\n')).toBeUndefined();
  });
});
