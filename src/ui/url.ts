// The view in the page's URL (DESIGN §7: a link reproduces the view):
// ?scenario=flannel-vxlan&variant=fixed&flow=pod1-to-pod2&step=12&lang=zh-CN&theme=dark&embed=1
// A flow built in the page travels as flow=custom&from=node1/pod1&to=10.244.2.3:8080&proto=tcp.
// The reachability matrix is view=matrix, its all-pairs layout pairs=1. Predict mode (verdicts
// hidden until the learner guesses) is predict=1.
// `step` is 1-based (the step counter the page shows); absent = before the first step.
// `filter=hops|no-netfilter|drops-rewrites` narrows the steps shown; absent = all steps.
// Embeds for docs: autoplay=1, loop=1, speed=0.5|1|2|4 (absent = 1), caption=1.
// The canvas: fold=0 shows every namespace (absent = fold those the flow does not touch).
// The box under playback: steps=ladder shows the ladder diagram (absent = the timeline).
import type { Flow } from '../engine/trace/types';
import { isLang, type Lang } from '../i18n/index';
import { formatEndpoint, formatTarget, parseFlowSpec } from '../scenario/endpoints';
import { CUSTOM_FLOW_ID, type Selection, type Theme } from '../store/lab';
import { isStepFilter, type StepFilter } from './model/stepFilter';
import { SPEEDS, type Speed } from '../store/playback';

/** `scenarios/flannel-vxlan.yaml` ↔ `flannel-vxlan` */
export function fileToParam(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
}

export interface UrlState extends Selection {
  readonly lang?: Lang;
  readonly theme?: Theme;
  /** The step shown, 0-based (-1 or undefined: before the first). */
  readonly step?: number;
  readonly embed?: boolean;
  /** Which steps playback shows; undefined: all. */
  readonly filter?: StepFilter;
  /** Start playing once the trace is in. */
  readonly autoplay?: boolean;
  /** Play again from the start after the end. */
  readonly loop?: boolean;
  readonly speed?: Speed;
  /** A caption line under the canvas: the step's explanation, at the end the drop and its fix. */
  readonly caption?: boolean;
  /** Predict mode, for workshops. */
  readonly predict?: boolean;
  /** `camera=1`: the canvas follows the packet (pans and zooms to each hop). */
  readonly camera?: boolean;
  /** `fold=0`: the canvas shows every namespace, folding none away. */
  readonly showAll?: boolean;
  /** `steps=ladder`: the ladder diagram, not the timeline, under the playback bar. */
  readonly stepsView?: StepsView;
}

/** What the box under the playback bar shows. */
export type StepsView = 'timeline' | 'ladder';

function parseSpeed(text: string | null): Speed | undefined {
  return SPEEDS.find((s) => text !== null && text !== '' && Number(text) === s);
}

