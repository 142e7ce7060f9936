// A step picture as one SVG document: the diagram (html-to-image's SVG of the canvas viewport:
// its HTML in a <foreignObject>, every element's computed style inlined) on the theme's
// background, and under it the caption strip as real <text> lines, so the words stay text
// (searchable, selectable) in the SVG and the PNG is this same document drawn on a canvas.
// Pure: the page measures the text and captures the diagram (imageExport.ts).
import type { Theme } from '../../store/lab';
import type { CaptionBlock, CaptionTone } from './imageCaption';
import { wrapText } from './wrapText';

export interface Palette {
  readonly background: string;
  /** The line between the diagram and the caption. */
  readonly rule: string;
  readonly tones: Readonly<Record<CaptionTone, string>>;
}

/** The canvas's own background (white / slate-900) and the embed caption's colours, as hex so any SVG viewer reads them. */
export const PALETTES: Readonly<Record<Theme, Palette>> = {
  light: { background: '#ffffff', rule: '#e2e8f0', tones: { title: '#475569', step: '#0f172a', drop: '#9f1239', delivered: '#047857' } },
  dark: { background: '#0f172a', rule: '#1e293b', tones: { title: '#94a3b8', step: '#f1f5f9', drop: '#fecdd3', delivered: '#6ee7b7' } },
};

/** Caption type sizes (px), weights and spacing. */
export const CAPTION_STYLE = { padding: 16, gap: 6, lineHeight: 1.35, size: { title: 13, step: 15, drop: 15, delivered: 15 }, weight: { title: 600, step: 400, drop: 600, delivered: 600 } } as const;

export interface CaptionLine {
  readonly text: string;
  readonly tone: CaptionTone;
  /** The baseline, from the top of the caption strip. */
  readonly y: number;
  readonly size: number;
  readonly weight: number;
}

/** Measures `text` at a font size and weight (the page's font), in px. */
export type Measure = (text: string, size: number, weight: number) => number;

/** The caption's lines wrapped to the picture's width, and the strip's height. */
export function layoutCaption(blocks: readonly CaptionBlock[], width: number, measure: Measure): { lines: CaptionLine[]; height: number } {
  const { padding, gap, lineHeight } = CAPTION_STYLE;
  const lines: CaptionLine[] = [];
  let y = padding;
  blocks.forEach((block, i) => {
    const size = CAPTION_STYLE.size[block.tone];
    const weight = CAPTION_STYLE.weight[block.tone];
    if (i > 0) y += gap;
    for (const text of wrapText(block.text, width - 2 * padding, (s) => measure(s, size, weight))) {
      y += size * lineHeight;
      // the baseline sits about a fifth of the line above its bottom
      lines.push({ text, tone: block.tone, y: Math.round(y - size * 0.3), size, weight });
    }
  });
  return { lines, height: Math.ceil(y + padding) };
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface PictureParts {
  /** The diagram's <svg> element as markup, `width` × `diagramHeight`. */
  readonly diagram: string;
  readonly width: number;
  readonly diagramHeight: number;
  readonly caption: { readonly lines: readonly CaptionLine[]; readonly height: number };
  readonly palette: Palette;
  /** The page's font stack, for the caption. */
  readonly fontFamily: string;
  /** The picture's accessible name. */
  readonly title: string;
}

export function composeSvg(p: PictureParts): string {
  const height = p.diagramHeight + p.caption.height;
  const font = escapeXml(p.fontFamily);
  const text = p.caption.lines.map(
    (l) =>
      `<text x="${CAPTION_STYLE.padding}" y="${p.diagramHeight + l.y}" font-family="${font}" font-size="${l.size}" font-weight="${l.weight}" fill="${p.palette.tones[l.tone]}">${escapeXml(l.text)}</text>`,
  );
  const diagram = p.diagram.replace(/^\s*<\?xml[^>]*\?>\s*/, '');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${p.width}" height="${height}" viewBox="0 0 ${p.width} ${height}">`,
    `<title>${escapeXml(p.title)}</title>`,
    // the lit link and the step chip animate in the page; a picture shows their resting state
    '<style>*{animation:none!important;transition:none!important}</style>',
    `<rect width="100%" height="100%" fill="${p.palette.background}"/>`,
    diagram,
    `<rect x="0" y="${p.diagramHeight}" width="${p.width}" height="1" fill="${p.palette.rule}"/>`,
    ...text,
    '</svg>',
  ].join('\n');
}
