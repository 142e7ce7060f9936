// What the editor's buttons do, bound to the lab store and the browser: new lab, duplicate,
// open a file or a fetched text, keep an edit, delete, download. Every lab made here is kept
// in localStorage (model/myLabs.ts) and added to the lab store's sources.
import type { ScenarioSource } from '../../store/lab';
import { labStore } from '../labStore';
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
