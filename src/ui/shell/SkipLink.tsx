// "Skip to playback": the page's first tab stop, shown only when focused. It lands on the play
// button (or the playback area while there is nothing to play) instead of walking the header,
// the catalogue and the flows first.
import type { MouseEvent } from 'react';
import { useT } from '../labStore';

/** The element around the playback bar the link points at (focusable by script only). */
export const PLAYBACK_ID = 'playback-region';

export function SkipLink() {
  const t = useT();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const region = document.getElementById(PLAYBACK_ID);
    if (!region) return; // the Matrix view: no playback, let the browser follow the link
    e.preventDefault();
    const play = region.querySelector<HTMLButtonElement>('[data-testid="play"]:not(:disabled)');
    (play ?? region).focus();
  };
  return (
    <a
      href={`#${PLAYBACK_ID}`}
      onClick={onClick}
      data-testid="skip-link"
      className="sr-only rounded-md bg-sky-600 px-3 py-2 text-sm font-medium text-white shadow-lg focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-[100]"
    >
      {t('layout.skipToPlayback')}
    </a>
  );
}
