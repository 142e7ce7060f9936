// What the page opens with besides the bundled scenarios: the labs kept in this browser, and a
// lab carried in the link's fragment (`#lab=…`), which wins over the link's scenario. Read
// synchronously before the lab store is made, so the first describe already knows them.
import type { ScenarioSource } from '../../store/lab';
import { notify, setEditorOpen } from './editorStore';
import { labFromFragment } from './model/fragment';
import { type KeyValueStore, labId, loadMyLabs, newLabFile, saveMyLab } from './model/myLabs';

/** localStorage, or a memory stand-in where the browser refuses it (the page still works). */
export function browserStorage(): KeyValueStore {
  try {
    const probe = window.localStorage;
    probe.getItem('podpath.probe');
    return probe;
  } catch {
    const data = new Map<string, string>();
    return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  }
}

export const storage = browserStorage();

export interface StartingLabs {
  readonly myLabs: readonly ScenarioSource[];
  /** The lab the fragment carried (saved with the others), to open first. */
  readonly linked?: string;
}

export function startingLabs(bundled: readonly ScenarioSource[]): StartingLabs {
  const fragment = labFromFragment(window.location.hash);
  let linked: string | undefined;
  if (fragment?.ok === false) notify({ tone: 'error', key: 'editor.badLink', vars: { message: fragment.message } });
  if (fragment?.ok) {
    const same = loadMyLabs(storage).find((l) => l.text === fragment.text);
    linked = same?.file ?? newLabFile(labId(fragment.text) ?? 'shared-lab', [...bundled, ...loadMyLabs(storage)].map((s) => s.file));
    if (!same) saveMyLab(storage, { file: linked, text: fragment.text }, Date.now());
    notify({ tone: 'info', key: 'editor.fromLink' });
    setEditorOpen(true);
  }
  if (fragment) {
    // the lab is kept now: a reload must not open the link's (older) text again as a new lab
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }
  return { myLabs: loadMyLabs(storage), ...(linked ? { linked } : {}) };
}
