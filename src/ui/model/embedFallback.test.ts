import { describe, expect, it } from 'vitest';
import { imageFallbackMarkup, labLink, withImageFallback } from './embedFallback';

const fallback = { image: 'host-gw-f-step-3.png', link: 'http://h/?scenario=host-gw&flow=f&step=3', title: 'podpath: "host-gw"', width: 640 };

describe('the embed snippet\'s picture fallback', () => {
  it('is a linked picture inside <noscript>, with escaped attributes', () => {
    expect(imageFallbackMarkup(fallback)).toBe(
      '<noscript><a href="http://h/?scenario=host-gw&amp;flow=f&amp;step=3"><img src="host-gw-f-step-3.png" alt="podpath: &quot;host-gw&quot;" style="max-width:640px;width:100%"></a></noscript>',
    );
  });
  it('follows the iframe on its own line, or is left out', () => {
    const snippet = '<iframe src="x"></iframe>';
    expect(withImageFallback(snippet, fallback).split('\n')).toEqual([snippet, imageFallbackMarkup(fallback)]);
    expect(withImageFallback(snippet, undefined)).toBe(snippet);
  });
  it('links the full lab, not the embed', () => {
    expect(labLink('http://h/?scenario=host-gw&flow=f&step=3&caption=1&autoplay=1&loop=1&embed=1')).toBe('http://h/?scenario=host-gw&flow=f&step=3');
  });
});
