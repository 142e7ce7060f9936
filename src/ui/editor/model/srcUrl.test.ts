import { describe, expect, it } from 'vitest';
import { checkContentType, checkSize, checkSrcUrl, fetchLab, MAX_LAB_BYTES } from './srcUrl';

function respond(body: string, headers: Record<string, string>, status = 200): typeof fetch {
  return () => Promise.resolve(new Response(body, { status, headers }));
}

describe('?src= checks', () => {
  it('takes https, and http only on this machine', () => {
    expect(checkSrcUrl('https://example.org/lab.yaml').ok).toBe(true);
    expect(checkSrcUrl('http://127.0.0.1:8080/lab.yaml').ok).toBe(true);
    expect(checkSrcUrl('http://localhost/lab.yaml').ok).toBe(true);
    expect(checkSrcUrl('http://example.org/lab.yaml')).toMatchObject({ ok: false, message: expect.stringContaining('https') });
    expect(checkSrcUrl('javascript:alert(1)')).toMatchObject({ ok: false });
    expect(checkSrcUrl('data:text/yaml,id: x')).toMatchObject({ ok: false });
    expect(checkSrcUrl('lab.yaml')).toMatchObject({ ok: false, message: expect.stringContaining('not a URL') });
  });
  it('takes YAML and plain text content types only', () => {
    expect(checkContentType('text/yaml; charset=utf-8').ok).toBe(true);
    expect(checkContentType('application/x-yaml').ok).toBe(true);
    expect(checkContentType('text/plain').ok).toBe(true);
    expect(checkContentType('text/html')).toMatchObject({ ok: false, message: expect.stringContaining('got text/html') });
    expect(checkContentType(null)).toMatchObject({ ok: false, message: expect.stringContaining('no content type') });
  });
  it('limits the size', () => {
    expect(checkSize(MAX_LAB_BYTES).ok).toBe(true);
    expect(checkSize(MAX_LAB_BYTES + 1)).toMatchObject({ ok: false, message: expect.stringContaining('at most 1000 kB') });
  });
  it('fetches a YAML file as text', async () => {
    const got = await fetchLab('https://example.org/a.yaml', respond('id: a\n', { 'content-type': 'application/yaml' }));
    expect(got).toMatchObject({ ok: true, value: { text: 'id: a\n' } });
  });
  it('refuses an HTML page, a failed request and a too large body', async () => {
    expect(await fetchLab('https://example.org/a', respond('<script>', { 'content-type': 'text/html' }))).toMatchObject({ ok: false });
    expect(await fetchLab('https://example.org/a', respond('', { 'content-type': 'text/yaml' }, 404))).toMatchObject({ ok: false, message: expect.stringContaining('HTTP 404') });
    const big = 'x'.repeat(MAX_LAB_BYTES + 10);
    expect(await fetchLab('https://example.org/a', respond(big, { 'content-type': 'text/plain' }))).toMatchObject({ ok: false, message: expect.stringContaining('kB') });
    const failing: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await fetchLab('https://example.org/a', failing)).toMatchObject({ ok: false, message: expect.stringContaining('Failed to fetch') });
  });
});
