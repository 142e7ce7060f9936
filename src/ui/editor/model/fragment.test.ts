import { describe, expect, it } from 'vitest';
import { labFromFragment, labLink } from './fragment';
import { NEW_LAB_TEMPLATE } from './template';

describe('lab in a link fragment', () => {
  it('round-trips a lab through the link, keeping the query and replacing an old fragment', () => {
    const link = labLink('https://example.org/podpath/?lang=zh-CN#old', NEW_LAB_TEMPLATE);
    if (!link.ok) throw new Error('too long');
    const url = new URL(link.url);
    expect(url.search).toBe('?lang=zh-CN');
    expect(url.hash.startsWith('#lab=')).toBe(true);
    expect(url.hash.length).toBeLessThan(NEW_LAB_TEMPLATE.length); // compressed
    expect(labFromFragment(url.hash)).toEqual({ ok: true, text: NEW_LAB_TEMPLATE });
  });
  it('keeps unicode text', () => {
    const text = 'title: { en: "x", zh-CN: "网桥" }\n';
    const link = labLink('https://example.org/', text);
    expect(link.ok && labFromFragment(new URL(link.url).hash)).toEqual({ ok: true, text });
  });
  it('says when the link would be too long, with its length and the limit', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `# line ${i} ${Math.sin(i)}`).join('\n');
    const link = labLink('https://example.org/', text, 8000);
    expect(link.ok).toBe(false);
    if (link.ok) return;
    expect(link.limit).toBe(8000);
    expect(link.length).toBeGreaterThan(8000);
  });
  it('is undefined without a lab, and an error for a damaged one', () => {
    expect(labFromFragment('')).toBeUndefined();
    expect(labFromFragment('#step=3')).toBeUndefined();
    expect(labFromFragment('#lab=')).toMatchObject({ ok: false });
    expect(labFromFragment('#lab=%%%not-lz')).toMatchObject({ ok: false });
  });
});
