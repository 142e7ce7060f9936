// Scrolls a box (only it, never the page) so an element inside it comes into view, a third of
// the way down, unless it is in view already. An IntersectionObserver measures both after the
// browser's own layout of the frame, so a playback step never forces a layout of the page (a
// getBoundingClientRect or offsetTop right after React's commit would). The scroll is at once,
// not smooth: a smooth scroll renders frames for a third of a second while playback moves on.
//
// Far jumps (End, a link's step) land in content the browser skipped (content-visibility) and
// sized by estimate: the element is then measured directly, and checked again after the scroll
// once the content around it is drawn at its real size (a few rounds at most).

/** Pixels at the box's top and bottom that do not count as in view (sticky headers). */
export interface Insets {
  readonly top: number;
  readonly bottom: number;
}

const ROUNDS = 4;

/** Starts watching; returns the function that stops it (an effect's cleanup). */
export function revealInBox(el: Element, box: HTMLElement, insets: Insets = { top: 0, bottom: 0 }): () => void {
  let rounds = 0;
  const observer = new IntersectionObserver(
    ([entry]) => {
      observer.unobserve(el);
      // Empty rectangles: the element sits in skipped content, which the observer does not
      // measure; measure it directly (this one time, the browser lays that content out).
      const skipped = !entry.rootBounds || entry.rootBounds.height === 0 || entry.boundingClientRect.height === 0;
      const b = skipped ? box.getBoundingClientRect() : entry.rootBounds!;
      if (b.height === 0) return; // hidden
      const r = skipped ? el.getBoundingClientRect() : entry.boundingClientRect;
      if (r.top >= b.top + insets.top && r.bottom <= b.bottom - insets.bottom) return;
      const view = b.height - insets.top - insets.bottom;
      box.scrollTop = Math.max(0, box.scrollTop + (r.top - b.top) - (insets.top + view / 3));
      if (++rounds < ROUNDS) observer.observe(el); // check again once the scroll is drawn
    },
    { root: box },
  );
  observer.observe(el);
  return () => observer.disconnect();
}
