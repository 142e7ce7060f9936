import { describe, expect, it } from 'vitest';
import { fileToParam, formatUrl, iframeSnippet, parseUrl } from './url';

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
  it('round-trips the camera (camera=1) and leaves it out when off', () => {
    const state = { file: files[0], variant: undefined, flow: 'a-to-b', lang: undefined, camera: true };
    expect(formatUrl(state)).toBe('?scenario=flannel-vxlan&flow=a-to-b&camera=1');
    expect(parseUrl(formatUrl(state), files)).toEqual(state);
    expect(formatUrl({ ...state, camera: false })).toBe('?scenario=flannel-vxlan&flow=a-to-b');
    expect(parseUrl('?scenario=flannel-vxlan&camera=yes', files)).not.toHaveProperty('camera');
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
  it('makes an iframe snippet in embed mode with an escaped title', () => {
    expect(iframeSnippet('http://127.0.0.1:4173/?scenario=host-gw', 'a "b" & c')).toBe(
      '<iframe src="http://127.0.0.1:4173/?scenario=host-gw&embed=1" title="a &quot;b&quot; &amp; c" width="960" height="600" style="border:0" loading="lazy"></iframe>',
    );
  });
});
