import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { groupTags, tagKey, tagKind, uniqueTags } from './tags';

describe('tag keys', () => {
  it.each([
    ['Calico', 'calico'],
    ['networkpolicy', 'network-policy'],
    ['Network Policy', 'network-policy'],
    ['cross-node', 'cross-host'],
    ['rp_filter', 'rp-filter'],
    ['Services', 'service'],
  ])('%s → %s', (tag, key) => expect(tagKey(tag)).toBe(key));
});

describe('tag kinds', () => {
  it.each([
    ['flannel', 'cni'],
    ['vxlan', 'technique'],
    ['network-policy', 'kubernetes'],
    ['rp-filter', 'linux'],
    ['source-dest-check', 'cloud'],
    ['cross-host', 'topology'],
    ['made-up', 'other'],
  ])('%s is %s', (key, kind) => expect(tagKind(key)).toBe(kind));
});

describe('groupTags', () => {
  const groups = groupTags([
    ['calico', 'networkpolicy', 'cross-host', 'rp_filter'],
    ['Calico', 'network-policy', 'cross-node', 'vxlan', 'made-up'],
    ['flannel', 'vxlan', 'cross-host', 'cross-node'],
  ]);
  const flat = groups.flatMap((g) => g.tags.map((t) => `${g.kind}:${t.label}×${t.count}`));

  it('counts each meaning once, whatever its spelling, and a scenario once per meaning', () => {
    expect(flat).toContain('topology:cross-host×3');
    expect(flat).toContain('kubernetes:network-policy×2');
    expect(flat).toContain('cni:calico×2');
    expect(flat.filter((t) => /calico|cross|policy/i.test(t))).toHaveLength(3);
  });

  it('groups by kind in a fixed order, most used first, unknown tags last', () => {
    expect(groups.map((g) => g.kind)).toEqual(['cni', 'technique', 'kubernetes', 'linux', 'topology', 'other']);
    expect(groups[0].tags.map((t) => t.label)).toEqual(['calico', 'flannel']);
    expect(groups.at(-1)?.tags.map((t) => t.key)).toEqual(['made-up']);
  });

  it("keeps a kernel name's own spelling", () => {
    expect(groups.find((g) => g.kind === 'linux')?.tags.map((t) => t.label)).toEqual(['rp_filter']);
  });
});

describe("a scenario's own tags", () => {
  it('are shown once per meaning', () => {
    expect(uniqueTags(['networkpolicy', 'network-policy', 'iptables']).map((t) => t.key)).toEqual(['network-policy', 'iptables']);
  });
});

describe('the shipped scenarios', () => {
  const tagLists = readdirSync('scenarios')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => (parse(readFileSync(`scenarios/${f}`, 'utf8')) as { tags?: string[] }).tags ?? []);

  it('use only tags the grouping knows, so none falls into "other"', () => {
    expect(groupTags(tagLists).find((g) => g.kind === 'other')?.tags ?? []).toEqual([]);
  });
});
