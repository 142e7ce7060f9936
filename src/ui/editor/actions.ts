// What the editor's buttons do, bound to the lab store and the browser: new lab, duplicate,
// open a file or a fetched text, keep an edit, delete, download. Every lab made here is kept
// in localStorage (model/myLabs.ts) and added to the lab store's sources.
import type { ScenarioSource } from '../../store/lab';
import { engineClient, labStore } from '../labStore';
import { notify, setEditorOpen } from './editorStore';
import { deleteMyLab, labId, loadMyLabs, newLabFile, saveMyLab } from './model/myLabs';
import { checkSize } from './model/srcUrl';
import { NEW_LAB_TEMPLATE } from './model/template';
import { storage } from './startup';

function keep(source: ScenarioSource): void {
  const saved = saveMyLab(storage, source, Date.now());
  if (!saved.ok) notify({ tone: 'error', key: 'editor.storageFailed', vars: { message: saved.message } });
}

/** Makes a new lab of `text`, named after `hint`, and opens it in the editor. */
async function create(text: string, hint: string): Promise<string> {
  const file = newLabFile(hint, labStore.getState().sources.map((s) => s.file));
  keep({ file, text });
  setEditorOpen(true);
  await labStore.getState().putSource({ file, text });
  await labStore.getState().selectScenario(file);
  return file;
}

export function newLab(): Promise<string> {
  return create(NEW_LAB_TEMPLATE, 'lab');
}

/** A copy of the chosen scenario to edit. */
export async function duplicateCurrent(): Promise<void> {
  const { file, sources } = labStore.getState();
  const source = sources.find((s) => s.file === file);
  if (source) await create(source.text, labId(source.text) ?? source.file);
}

/** Opens a text from outside (a file, ?src=) as a lab; the same text opens the lab already kept. */
export async function openText(text: string, hint: string): Promise<string> {
  const same = loadMyLabs(storage).find((l) => l.text === text);
  if (!same) return create(text, hint);
  setEditorOpen(true);
  await labStore.getState().selectScenario(same.file);
  return same.file;
}

const YAML_NAME = /\.ya?ml$/i;
const SNAPSHOT_NAME = /\.json$/i;
/** A real node's snapshot is bigger than a hand-written lab: its iptables-save alone can be megabytes. */
export const MAX_SNAPSHOT_BYTES = 64_000_000;

/**
 * Dropped files: node snapshots (.json, scripts/podpath-collect.sh's output; several make one
 * lab of several machines) are imported in the engine worker; otherwise the first file is a lab.
 */
export async function openFiles(files: readonly File[]): Promise<void> {
  if (files.length > 0 && files.every((f) => SNAPSHOT_NAME.test(f.name))) return openSnapshots(files);
  if (files[0]) await openFile(files[0]);
}

async function openSnapshots(files: readonly File[]): Promise<void> {
  const names = files.map((f) => f.name).join(', ');
  const big = files.find((f) => f.size > MAX_SNAPSHOT_BYTES);
  if (big) return notify({ tone: 'error', key: 'editor.tooBig', vars: { name: big.name, message: `the file is ${Math.ceil(big.size / 1e6)} MB; a snapshot may be at most ${MAX_SNAPSHOT_BYTES / 1e6} MB` } });
  notify({ tone: 'info', key: 'editor.importing', vars: { count: files.length } });
  const snapshots = await Promise.all(files.map(async (f) => ({ file: f.name, text: await f.text() })));
  const result = await engineClient.request({ kind: 'import', snapshots });
  if (result.kind !== 'imported') return notify({ tone: 'error', key: 'editor.importFailed', vars: { names, message: result.kind === 'failed' ? result.message : 'unexpected answer from the engine' } });
  await openText(result.yaml, labId(result.yaml) ?? files[0].name);
  notify({ tone: 'info', key: 'editor.imported', vars: { names, notes: result.notes.length } });
}

/** A dropped or picked file: a .yaml/.yml of at most MAX_LAB_BYTES, read as text. */
export async function openFile(file: File): Promise<void> {
  if (!YAML_NAME.test(file.name)) return notify({ tone: 'error', key: 'editor.notYaml', vars: { name: file.name } });
  const size = checkSize(file.size);
  if (!size.ok) return notify({ tone: 'error', key: 'editor.tooBig', vars: { name: file.name, message: size.message } });
  const text = await file.text();
  await openText(text, labId(text) ?? file.name);
  notify({ tone: 'info', key: 'editor.opened', vars: { name: file.name } });
}

/** An edit typed in the editor: kept, and the lab rebuilt. */
export async function saveEdit(file: string, text: string): Promise<void> {
  keep({ file, text });
  await labStore.getState().putSource({ file, text });
}

export async function deleteLab(file: string): Promise<void> {
  deleteMyLab(storage, file);
  await labStore.getState().removeSource(file);
}

/** The lab `file` as the browser's download, named after it. */
export function downloadLab(file: string): void {
  const source = labStore.getState().sources.find((s) => s.file === file);
  if (source) downloadText(file.replace(/^.*\//, ''), source.text);
}

function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