export function parseUrl(search: string, files: readonly string[]): UrlState {
  const params = new URLSearchParams(search);
  const scenario = params.get('scenario');
  const file = scenario === null ? undefined : files.find((f) => fileToParam(f) === scenario);
  const lang = params.get('lang');
  const theme = params.get('theme');
  const filter = params.get('filter');
  let flow = (file && params.get('flow')) || undefined;
  let custom: Flow | undefined;
  if (flow === CUSTOM_FLOW_ID) {
    const parsed = parseFlowSpec(CUSTOM_FLOW_ID, params.get('from') ?? '', params.get('to') ?? '', params.get('proto') ?? '');
    if (parsed.ok) custom = parsed.value;
    else flow = undefined;
  }
  const stepText = params.get('step');
  const step = flow && stepText && /^\d+$/.test(stepText) ? Number(stepText) - 1 : undefined;
  const speed = parseSpeed(params.get('speed'));
  return {
    file,
    variant: (file && params.get('variant')) || undefined,
    flow,
    ...(custom ? { custom } : {}),
    ...(step !== undefined && step >= 0 ? { step } : {}),
    lang: isLang(lang) ? lang : undefined,
    ...(theme === 'dark' || theme === 'light' ? { theme } : {}),
    ...(params.get('embed') === '1' ? { embed: true } : {}),
    ...(isStepFilter(filter) && filter !== 'all' ? { filter } : {}),
    ...(params.get('autoplay') === '1' ? { autoplay: true } : {}),
    ...(params.get('loop') === '1' ? { loop: true } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(params.get('caption') === '1' ? { caption: true } : {}),
    ...(params.get('predict') === '1' ? { predict: true } : {}),
    ...(params.get('camera') === '1' ? { camera: true } : {}),
    ...(params.get('fold') === '0' ? { showAll: true } : {}),
    ...(params.get('steps') === 'ladder' ? { stepsView: 'ladder' as const } : {}),
    ...(file && params.get('view') === 'matrix' ? { view: 'matrix' as const } : {}),
    ...(file && params.get('pairs') === '1' ? { matrixMode: 'pairs' as const } : {}),
  };
}

export function formatUrl(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.file) params.set('scenario', fileToParam(state.file));
  if (state.file && state.variant) params.set('variant', state.variant);
  if (state.file && state.flow) {
    params.set('flow', state.flow);
    if (state.flow === CUSTOM_FLOW_ID && state.custom) {
      params.set('from', formatEndpoint(state.custom.from));
      params.set('to', formatTarget(state.custom.to));
      params.set('proto', state.custom.protocol);
    }
    if (state.step !== undefined && state.step >= 0) params.set('step', String(state.step + 1));
  }
  if (state.file && state.view === 'matrix') params.set('view', 'matrix');
  if (state.file && state.matrixMode === 'pairs') params.set('pairs', '1');
  if (state.lang && state.lang !== 'en') params.set('lang', state.lang);
  if (state.theme === 'dark') params.set('theme', 'dark');
  if (state.embed) params.set('embed', '1');
  if (state.filter && state.filter !== 'all') params.set('filter', state.filter);
  if (state.autoplay) params.set('autoplay', '1');
  if (state.loop) params.set('loop', '1');
  if (state.speed !== undefined && state.speed !== 1) params.set('speed', String(state.speed));
  if (state.caption) params.set('caption', '1');
  if (state.predict) params.set('predict', '1');
  if (state.camera) params.set('camera', '1');
  if (state.showAll) params.set('fold', '0');
  if (state.stepsView === 'ladder') params.set('steps', 'ladder');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** What the Share dialog's embed builder sets: the embed's parameters and the iframe's size. */
export interface EmbedOptions {
  readonly autoplay: boolean;
  readonly loop: boolean;
  readonly caption: boolean;
  /** `camera=1`: the canvas follows the packet. */
  readonly camera: boolean;
  readonly speed: Speed;
  readonly filter: StepFilter;
  /** Keep the link's step (else the embed opens before the first step). */
  readonly keepStep: boolean;
  readonly width: number;
  readonly height: number;
}

export const DEFAULT_EMBED: EmbedOptions = {
  autoplay: false,
  loop: false,
  caption: true,
  camera: false,
  speed: 1,
  filter: 'all',
  keepStep: true,
  width: 960,
  height: 600,
};

/** An iframe's side in CSS pixels: whole, from the smallest layout the embed supports up. */
export function embedSize(n: number, fallback: number): number {
  return Number.isFinite(n) && n > 0 ? Math.round(Math.min(4000, Math.max(320, n))) : fallback;
}

/** The embed's URL for the view at `href` with `options` (parameters it does not set are kept). */
export function embedUrl(href: string, options: EmbedOptions): string {
  const url = new URL(href);
  const flag = (name: string, on: boolean) => (on ? url.searchParams.set(name, '1') : url.searchParams.delete(name));
  url.searchParams.delete('embed'); // set again last, so the URL ends in embed=1
  flag('autoplay', options.autoplay);
  flag('loop', options.loop);
  flag('caption', options.caption);
  flag('camera', options.camera);
  if (options.speed === 1) url.searchParams.delete('speed');
  else url.searchParams.set('speed', String(options.speed));
  if (options.filter === 'all') url.searchParams.delete('filter');
  else url.searchParams.set('filter', options.filter);
  if (!options.keepStep) url.searchParams.delete('step');
  url.searchParams.set('embed', '1');
  return url.toString();
}

/** The `<iframe>` an author pastes into docs for the view at `href` (embed mode), with its size. */
export function embedSnippet(href: string, title: string, options: EmbedOptions): string {
  const escaped = title.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const src = embedUrl(href, options).replace(/&/g, '&amp;');
  const width = embedSize(options.width, DEFAULT_EMBED.width);
  const height = embedSize(options.height, DEFAULT_EMBED.height);
  return `<iframe src="${src}" title="${escaped}" width="${width}" height="${height}" style="border:0" loading="lazy"></iframe>`;
}
