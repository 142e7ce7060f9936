// Draws a step picture in the page: React Flow's documented "download image" approach (the
// `.react-flow__viewport` element through html-to-image, with a transform that fits every node,
// not only what the pane shows), so the minimap, zoom buttons and attribution — siblings of the
// viewport — stay out. The caption strip is composed under it (imageSvg.ts); the PNG is that
// SVG drawn on a canvas.
import type { Theme } from '../../store/lab';
import type { CaptionBlock } from '../model/imageCaption';
import { imageFrame, pixelRatio, type Rect } from '../model/imageFrame';
import { composeSvg, layoutCaption, type Measure, PALETTES } from '../model/imageSvg';

/** What the mounted canvas lends the exporter (ImageExport registers it). */
export interface DiagramSource {
  /** The `.react-flow__viewport` element: nodes, links, the token and the step chip. */
  readonly viewport: HTMLElement;
  /** Every node's bounds, in flow coordinates. */
  bounds(): Rect;
}

// One canvas per page: the Share dialog's download reaches it from outside React Flow.
let source: DiagramSource | undefined;
const listeners = new Set<() => void>();

/** Makes `diagram` the one pictures are drawn from; returns the undo. */
export function provideDiagram(diagram: DiagramSource): () => void {
  source = diagram;
  listeners.forEach((l) => l());
  return () => {
    if (source !== diagram) return;
    source = undefined;
    listeners.forEach((l) => l());
  };
}

/** Whether a canvas is there to draw (none on the Matrix tab), and its changes (for useSyncExternalStore). */
export function hasDiagram(): boolean {
  return source !== undefined;
}
export function subscribeDiagram(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface Picture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

/** Text widths in the page's font, for wrapping the caption. */
function measurer(fontFamily: string): Measure {
  const context = document.createElement('canvas').getContext('2d');
  return (text, size, weight) => {
    if (!context) return text.length * size * 0.6;
    context.font = `${weight} ${size}px ${fontFamily}`;
    return context.measureText(text).width;
  };
}

/** SVG paint properties: how links and icons look, set by the page's stylesheets. */
const SVG_PAINT = ['stroke', 'stroke-width', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-linecap', 'stroke-linejoin', 'stroke-opacity', 'fill', 'fill-opacity', 'opacity', 'filter', 'visibility', 'display'];

/**
 * html-to-image inlines the computed style of every HTML element but copies an <svg> whole,
 * so the links (paths in React Flow's edge SVG, coloured by canvas.css) would come out without
 * a stroke. Gives each SVG descendant in the captured `diagram` its live twin's paint.
 */
function inlineSvgPaint(diagram: string, viewport: HTMLElement): string {
  const doc = new DOMParser().parseFromString(diagram, 'image/svg+xml');
  const foreign = doc.querySelector('foreignObject');
  if (!foreign) return diagram;
  // the copies keep the page's order: the n-th <svg> in the copy is the n-th in the viewport
  const live = [...viewport.querySelectorAll('svg')];
  const copies = [...foreign.querySelectorAll('svg')];
  if (live.length !== copies.length) return diagram;
  live.forEach((svg, i) => {
    const from = [...svg.querySelectorAll('*')];
    const to = [...copies[i].querySelectorAll('*')];
    if (from.length !== to.length) return;
    from.forEach((el, j) => {
      const copy = to[j] as SVGElement;
      if (copy.tagName !== el.tagName) return;
      const style = getComputedStyle(el);
      for (const name of SVG_PAINT) copy.style.setProperty(name, style.getPropertyValue(name));
    });
  });
  return new XMLSerializer().serializeToString(doc);
}

/** Every style property but custom ones: their values are already resolved in the others, and copying them to each element would make the SVG megabytes. */
function styleProperties(): string[] {
  return [...getComputedStyle(document.documentElement)].filter((name) => !name.startsWith('--'));
}

/** The whole diagram as it is now, with `blocks` as its caption, in `theme`'s colours. */
export async function drawPicture(blocks: readonly CaptionBlock[], theme: Theme, title: string): Promise<Picture> {
  if (!source) throw new Error('no diagram on the page');
  const frame = imageFrame(source.bounds());
  const palette = PALETTES[theme];
  // loaded on the first export: it is not needed to draw the lab
  const { toSvg } = await import('html-to-image');
  const url = await toSvg(source.viewport, {
    width: frame.width,
    height: frame.height,
    // the page uses system fonts only: nothing to embed, and no cross-origin stylesheet reads
    skipFonts: true,
    includeStyleProperties: styleProperties(),
    style: { width: `${frame.width}px`, height: `${frame.height}px`, transform: `translate(${frame.x}px, ${frame.y}px) scale(${frame.zoom})` },
  });
  const diagram = inlineSvgPaint(decodeURIComponent(url.slice(url.indexOf(',') + 1)), source.viewport);
  const fontFamily = getComputedStyle(document.body).fontFamily;
  const caption = layoutCaption(blocks, frame.width, measurer(fontFamily));
  const svg = composeSvg({ diagram, width: frame.width, diagramHeight: frame.height, caption, palette, fontFamily, title });
  return { svg, width: frame.width, height: frame.height + caption.height };
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the picture could not be drawn'));
    image.src = src;
  });
}

/** The picture as a PNG, at 2 device pixels per CSS pixel (less for a huge one). */
export async function toPngBlob(picture: Picture): Promise<Blob> {
  const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`);
  const ratio = pixelRatio(picture.width, picture.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(picture.width * ratio);
  canvas.height = Math.round(picture.height * ratio);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.scale(ratio, ratio);
  context.drawImage(image, 0, 0, picture.width, picture.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Hands `blob` to the browser as a download named `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL by now; keep it a moment for slow browsers
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
