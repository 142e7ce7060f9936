// The editor's CodeMirror 6 setup: YAML, the script commands marked, completion from the
// scenario schema and the lab's names, a lint gutter for the worker's errors, and a theme that
// follows the page's colours.
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { lintGutter } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { completionsAt } from '../model/completions';
import { commandHighlight } from './commandHighlight';

function complete(context: CompletionContext): CompletionResult | null {
  const text = context.state.doc.toString();
  const got = completionsAt(text, context.pos);
  if (!got) return null;
  // only when asked (Ctrl-Space) or a word is being typed
  if (got.from === context.pos && !context.explicit) return null;
  return { from: got.from, options: got.options.map((o) => ({ label: o.label, apply: o.apply, type: o.type, ...(o.detail ? { detail: o.detail } : {}) })), validFor: /^[\w.-]*$/ };
}

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'transparent', color: 'inherit' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: 'transparent', borderRight: '1px solid rgb(148 163 184 / 0.3)', color: 'rgb(100 116 139)' },
  '.cm-pp-command': { color: 'rgb(3 105 161)', fontWeight: '600' },
  '.dark & .cm-pp-command': { color: 'rgb(125 211 252)' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgb(148 163 184 / 0.12)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'currentColor' },
});

export function editorExtensions(): Extension[] {
  return [basicSetup, yaml(), yamlLanguage.data.of({ autocomplete: complete }), commandHighlight, lintGutter(), theme, EditorView.lineWrapping];
}
