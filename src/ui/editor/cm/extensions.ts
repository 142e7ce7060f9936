// The editor's CodeMirror 6 setup: YAML, the script commands marked, completion from the
// scenario schema and the lab's names, a lint gutter for the worker's errors, and a theme that
// follows the page's colours.
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';
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

// Colours by class, so the dark theme can change them: CodeMirror's default highlight colours
// are too faint on the page's dark background.
const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), class: 'cm-pp-key' },
  { tag: tags.lineComment, class: 'cm-pp-comment' },
  { tag: tags.string, class: 'cm-pp-string' },
  { tag: [tags.meta, tags.separator, tags.punctuation, tags.squareBracket, tags.brace, tags.special(tags.string)], class: 'cm-pp-punct' },
  { tag: [tags.keyword, tags.typeName, tags.labelName, tags.attributeValue], class: 'cm-pp-keyword' },
]);

/** [light, dark] colours, each at least 4.5:1 on the page's white and slate-900 backgrounds. */
const COLOURS: Record<string, readonly [string, string]> = {
  '.cm-pp-key': ['#075985', '#7dd3fc'],
  '.cm-pp-comment': ['#57534e', '#a8a29e'],
  '.cm-pp-string': ['#9f1239', '#fda4af'],
  '.cm-pp-punct': ['#475569', '#94a3b8'],
  '.cm-pp-keyword': ['#6b21a8', '#d8b4fe'],
  '.cm-pp-command': ['#047857', '#6ee7b7'],
  '.cm-gutters': ['#475569', '#94a3b8'],
};

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'transparent', color: 'inherit' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: 'transparent', borderRight: '1px solid rgb(148 163 184 / 0.3)' },
  '.cm-pp-command': { fontWeight: '600' },
  '.cm-pp-comment': { fontStyle: 'italic' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgb(148 163 184 / 0.12)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'currentColor' },
  // on the columns inside: the base theme's light gutter background outranks a rule on .cm-gutters
  '.dark & .cm-gutter': { backgroundColor: '#0f172b' },
  '.dark & .cm-tooltip': { backgroundColor: '#1e293b', color: '#e2e8f0', borderColor: '#334155' },
  ...Object.fromEntries(Object.entries(COLOURS).flatMap(([cls, [light, dark]]) => [[cls, { color: light }], [`.dark & ${cls}`, { color: dark }]])),
});

export function editorExtensions(): Extension[] {
  return [basicSetup, yaml(), syntaxHighlighting(highlight), yamlLanguage.data.of({ autocomplete: complete }), commandHighlight, lintGutter(), theme, EditorView.lineWrapping];
}
