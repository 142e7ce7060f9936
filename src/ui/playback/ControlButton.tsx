// A round icon button of the playback bar, with its hint (and key) in a tip.
import type { ReactNode } from 'react';
import { Tip } from './Tip';

export const buttonClass =
  'inline-flex items-center justify-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-40';

export function ControlButton(props: { label: string; hint: string; keys?: string; testId?: string; disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Tip text={props.hint}>
      <button
        type="button"
        aria-label={props.label}
        aria-keyshortcuts={props.keys}
        data-testid={props.testId}
        disabled={props.disabled}
        onClick={props.onClick}
        className={`${buttonClass} size-8 text-slate-600 hover:bg-slate-200/70 hover:text-slate-900 disabled:hover:bg-transparent dark:text-slate-300 dark:hover:bg-slate-700/60 dark:hover:text-white`}
      >
        {props.children}
      </button>
    </Tip>
  );
}
