// User text echoed to a terminal or into a generated script, made harmless: a scenario file,
// a flow id or a script line may hold ESC (terminal escape sequences that recolour, retitle
// or rewrite the terminal), other control characters, or a newline where one line is
// expected. Each such character is shown as its `\uNNNN` escape instead of acting: readable
// in text, and in `--json` output (where JSON.stringify leaves DEL, C1 and U+2028 raw) the same
// escape is valid JSON for the same character.

/** C0 controls except tab and newline, DEL, C1 controls (0x80–0x9f: 0x9b is a one-byte CSI), and the Unicode line/paragraph separators. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
const CONTROL_OR_NEWLINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeOf(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text for a terminal: newlines and tabs kept, every other control character made visible. */
export function visible(text: string): string {
  return text.replace(CONTROL, escapeOf);
}

/** Text that must stay on one line (a comment in a script): newlines become ` ⏎ `, other controls visible. */
export function visibleLine(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ⏎ ')
    .trim()
    .replace(CONTROL_OR_NEWLINE, escapeOf);
}
