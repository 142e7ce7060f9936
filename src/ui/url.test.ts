import { describe, expect, it } from 'vitest';
import { fileToParam, formatUrl, parseUrl } from './url';

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
});
