// Scrolls a box (only it, never the page) so an element inside it comes into view, a third of
// the way down, unless it is in view already. An IntersectionObserver measures both after the
// browser's own layout of the frame, so a playback step never forces a layout of the page (a
// getBoundingClientRect or offsetTop right after React's commit would). The scroll is at once,
// not smooth: a smooth scroll renders frames for a third of a second while playback moves on.

/** Pixels at the box's top and bottom that do not count as in view (sticky headers). */
export interface Insets {
  readonly top: number;
  readonly bottom: number;
}

/** Starts watching; returns the function that stops it (an effect's cleanup). */
export function revealInBox(el: Element, box: HTMLElement, insets: Insets = { top: 0, bottom: 0 }): () => void {
  const observer = new IntersectionObserver(
    ([entry]) => {
      observer.disconnect();
      const b = entry.rootBounds;
      const r = entry.boundingClientRect;
      if (!b || b.height === 0) return; // hidden
      if (r.top >= b.top + insets.top && r.bottom <= b.bottom - insets.bottom) return;
      const view = b.height - insets.top - insets.bottom;
      box.scrollTop = Math.max(0, box.scrollTop + (r.top - b.top) - (insets.top + view / 3));
    },
    { root: box },
  );
  observer.observe(el);
  return () => observer.disconnect();
}
