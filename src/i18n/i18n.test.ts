import { describe, expect, it } from 'vitest';
import { detectLang, pick, t } from './index';
import { en, zhCN } from './messages';

describe('i18n', () => {
  it('has a non-empty zh-CN string for every English key, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key], key).toBeTruthy();
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(zhCN[key]), key).toEqual(holes(en[key]));
    }
  });
  it('fills placeholders', () => {
    expect(t('en', 'drop.heading', { reason: 'IP_RPFILTER' })).toBe('Dropped: IP_RPFILTER');
    expect(t('zh-CN', 'trace.events', { n: 3 })).toBe('3 步');
  });
  it('picks the language of a bilingual text, falling back to English', () => {
    expect(pick({ en: 'a', 'zh-CN': '甲' }, 'zh-CN')).toBe('甲');
    expect(pick({ en: 'a', 'zh-CN': '' }, 'zh-CN')).toBe('a');
    expect(pick(undefined, 'en')).toBe('');
  });
  it('detects Chinese browsers', () => {
    expect(detectLang(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLang(['en-US'])).toBe('en');
  });
});
