// English and 简体中文 (DESIGN §7). `t` for the lab's own strings, `pick` for the bilingual
// texts that scenarios and traces carry.
import type { I18nText, LabWarning } from '../engine/trace/types';
import { en, type MessageKey, zhCN } from './messages';

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly { readonly id: Lang; readonly label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];
export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = dictionaries[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The text in `lang`, falling back to English when a translation is empty. */
export function pick(text: I18nText | undefined, lang: Lang): string {
  if (!text) return '';
  return text[lang] || text.en;
}

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'zh-CN';
}

/** zh-CN for a browser that prefers Chinese, English otherwise. */
export function detectLang(preferred: readonly string[]): Lang {
  return preferred.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** Why a lab warning's setting is not modelled (the CLI's validate and trace, and the page); the caller names the key or the command. */
export function warningText(w: Pick<LabWarning, 'code' | 'key' | 'value' | 'modelledValue'>, lang: Lang): string {
  const vars = { modelled: w.modelledValue ?? '' };
  if (w.code === 'sysctl-ignored') return t(lang, 'warning.sysctl-ignored', vars);
  return t(lang, w.modelledValue !== undefined ? 'warning.sysctl-fixed' : 'warning.sysctl-unmodelled', vars);
}
