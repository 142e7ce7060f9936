// The static-picture fallback of an embed snippet. A docs site is static: it cannot make a
// picture from a URL, so the snippet points at a picture file the author downloads from the
// Share dialog (the same step picture "Export image" makes) and puts next to the page.
//
// Why <noscript> after the iframe and not markup inside it: browsers never render an iframe's
// children, so a fallback there is dead text. A reader whose browser runs no scripts cannot run
// the lab in the iframe either, and <noscript> shows them the picture instead (a link to the
// full lab around it). Where iframes are not allowed at all (a README on a code host, a feed),
// the <a><img></a> inside works on its own. Pure.

export interface ImageFallback {
  /** The picture's file name, relative to the page (imageFileName). */
  readonly image: string;
  /** The full lab at this view (not the embed), for the picture's link. */
  readonly link: string;
  readonly title: string;
  /** The iframe's width: the picture is shown no wider. */
  readonly width: number;
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function imageFallbackMarkup(f: ImageFallback): string {
  return `<noscript><a href="${attr(f.link)}"><img src="${attr(f.image)}" alt="${attr(f.title)}" style="max-width:${f.width}px;width:100%"></a></noscript>`;
}

/** The iframe snippet followed by its picture fallback, when there is one. */
export function withImageFallback(snippet: string, fallback: ImageFallback | undefined): string {
  return fallback ? `${snippet}\n${imageFallbackMarkup(fallback)}` : snippet;
}

/** The full lab's URL for the view at `href`: the embed's own switches taken out. */
export function labLink(href: string): string {
  const url = new URL(href);
  for (const name of ['embed', 'autoplay', 'loop', 'caption']) url.searchParams.delete(name);
  return url.toString();
}
