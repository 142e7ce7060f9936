// A small tooltip above a control, shown on hover and on keyboard focus. Not laid out until
// then (display: none), so a control near the window's edge does not widen the page.
// It repeats the control's accessible name (plus its shortcut), so it is hidden from
// assistive technology; the control carries aria-label and aria-keyshortcuts itself.
import type { ReactNode } from 'react';

export function Tip({ text, children }: { text: string; children: ReactNode }) {
  return (
    <span className="group/tip relative inline-flex">
      {children}
      <span
        aria-hidden
        className="pointer-events-none absolute bottom-full left-1/2 z-30 mb-2 hidden -translate-x-1/2 rounded-md bg-slate-900 px-2 py-1 text-[11px] leading-tight font-medium whitespace-nowrap text-white shadow-lg group-hover/tip:block group-has-[:focus-visible]/tip:block dark:bg-slate-700 dark:text-slate-50"
      >
        {text}
      </span>
    </span>
  );
}
