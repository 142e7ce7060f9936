import { describe, expect, it } from 'vitest';
import type { ScenarioView } from '../../worker/protocol';
import { articlesText, catalogueGroups, type CatalogueEntry, filterCatalogue, tagText } from './catalogue';

const scenario = (id: string, tags: string[], title: string, zh: string, source = ''): ScenarioView => ({
  file: `scenarios/${id}.yaml`, id, title: { en: title, 'zh-CN': zh }, summary: { en: '', 'zh-CN': '' }, tags, source,
  articles: [{ title: { en: 'Kubernetes networking', 'zh-CN': 'kubernetes 网络原理' }, part: { en: 'host routing', 'zh-CN': '主机路由' } }],
  machines: [], flows: [], variants: [], expectations: {}, tour: [],
});
const entries: CatalogueEntry[] = [
  { file: 'scenarios/host-gw.yaml', scenario: scenario('host-gw', ['routing', 'flannel', 'NetworkPolicy'], 'Host gateway routing', '主机网关路由', '002_x.txt'), place: { track: 'routing', level: 1 } },
  { file: 'scenarios/services.yaml', scenario: scenario('services', ['kube-proxy', 'nat', 'network-policy'], 'Services with iptables', 'Service 与 iptables'), place: { track: 'services', level: 1 } },
  { file: 'scenarios/pending.yaml' },
];

describe('catalogue search', () => {
  it('finds a scenario by an English title word, case-insensitively', () => {
    expect(filterCatalogue(entries, 'GATEWAY').map((e) => e.file)).toEqual(['scenarios/host-gw.yaml']);
  });
  it('finds a scenario by its Chinese title', () => {
    expect(filterCatalogue(entries, '网关').map((e) => e.file)).toEqual(['scenarios/host-gw.yaml']);
  });
  it('needs every word of the query', () => {
    expect(filterCatalogue(entries, 'iptables services').map((e) => e.file)).toEqual(['scenarios/services.yaml']);
    expect(filterCatalogue(entries, 'iptables gateway')).toEqual([]);
  });
  it('searches the source, the article titles and tags', () => {
    expect(filterCatalogue(entries, '002_x').map((e) => e.file)).toEqual(['scenarios/host-gw.yaml']);
    expect(filterCatalogue(entries, '主机路由')).toHaveLength(2);
    expect(filterCatalogue(entries, 'nat').map((e) => e.file)).toEqual(['scenarios/services.yaml']);
  });
  it('keeps undescribed files findable by file name, and lists everything for an empty query', () => {
    expect(filterCatalogue(entries, 'pending').map((e) => e.file)).toEqual(['scenarios/pending.yaml']);
    expect(filterCatalogue(entries, '  ')).toHaveLength(3);
  });
  it('filters by tag key, whatever spelling a scenario uses', () => {
    expect(filterCatalogue(entries, '', 'flannel').map((e) => e.file)).toEqual(['scenarios/host-gw.yaml']);
    expect(filterCatalogue(entries, '', 'network-policy').map((e) => e.file)).toEqual(['scenarios/host-gw.yaml', 'scenarios/services.yaml']);
  });
});

describe('catalogue groups and words', () => {
  it('groups entries by their track, files without one last', () => {
    expect(catalogueGroups(entries).map((g) => [g.track, g.items.length])).toEqual([
      ['routing', 1],
      ['services', 1],
      [undefined, 1],
    ]);
  });
  it('names articles by title and part in each language', () => {
    const articles = entries[0].scenario!.articles!;
    expect(articlesText(articles, 'en')).toBe('“Kubernetes networking”: host routing');
    expect(articlesText(articles, 'zh-CN')).toBe('《kubernetes 网络原理》：主机路由');
    expect(articlesText([articles[0], { title: { en: 'B', 'zh-CN': '乙' } }], 'zh-CN')).toBe('《kubernetes 网络原理》：主机路由；《乙》');
  });
  it('translates tags that are words and keeps names as they are', () => {
    expect(tagText('cross-host', 'cross-host', 'zh-CN')).toBe('跨主机');
    expect(tagText('rp-filter', 'rp_filter', 'zh-CN')).toBe('rp_filter');
  });
});
