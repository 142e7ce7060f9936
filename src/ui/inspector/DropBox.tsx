// A drop, the way a person debugging it wants it: the kernel's reason, where, what it means,
// how to fix it, what the application saw; and a button that switches to the scenario's
// fixing variant and replays.
import { Ban, LoaderCircle, Wrench } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import type { Drop } from '../../engine/trace/types';
import { pick } from '../../i18n/index';
import { dropText, dropWords } from '../../i18n/trace';
import { fixingVariant } from '../model/fix';
import { labStore, playbackStore, useDescribed, useLab, useT } from '../labStore';
import { placeText } from './parts';

export function DropBox({ drop, flowId, summary = false }: { drop: Drop; flowId: string; summary?: boolean }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  // the reason's own entry, or the cause's when the kernel left the drop unnamed
  const words = dropWords(drop, lang);
  return (
    <div
      role="alert"
      data-testid="drop"
      data-summary={summary ? 'true' : undefined}
      // where and by which kernel function, as the trace (and the CLI, and parity) name them
      data-at={`${drop.at.machine}/${drop.at.netns}/${drop.at.dev ?? ''}`}
      data-fn={drop.fn}
      className="rounded-xl border border-rose-300 bg-rose-50 p-3 text-sm dark:border-rose-500/40 dark:bg-rose-950/40"
    >
      {summary && <p className="mb-1 text-xs font-medium text-rose-700 dark:text-rose-300">{t('inspector.drop.summary')}</p>}
      <div className="flex items-center gap-2">
        <Ban aria-hidden="true" className="size-4 shrink-0 text-rose-600 dark:text-rose-400" />
        <h3 className="font-semibold text-rose-800 dark:text-rose-200">
          <span className="sr-only">{t('inspector.drop.reason')}: </span>
          <code data-testid="drop-reason" className="font-mono">
            {drop.reason}
          </code>
        </h3>
      </div>
      <dl className="mt-2 space-y-2 text-rose-950 dark:text-rose-50">
        <Row label={t('inspector.drop.at')}>
          <span className="font-mono text-xs" data-testid="drop-at">
            {placeText(drop.at)}
          </span>{' '}
          <code className="font-mono text-xs text-rose-700 dark:text-rose-300" data-testid="drop-fn">
            {drop.fn}
          </code>
        </Row>
        {drop.cause && (
          <Row label={t('inspector.drop.what')}>
            <span data-testid="drop-what">{dropText(drop, lang)}</span>
          </Row>
        )}
        <Row label={t('inspector.drop.explain')}>
          <span data-testid="drop-explain">{words.explain}</span>
        </Row>
        <Row label={t('inspector.drop.appError')}>
          <span data-testid="drop-app">{words.app}</span>
          {drop.appError && (
            <code data-testid="drop-app-error" className="mt-1 block w-fit rounded bg-rose-100 px-1.5 py-0.5 font-mono text-xs dark:bg-rose-500/20">
              {drop.appError}
            </code>
          )}
        </Row>
        <Row label={t('inspector.drop.fix')}>
          <span data-testid="drop-fix">{words.fix}</span>
        </Row>
      </dl>
      <ApplyFix flowId={flowId} />
    </div>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-[11px] font-semibold tracking-wide text-rose-700 uppercase dark:text-rose-300">{label}</dt>
      <dd className="mt-0.5 leading-snug">{children}</dd>
    </div>
  );
}

/** The button that applies the fixing variant (or goes back to the scenario as written); none when no lab fixes the flow. */
function ApplyFix({ flowId }: { flowId: string }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const variant = useLab((s) => s.variant);
  const described = useDescribed();
  const [busy, setBusy] = useState(false);
  if (described?.status !== 'ready') return null;
  const target = fixingVariant(described.scenario, variant, flowId);
  if (target === null) return null;
  const title = target === undefined ? undefined : described.scenario.variants.find((v) => v.id === target)?.title;
  const label = target === undefined ? t('inspector.fix.back') : t('inspector.fix.apply', { variant: title ? pick(title, lang) : target });

  const apply = () => {
    setBusy(true);
    void labStore
      .getState()
      .selectVariant(target)
      .then(() => playbackStore.getState().dispatch({ type: 'play' }))
      .finally(() => setBusy(false));
  };

  return (
    <button
      type="button"
      data-testid="apply-fix"
      data-variant={target ?? ''}
      onClick={apply}
      disabled={busy}
      className="mt-3 inline-flex items-center gap-1.5 rounded-lg bg-rose-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-rose-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-600 disabled:opacity-60 dark:bg-rose-500 dark:hover:bg-rose-400 dark:text-rose-950"
    >
      {busy ? <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> : <Wrench aria-hidden="true" className="size-4" />}
      {busy ? t('inspector.fix.applying') : label}
    </button>
  );
}
