// Small building blocks the inspector and the state panels share: a card, a section title,
// a chip, and how a place in the lab is written.
import type { ComponentProps, ReactNode } from 'react';
import type { At } from '../../engine/trace/types';

export function Card({ children, className = '', ...rest }: ComponentProps<'section'>) {
  return (
    <section {...rest} className={`rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      {children}
    </section>
  );
}

export function SectionTitle({ children, aside }: { children: ReactNode; aside?: ReactNode }) {
  return (
    <div className="mb-1.5 flex items-center gap-2">
      <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{children}</h3>
      {aside !== undefined && <div className="ml-auto text-[11px] text-slate-500 dark:text-slate-400">{aside}</div>}
    </div>
  );
}

const tones = {
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30',
  red: 'bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/30',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-500/30',
  sky: 'bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/30',
} as const;

export type Tone = keyof typeof tones;

export function Chip({ tone, children, mono = false, className = '', ...rest }: ComponentProps<'span'> & { tone: Tone; mono?: boolean }) {
  return (
    <span {...rest} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${mono ? 'font-mono' : ''} ${tones[tone]} ${className}`}>
      {children}
    </span>
  );
}

/** 'host1', 'host1/pod-a' — as the namespace picker and the canvas name a namespace. */
export function namespaceLabel(machine: string, netns: string): string {
  return netns ? `${machine}/${netns}` : machine;
}

/** The same place as one string, with the device: 'host1/pod-a eth0'. */
export function placeText(at: At): string {
  const ns = namespaceLabel(at.machine, at.netns);
  return at.dev ? `${ns} ${at.dev}` : ns;
}
