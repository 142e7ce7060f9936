// The selection in the page's URL (DESIGN §7: a link reproduces the view):
// ?scenario=flannel-vxlan&variant=fixed&flow=pod1-to-pod2&lang=zh-CN
import { isLang, type Lang } from '../i18n/index';
import type { Selection } from '../store/lab';

/** `scenarios/flannel-vxlan.yaml` ↔ `flannel-vxlan` */
export function fileToParam(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
}

export interface UrlState extends Selection {
  readonly lang?: Lang;
}

export function parseUrl(search: string, files: readonly string[]): UrlState {
  const params = new URLSearchParams(search);
  const scenario = params.get('scenario');
  const file = scenario === null ? undefined : files.find((f) => fileToParam(f) === scenario);
  const lang = params.get('lang');
  return {
    file,
    variant: (file && params.get('variant')) || undefined,
    flow: (file && params.get('flow')) || undefined,
    lang: isLang(lang) ? lang : undefined,
  };
}

export function formatUrl(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.file) params.set('scenario', fileToParam(state.file));
  if (state.file && state.variant) params.set('variant', state.variant);
  if (state.file && state.flow) params.set('flow', state.flow);
  if (state.lang && state.lang !== 'en') params.set('lang', state.lang);
  const text = params.toString();
  return text ? `?${text}` : '';
}
