// The editor's own state: whether its panel is open, and the one notice it shows (a file that
// could not be opened, a lab loaded from a link …), kept as a message key so it follows the
// language.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { MessageKey } from '../../i18n/index';

export interface Notice {
  readonly tone: 'error' | 'info';
  readonly key: MessageKey;
  readonly vars?: Record<string, string | number>;
}

export interface EditorState {
  readonly open: boolean;
  readonly notice?: Notice;
}

export const editorStore = createStore<EditorState>()(() => ({ open: false }));

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(editorStore, selector);
}

export function setEditorOpen(open: boolean): void {
  editorStore.setState({ open });
}

export function notify(notice: Notice | undefined): void {
  editorStore.setState({ notice });
}
