// "My labs": labs written or edited in the page, kept in the browser's localStorage under one
// key as a JSON list. A lab is a scenario source whose file sits under `my-labs/`, so errors
// read `my-labs/lab-x.yaml:3:5: …` and `?scenario=lab-x` opens it again after a reload.
import type { ScenarioSource } from '../../../store/lab';

/** The part of localStorage used here (a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const STORAGE_KEY = 'podpath.myLabs';
export const MY_LABS_DIR = 'my-labs/';

export interface MyLab extends ScenarioSource {
  /** When it was last saved (ms since the epoch), for the list's order. */
  readonly saved: number;
}

export function isMyLab(file: string | undefined): boolean {
  return file?.startsWith(MY_LABS_DIR) === true;
}

function isMyLabRecord(value: unknown): value is MyLab {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.file === 'string' && isMyLab(v.file) && typeof v.text === 'string' && typeof v.saved === 'number';
}

/** The saved labs, newest first; a damaged or foreign entry is skipped, never thrown on. */
export function loadMyLabs(store: KeyValueStore): MyLab[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store.getItem(STORAGE_KEY) ?? '[]');
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isMyLabRecord).sort((a, b) => b.saved - a.saved) : [];
}

export type Saved = { readonly ok: true } | { readonly ok: false; readonly message: string };

function write(store: KeyValueStore, labs: readonly MyLab[]): Saved {
  try {
    store.setItem(STORAGE_KEY, JSON.stringify(labs));
    return { ok: true };
  } catch (error) {
    // quota exceeded, or storage disabled (private windows in some browsers)
    return { ok: false, message: `the browser refused to keep the lab: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Adds or replaces `lab` (by file). */
export function saveMyLab(store: KeyValueStore, lab: ScenarioSource, now: number): Saved {
  const others = loadMyLabs(store).filter((l) => l.file !== lab.file);
  return write(store, [{ file: lab.file, text: lab.text, saved: now }, ...others]);
}

export function deleteMyLab(store: KeyValueStore, file: string): Saved {
  return write(store, loadMyLabs(store).filter((l) => l.file !== file));
}

/** The top-level `id:` of a scenario text, if it has a plain one (to name a copy after it). */
export function labId(text: string): string | undefined {
  return /^id:\s*["']?([a-z0-9][a-z0-9._-]*)["']?\s*(?:#.*)?$/m.exec(text)?.[1];
}

/**
 * A file name for a new lab, from a hint (the scenario's id or the dropped file's name), not
 * taken by any of `taken` (every source's file, bundled ones included, since `?scenario=`
 * names a lab by its base name).
 */
export function newLabFile(hint: string, taken: readonly string[]): string {
  const base =
    hint
      .replace(/^.*\//, '')
      .replace(/\.ya?ml$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'lab';
  const names = new Set(taken.map((f) => f.replace(/^.*\//, '').replace(/\.ya?ml$/, '')));
  let name = `my-${base.replace(/^my-/, '')}`;
  for (let n = 2; names.has(name); n++) name = `my-${base.replace(/^my-/, '')}-${n}`;
  return `${MY_LABS_DIR}${name}.yaml`;
}
