// `?src=<url>`: open the lab at another address (model/srcUrl.ts checks and fetches it). What
// comes back is kept as a lab of the user's and shown in the editor as text, with a notice that
// it is untrusted data.
import { notify } from './editorStore';
import { openText } from './actions';
import { fetchLab } from './model/srcUrl';

/** Reads `src` from the page's query now (the URL is rewritten once the lab starts), then fetches it. */
export function openSrcParam(search: string): void {
  const src = new URLSearchParams(search).get('src');
  if (src === null) return;
  void (async () => {
    const got = await fetchLab(src);
    if (!got.ok) return notify({ tone: 'error', key: 'editor.srcFailed', vars: { url: src, message: got.message } });
    const name = got.value.url.pathname.replace(/^.*\//, '') || 'lab';
    await openText(got.value.text, name);
    notify({ tone: 'info', key: 'editor.fromSrc', vars: { url: got.value.url.href } });
  })();
}
