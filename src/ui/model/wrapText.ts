// Breaks a caption into lines no wider than a width, for text drawn without a layout engine
// (an SVG <text> has no wrapping). Breaks at spaces, and between any two CJK characters, since
// Chinese has no spaces; a word wider than a line is cut where it overflows. Pure: the caller
// measures (a canvas's measureText in the page, a character count in tests).

/** CJK ideographs, kana, hangul and full-width punctuation: a line may break around each. */
const CJK = '\\u2E80-\\u9FFF\\uAC00-\\uD7AF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF00-\\uFFEF';
const TOKENS = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'gu');

export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim() !== '') lines.push(line.trim());
    line = '';
  };
  for (const token of text.match(TOKENS) ?? []) {
    if (/^\s+$/.test(token)) {
      if (line !== '') line += ' ';
      continue;
    }
    if (measure(line + token) <= maxWidth) {
      line += token;
      continue;
    }
    push();
    // too wide for a line of its own: cut it
    for (const char of measure(token) <= maxWidth ? [token] : Array.from(token)) {
      if (line !== '' && measure(line + char) > maxWidth) push();
      line += char;
    }
  }
  push();
  return lines;
}
