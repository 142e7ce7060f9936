// A small tooltip above a control, shown on hover (after a short delay) and on keyboard focus.
// It repeats the control's accessible name (plus its shortcut), so it is hidden from
// assistive technology; the control carries aria-label and aria-keyshortcuts itself.
import type { ReactNode } from 'react';

export function Tip({ text, children }: { text: string; children: ReactNode }) {
  return (
    <span className="group/tip relative inline-flex">
      {children}
      <span
        aria-hidden
        className="pointer-events-none absolute bottom-full left-1/2 z-30 mb-2 -translate-x-1/2 translate-y-0.5 rounded-md bg-slate-900 px-2 py-1 text-[11px] leading-tight font-medium whitespace-nowrap text-white opacity-0 shadow-lg transition duration-150 group-hover/tip:translate-y-0 group-hover/tip:opacity-100 group-hover/tip:delay-500 group-has-[:focus-visible]/tip:translate-y-0 group-has-[:focus-visible]/tip:opacity-100 dark:bg-slate-700 dark:text-slate-50"
      >
        {text}
      </span>
    </span>
  );
}
