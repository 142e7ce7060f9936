// Small status chips: verdicts, expectations, tags.
import type { ReactNode } from 'react';
import type { Expectation } from '../../engine/trace/types';
import { useT } from '../labStore';

const tones = {
  green: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30',
  red: 'bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/30',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30',
  slate: 'bg-slate-100 text-slate-600 ring-slate-500/20 dark:bg-slate-700/40 dark:text-slate-300 dark:ring-slate-500/30',
  sky: 'bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/30',
} as const;

export type Tone = keyof typeof tones;

export function Chip({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

export function VerdictBadge({ verdict }: { verdict: 'delivered' | 'dropped' }) {
  const t = useT();
  return (
    <Chip tone={verdict === 'delivered' ? 'green' : 'red'}>
      <span aria-hidden>{verdict === 'delivered' ? '✓' : '✕'}</span>
      {t(verdict === 'delivered' ? 'verdict.delivered' : 'verdict.dropped')}
    </Chip>
  );
}

export function ExpectationText({ expect }: { expect: Expectation | undefined }) {
  const t = useT();
  if (expect === undefined) return <>{t('expect.none')}</>;
  if (expect === 'delivered') return <>{t('expect.delivered')}</>;
  return <>{expect.at ? t('expect.droppedAt', { reason: expect.dropped, at: expect.at }) : t('expect.dropped', { reason: expect.dropped })}</>;
}

export function MetBadge({ met }: { met: boolean | undefined }) {
  const t = useT();
  if (met === undefined) return null;
  return <Chip tone={met ? 'sky' : 'amber'}>{t(met ? 'expect.met' : 'expect.notMet')}</Chip>;
}
