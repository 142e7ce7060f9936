import { describe, expect, it } from 'vitest';
import { linkProblems, scenarioLinkProblems } from './urlProblems';

const SCENARIOS = ['host-gw', 'pod-host'];

describe('linkProblems', () => {
  it('finds nothing wrong in a good link', () => {
    expect(linkProblems('?scenario=host-gw&variant=x&flow=a&step=3&speed=2&filter=hops&lang=zh-CN&theme=dark&embed=1&fold=0&steps=ladder&view=matrix', SCENARIOS)).toEqual([]);
    expect(linkProblems('?scenario=host-gw&flow=custom&from=node1/pod-a&to=10.0.0.2:80&proto=tcp', SCENARIOS)).toEqual([]);
  });

  it('names each bad parameter with its value and what it expected', () => {
    const problems = linkProblems('?scenario=nope&step=abc&speed=99&filter=bad&lang=fr&theme=blue&embed=yes', SCENARIOS);
    expect(problems).toEqual([
      { param: 'scenario', value: 'nope', expected: 'host-gw, pod-host' },
      { param: 'lang', value: 'fr', expected: 'en, zh-CN' },
      { param: 'theme', value: 'blue', expected: 'light, dark' },
      { param: 'filter', value: 'bad', expected: 'all, hops, no-netfilter, drops-rewrites' },
      { param: 'speed', value: '99', expected: '0.5, 1, 2, 4' },
      { param: 'embed', value: 'yes', expected: '0, 1' },
      { param: 'step', value: 'abc', expected: '1, 2, 3 …' },
    ]);
  });

  it('refuses step=0 and a custom flow with a bad address', () => {
    expect(linkProblems('?step=0', SCENARIOS).map((p) => p.param)).toEqual(['step']);
    const [custom] = linkProblems('?flow=custom&from=node1&to=10.0.0.999&proto=tcp', SCENARIOS);
    expect(custom).toMatchObject({ param: 'flow=custom', value: 'from=node1&to=10.0.0.999&proto=tcp' });
  });

  it('cuts a long value', () => {
    const [p] = linkProblems(`?scenario=${'x'.repeat(500)}`, SCENARIOS);
    expect(p.value.length).toBeLessThanOrEqual(61);
  });
});

describe('scenarioLinkProblems', () => {
  const scenario = { flows: [{ id: 'a' }, { id: 'b' }], variants: [{ id: 'fixed' }] };
  it('names a variant or flow the scenario does not have', () => {
    expect(scenarioLinkProblems('?variant=nope&flow=nope', scenario)).toEqual([
      { param: 'variant', value: 'nope', expected: 'fixed' },
      { param: 'flow', value: 'nope', expected: 'a, b, custom' },
    ]);
    expect(scenarioLinkProblems('?variant=fixed&flow=b', scenario)).toEqual([]);
    expect(scenarioLinkProblems('?flow=custom', scenario)).toEqual([]);
  });
});
