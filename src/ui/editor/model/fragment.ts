// A lab carried in a link's fragment: `#lab=<lz-string, URI-safe>`, as mermaid.live and
// Excalidraw do. The fragment never reaches a server, and the text stays data: the page only
// loads it as a scenario.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

const KEY = 'lab';

/**
 * The longest link the page offers. Browsers take far longer URLs, but chat apps, mail clients
 * and URL shorteners cut or refuse them well before (8 000 is a common server and proxy limit).
 */
export const MAX_LINK_CHARS = 8000;

export type ShareLink = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly length: number; readonly limit: number };

/** The link to `href` (its query kept, its fragment replaced) that carries `text`. */
export function labLink(href: string, text: string, limit = MAX_LINK_CHARS): ShareLink {
  const url = new URL(href);
  url.hash = `${KEY}=${compressToEncodedURIComponent(text)}`;
  const out = url.toString();
  return out.length <= limit ? { ok: true, url: out } : { ok: false, length: out.length, limit };
}

export type FragmentLab = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string } | undefined;

/** The lab in a fragment (`#lab=…`); undefined when the fragment carries none. */
export function labFromFragment(hash: string): FragmentLab {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const packed = params.get(KEY);
  if (packed === null) return undefined;
  // URLSearchParams turns "+" into a space; the encoding uses "+" and never a space
  const text = packed ? decompressFromEncodedURIComponent(packed.replace(/ /g, '+')) : '';
  if (!text) return { ok: false, message: 'the link’s lab is damaged (it does not decompress): was it cut short?' };
  return { ok: true, text };
}
