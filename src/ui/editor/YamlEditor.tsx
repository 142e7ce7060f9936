// The CodeMirror view (loaded on demand: the first page load does not carry CodeMirror). It
// shows one lab's text; typing reports the new text (the panel debounces it), and the
// worker's problems come back as inline diagnostics when they belong to the text shown.
import { type Diagnostic, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { editorExtensions } from './cm/extensions';
import { type Problem, problemRange } from './model/problems';

export interface YamlEditorProps {
  /** Which lab: a new file replaces the text and the undo history. */
  readonly file: string;
  readonly text: string;
  readonly readOnly: boolean;
  readonly label: string;
  /** The problems the worker found, and the text they were found in. */
  readonly problems: readonly Problem[];
  readonly problemsText: string;
  onChange(text: string): void;
}

export default function YamlEditor({ file, text, readOnly, label, problems, problemsText, onChange }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const readOnlyConf = useRef(new Compartment());
  const changed = useRef(onChange);
  changed.current = onChange;
  // the first render's props make the first state; later ones arrive through the effects below
  const first = useRef({ text, readOnly, label });

  const stateFor = (doc: string, locked: boolean, aria: string) =>
    EditorState.create({
      doc,
      extensions: [
        editorExtensions(),
        readOnlyConf.current.of([EditorState.readOnly.of(locked), EditorView.editable.of(!locked)]),
        EditorView.contentAttributes.of({ 'aria-label': aria, 'data-testid': 'yaml-editor' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) changed.current(u.state.doc.toString());
        }),
      ],
    });

  useEffect(() => {
    const { text: doc, readOnly: locked, label: aria } = first.current;
    const v = new EditorView({ state: stateFor(doc, locked, aria), parent: host.current! });
    // the scroller is reachable by the keyboard, so a read-only text can be scrolled and read too
    v.scrollDOM.tabIndex = 0;
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // another lab: its text, a fresh history
  const shownFile = useRef(file);
  useEffect(() => {
    const v = view.current;
    if (!v || shownFile.current === file) return;
    shownFile.current = file;
    v.setState(stateFor(text, readOnly, label));
  }, [file, text, readOnly, label]);

  useEffect(() => {
    view.current?.dispatch({ effects: readOnlyConf.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc.toString();
    if (doc !== problemsText) return; // typed on since: the answer for the new text is coming
    const diagnostics: Diagnostic[] = problems.map((p) => ({ ...problemRange(doc, p.line, p.col), severity: p.severity, message: `${p.line}:${p.col}: ${p.message}` }));
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [problems, problemsText]);

  return <div ref={host} className="h-full min-h-0 overflow-hidden" data-file={file} />;
}
