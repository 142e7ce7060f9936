import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED, embedSize, embedSnippet, embedUrl, fileToParam, formatUrl, parseUrl } from './url';

const files = ['scenarios/flannel-vxlan.yaml', 'scenarios/host-gw.yaml'];

describe('selection in the URL', () => {
  it('round-trips scenario, variant, flow and language', () => {
    const state = { file: files[1], variant: 'fixed', flow: 'a-to-b', lang: 'zh-CN' as const };
    expect(formatUrl(state)).toBe('?scenario=host-gw&variant=fixed&flow=a-to-b&lang=zh-CN');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
  });
  it('drops a scenario that is not bundled, and the variant and flow with it', () => {
    expect(parseUrl('?scenario=nope&variant=v&flow=f', files)).toEqual({ file: undefined, variant: undefined, flow: undefined, lang: undefined });
  });
  it('ignores an unknown language and leaves English out of the URL', () => {
    expect(parseUrl('?lang=fr', files).lang).toBeUndefined();
    expect(formatUrl({ lang: 'en' })).toBe('');
  });
  it('names a scenario by its file stem', () => {
    expect(fileToParam('scenarios/flannel-vxlan.yaml')).toBe('flannel-vxlan');
  });
  it('round-trips the step (1-based in the URL), theme and embed mode', () => {
    const state = { file: files[1], variant: undefined, flow: 'a-to-b', step: 11, lang: undefined, theme: 'dark' as const, embed: true };
    expect(formatUrl(state)).toBe('?scenario=host-gw&flow=a-to-b&step=12&theme=dark&embed=1');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
  });
  it('round-trips the step filter, leaves "all" out and ignores an unknown one', () => {
    for (const filter of ['hops', 'no-netfilter', 'drops-rewrites'] as const) {
      const state = { file: files[0], variant: undefined, flow: 'pod1-to-pod2', lang: undefined, filter };
      expect(formatUrl(state)).toBe(`?scenario=flannel-vxlan&flow=pod1-to-pod2&filter=${filter}`);
      expect(parseUrl(formatUrl(state), files)).toEqual(state);
    }
    expect(formatUrl({ file: files[0], filter: 'all' })).toBe('?scenario=flannel-vxlan');
    expect(parseUrl('?scenario=host-gw&filter=all', files).filter).toBeUndefined();
    expect(parseUrl('?scenario=host-gw&filter=everything', files).filter).toBeUndefined();
  });
  it('round-trips predict mode, and leaves it out when off', () => {
    const state = { file: files[0], flow: 'pod1-to-pod2', predict: true };
    expect(formatUrl(state)).toBe('?scenario=flannel-vxlan&flow=pod1-to-pod2&predict=1');
    expect(parseUrl(formatUrl(state), files)).toEqual({ ...state, variant: undefined, lang: undefined });
    expect(formatUrl({ ...state, predict: false })).not.toContain('predict');
    expect(parseUrl('?predict=yes', files).predict).toBeUndefined();
  });
  it('round-trips the camera (camera=1) and leaves it out when off', () => {
    const state = { file: files[0], variant: undefined, flow: 'a-to-b', lang: undefined, camera: true };
    expect(formatUrl(state)).toBe('?scenario=flannel-vxlan&flow=a-to-b&camera=1');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
    expect(formatUrl({ ...state, camera: false })).toBe('?scenario=flannel-vxlan&flow=a-to-b');
    expect(parseUrl('?scenario=flannel-vxlan&camera=yes', files)).not.toHaveProperty('camera');
  });
  it('round-trips "show all" on the canvas as fold=0 and leaves it out when folding', () => {
    const state = { file: files[0], variant: undefined, flow: 'a-to-b', lang: undefined, showAll: true };
    expect(formatUrl(state)).toBe('?scenario=flannel-vxlan&flow=a-to-b&fold=0');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
    expect(formatUrl({ ...state, showAll: false })).toBe('?scenario=flannel-vxlan&flow=a-to-b');
    expect(parseUrl('?scenario=flannel-vxlan&fold=1', files)).not.toHaveProperty('showAll');
  });
  it('round-trips the ladder view as steps=ladder; the timeline, the default, stays out', () => {
    const state = { file: files[0], variant: undefined, flow: 'a-to-b', step: 4, lang: undefined, stepsView: 'ladder' as const };
    expect(formatUrl(state)).toBe('?scenario=flannel-vxlan&flow=a-to-b&step=5&steps=ladder');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
    expect(formatUrl({ ...state, stepsView: 'timeline' })).toBe('?scenario=flannel-vxlan&flow=a-to-b&step=5');
    expect(parseUrl('?scenario=flannel-vxlan&steps=gantt', files)).not.toHaveProperty('stepsView');
    // the ladder is not the lab/matrix choice: both travel together
    expect(parseUrl('?scenario=flannel-vxlan&view=matrix&steps=ladder', files)).toMatchObject({ view: 'matrix', stepsView: 'ladder' });
  });
  it('ignores a step without a flow and a step that is not a positive number', () => {
    expect(parseUrl('?scenario=host-gw&step=3', files).step).toBeUndefined();
    expect(parseUrl('?scenario=host-gw&flow=f&step=0', files).step).toBeUndefined();
    expect(parseUrl('?scenario=host-gw&flow=f&step=x', files).step).toBeUndefined();
  });
  it('carries a flow built in the page as from, to and proto', () => {
    const custom = { id: 'custom', from: { machine: 'host1', netns: 'pod-a' }, to: { addr: '10.0.0.9', port: 80 }, protocol: 'tcp' as const };
    const url = formatUrl({ file: files[1], flow: 'custom', custom });
    expect(url).toBe('?scenario=host-gw&flow=custom&from=host1%2Fpod-a&to=10.0.0.9%3A80&proto=tcp');
    expect(parseUrl(url, files)).toMatchObject({ flow: 'custom', custom });
  });
  it('round-trips the matrix view and its all-pairs layout', () => {
    const state = { file: files[0], variant: 'fixed', flow: undefined, lang: undefined, view: 'matrix' as const, matrixMode: 'pairs' as const };
    expect(formatUrl(state)).toBe('?scenario=flannel-vxlan&variant=fixed&view=matrix&pairs=1');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
    expect(parseUrl('?scenario=flannel-vxlan&view=canvas&pairs=yes', files)).not.toHaveProperty('view');
    expect(parseUrl('?view=matrix', files)).not.toHaveProperty('view');
  });
  it('drops a built flow that does not parse', () => {
    expect(parseUrl('?scenario=host-gw&flow=custom&from=host1&to=nope&proto=tcp', files)).toMatchObject({ flow: undefined });
    expect(parseUrl('?scenario=host-gw&flow=custom&from=host1&to=10.0.0.1&proto=tcp', files)).toMatchObject({ flow: undefined });
  });
  it('round-trips the embed options: autoplay, loop, speed and caption', () => {
    const state = { file: files[1], variant: undefined, flow: 'a-to-b', lang: undefined, embed: true, autoplay: true, loop: true, speed: 2 as const, caption: true };
    expect(formatUrl(state)).toBe('?scenario=host-gw&flow=a-to-b&embed=1&autoplay=1&loop=1&speed=2&caption=1');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
  });
  it('reads only the speeds the playback has, and leaves 1× out of the URL', () => {
    expect(parseUrl('?speed=0.5', files).speed).toBe(0.5);
    expect(parseUrl('?speed=4', files).speed).toBe(4);
    for (const bad of ['3', '', 'fast', '-1', '1e9']) expect(parseUrl(`?speed=${bad}`, files)).not.toHaveProperty('speed');
    expect(formatUrl({ speed: 1 })).toBe('');
    expect(parseUrl('?autoplay=yes&loop=0&caption=true', files)).not.toHaveProperty('autoplay');
    expect(parseUrl('?autoplay=yes&loop=0&caption=true', files)).not.toHaveProperty('loop');
    expect(parseUrl('?autoplay=yes&loop=0&caption=true', files)).not.toHaveProperty('caption');
  });
  it('builds the embed URL from the options, ending in embed=1, keeping what it does not set', () => {
    const href = 'http://h/?scenario=host-gw&flow=f&step=7&theme=dark&embed=1&loop=1';
    const url = embedUrl(href, { ...DEFAULT_EMBED, autoplay: true, speed: 2, filter: 'hops', camera: true });
    expect(url).toBe('http://h/?scenario=host-gw&flow=f&step=7&theme=dark&autoplay=1&caption=1&camera=1&speed=2&filter=hops&embed=1');
    const bare = new URL(embedUrl(href, { ...DEFAULT_EMBED, caption: false, keepStep: false }));
    expect([...bare.searchParams.keys()]).toEqual(['scenario', 'flow', 'theme', 'embed']);
  });
  it('makes the snippet with its size and an HTML-escaped src', () => {
    const snippet = embedSnippet('http://h/?scenario=host-gw&flow=f', 'a "b"', { ...DEFAULT_EMBED, width: 640, height: 400 });
    expect(snippet).toBe('<iframe src="http://h/?scenario=host-gw&amp;flow=f&amp;caption=1&amp;embed=1" title="a &quot;b&quot;" width="640" height="400" style="border:0" loading="lazy"></iframe>');
    expect(embedSize(10, 600)).toBe(320);
    expect(embedSize(Number.NaN, 600)).toBe(600);
    expect(embedSize(99999, 600)).toBe(4000);
  });
});
