import { describe, expect, it } from 'vitest';
import type { ScenarioView } from '../../worker/protocol';
import { catalogueTags, type CatalogueEntry, filterCatalogue } from './catalogue';

const scenario = (id: string, tags: string[], title: string, zh: string, source = ''): ScenarioView => ({
  file: `scenarios/${id}.yaml`, id, title: { en: title, 'zh-CN': zh }, summary: { en: '', 'zh-CN': '' }, tags, source,
  machines: [], flows: [], variants: [], expectations: {}, tour: [],
});
const entries: CatalogueEntry[] = [
  { file: 'scenarios/host-gw.yaml', scenario: scenario('host-gw', ['routing', 'flannel'], 'Host gateway routing', '主机网关路由', '002_x.txt') },
  { file: 'scenarios/services.yaml', scenario: scenario('services', ['kube-proxy', 'nat'], 'Services with iptables', 'Service 与 iptables') },
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
  it('searches the source article and tags', () => {
    expect(filterCatalogue(entries, '002_x').map((e) => e.file)).toEqual(['scenarios/host-gw.yaml']);
    expect(filterCatalogue(entries, 'nat').map((e) => e.file)).toEqual(['scenarios/services.yaml']);
  });
  it('keeps undescribed files findable by file name, and lists everything for an empty query', () => {
    expect(filterCatalogue(entries, 'pending').map((e) => e.file)).toEqual(['scenarios/pending.yaml']);
    expect(filterCatalogue(entries, '  ')).toHaveLength(3);
  });
  it('filters by tag', () => {
    expect(filterCatalogue(entries, '', 'flannel').map((e) => e.file)).toEqual(['scenarios/host-gw.yaml']);
  });
  it('lists tags most used first', () => {
    const more = [...entries, { file: 'x', scenario: scenario('x', ['nat'], 'x', 'x') }];
    expect(catalogueTags(more)).toEqual(['nat', 'flannel', 'kube-proxy', 'routing']);
  });
});
