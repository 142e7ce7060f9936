import { describe, expect, it } from 'vitest';
import { imageFileName } from './imageName';

describe('a step picture\'s file name', () => {
  it('names the scenario, the variant when one is chosen, the flow and the 1-based step', () => {
    expect(imageFileName({ file: 'scenarios/host-gw.yaml', flow: 'pod-a-to-pod-b', index: 4 }, 'png')).toBe('host-gw-pod-a-to-pod-b-step-5.png');
    expect(imageFileName({ file: 'scenarios/host-gw.yaml', variant: 'no-route', flow: 'pod-a-ping-pod-b', index: 0 }, 'svg')).toBe(
      'host-gw-no-route-pod-a-ping-pod-b-step-1.svg',
    );
  });
  it('says step 0 before the first step', () => {
    expect(imageFileName({ file: 'scenarios/host-gw.yaml', flow: 'f', index: -1 }, 'png')).toBe('host-gw-f-step-0.png');
  });
  it('keeps only characters safe in a file name and an HTML attribute', () => {
    expect(imageFileName({ file: 'scenarios/My Lab.yaml', variant: 'A/B "x"', flow: 'custom', index: 2 }, 'png')).toBe('my-lab-a-b-x-custom-step-3.png');
  });
  it('falls back to the app\'s name without a scenario', () => {
    expect(imageFileName({ index: -1 }, 'svg')).toBe('podpath-step-0.svg');
  });
});
