// `?src=<url>`: a lab fetched from another site. Only https (and http on this machine, for
// tests), at most MAX_LAB_BYTES, and only a text content type: what comes back is loaded as a
// scenario's text and shown as text, never run or rendered as HTML.

/** The most a lab file may weigh (the bundled ones are under 30 kB). */
export const MAX_LAB_BYTES = 1_000_000;

const TEXT_TYPES = ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/x-yaml', 'text/plain'];

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The URL to fetch, or why not. */
export function checkSrcUrl(text: string): Checked<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `src is not a URL: "${text}" (expected https://…/lab.yaml)` };
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) return { ok: true, value: url };
  return { ok: false, message: `src must be an https:// address, got ${url.protocol}` };
}

/** Whether a response's Content-Type is one a YAML file may come with. */
export function checkContentType(header: string | null): Checked<string> {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  if (TEXT_TYPES.includes(type)) return { ok: true, value: type };
  return { ok: false, message: `expected a YAML file (${TEXT_TYPES.join(', ')}), got ${type || 'no content type'}` };
}

/** Whether a body of `bytes` may be loaded. */
export function checkSize(bytes: number): Checked<number> {
  if (bytes <= MAX_LAB_BYTES) return { ok: true, value: bytes };
  return { ok: false, message: `the file is ${Math.ceil(bytes / 1000)} kB; a lab may be at most ${MAX_LAB_BYTES / 1000} kB` };
}

/** The lab at `src`: fetched without credentials, checked, decoded as UTF-8 text. */
export async function fetchLab(src: string, fetchFn: typeof fetch = fetch): Promise<Checked<{ url: URL; text: string }>> {
  const url = checkSrcUrl(src);
  if (!url.ok) return url;
  let response: Response;
  try {
    response = await fetchFn(url.value, { credentials: 'omit', redirect: 'follow' });
  } catch (error) {
    return { ok: false, message: `could not fetch ${url.value.href}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!response.ok) return { ok: false, message: `could not fetch ${url.value.href}: HTTP ${response.status}` };
  const type = checkContentType(response.headers.get('content-type'));
  if (!type.ok) return type;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > 0) {
    const size = checkSize(declared);
    if (!size.ok) return size;
  }
  const body = await response.arrayBuffer();
  const size = checkSize(body.byteLength);
  if (!size.ok) return size;
  return { ok: true, value: { url: url.value, text: new TextDecoder('utf-8').decode(body) } };
}
