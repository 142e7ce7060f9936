// The view in the page's URL (DESIGN §7: a link reproduces the view):
// ?scenario=flannel-vxlan&variant=fixed&flow=pod1-to-pod2&step=12&lang=zh-CN&theme=dark&embed=1
// A flow built in the page travels as flow=custom&from=node1/pod1&to=10.244.2.3:8080&proto=tcp.
// The reachability matrix is view=matrix, its all-pairs layout pairs=1.
// `step` is 1-based (the step counter the page shows); absent = before the first step.
import type { Flow } from '../engine/trace/types';
import { isLang, type Lang } from '../i18n/index';
import { formatEndpoint, formatTarget, parseFlowSpec } from '../scenario/endpoints';
import { CUSTOM_FLOW_ID, type Selection, type Theme } from '../store/lab';

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
  /** `camera=1`: the canvas follows the packet (pans and zooms to each hop). */
  readonly camera?: boolean;
}

export function parseUrl(search: string, files: readonly string[]): UrlState {
  const params = new URLSearchParams(search);
  const scenario = params.get('scenario');
  const file = scenario === null ? undefined : files.find((f) => fileToParam(f) === scenario);
  const lang = params.get('lang');
  const theme = params.get('theme');
  let flow = (file && params.get('flow')) || undefined;
  let custom: Flow | undefined;
  if (flow === CUSTOM_FLOW_ID) {
    const parsed = parseFlowSpec(CUSTOM_FLOW_ID, params.get('from') ?? '', params.get('to') ?? '', params.get('proto') ?? '');
    if (parsed.ok) custom = parsed.value;
    else flow = undefined;
  }
  const stepText = params.get('step');
  const step = flow && stepText && /^\d+$/.test(stepText) ? Number(stepText) - 1 : undefined;
  return {
    file,
    variant: (file && params.get('variant')) || undefined,
    flow,
    ...(custom ? { custom } : {}),
    ...(step !== undefined && step >= 0 ? { step } : {}),
    lang: isLang(lang) ? lang : undefined,
    ...(theme === 'dark' || theme === 'light' ? { theme } : {}),
    ...(params.get('embed') === '1' ? { embed: true } : {}),
    ...(params.get('camera') === '1' ? { camera: true } : {}),
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
  if (state.camera) params.set('camera', '1');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The `<iframe>` an author pastes into docs for the view at `href` (embed mode). */
export function iframeSnippet(href: string, title: string): string {
  const url = new URL(href);
  url.searchParams.set('embed', '1');
  const escaped = title.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${url.toString()}" title="${escaped}" width="960" height="600" style="border:0" loading="lazy"></iframe>`;
}
