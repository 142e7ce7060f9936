import { describe, expect, it } from 'vitest';
import type { ScenarioView } from '../../worker/protocol';
import { fixingVariant } from './fix';

const view = (expectations: ScenarioView['expectations'], variants: string[]): ScenarioView => ({
  file: 'f.yaml', id: 'f', title: { en: '', 'zh-CN': '' }, summary: { en: '', 'zh-CN': '' }, tags: [], source: '',
  machines: [], flows: [], tour: [], expectations,
  variants: variants.map((id) => ({ id, title: { en: id, 'zh-CN': id } })),
});

describe('fixingVariant', () => {
  const drop = { dropped: 'NEIGH_FAILED' };
  it('picks the first variant that delivers the flow', () => {
    const s = view({ '': { a: drop }, broken: { a: drop }, fixed: { a: 'delivered' }, other: { a: 'delivered' } }, ['broken', 'fixed', 'other']);
    expect(fixingVariant(s, undefined, 'a')).toBe('fixed');
  });
  it('goes back to the scenario as written when that delivers', () => {
    const s = view({ '': { a: 'delivered' }, broken: { a: drop } }, ['broken']);
    expect(fixingVariant(s, 'broken', 'a')).toBeUndefined();
  });
  it('says null when no lab delivers the flow', () => {
    const s = view({ '': { a: drop }, broken: { a: drop } }, ['broken']);
    expect(fixingVariant(s, undefined, 'a')).toBeNull();
  });
  it('prefers the variant that extends the current one, then one named for a fix, over the scenario as written', () => {
    const s = view({ '': { a: 'delivered' }, 'cloud-sg': { a: drop }, other: { a: 'delivered' }, 'cloud-sg-fixed': { a: 'delivered' }, fixed: { a: 'delivered' } }, ['cloud-sg', 'other', 'cloud-sg-fixed', 'fixed']);
    expect(fixingVariant(s, 'cloud-sg', 'a')).toBe('cloud-sg-fixed');
    const t = view({ '': { a: 'delivered' }, broken: { a: drop }, other: { a: 'delivered' }, fixed: { a: 'delivered' } }, ['broken', 'other', 'fixed']);
    expect(fixingVariant(t, 'broken', 'a')).toBe('fixed');
  });
});
