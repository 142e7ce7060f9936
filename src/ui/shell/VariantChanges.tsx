// After a variant switch: the commands each machine gained and lost, so the learner sees what
// the fix (or the break) actually typed. The state panels mark the same change in the tables.
import { pick } from '../../i18n/index';
import { useDescribed, useLab, useT } from '../labStore';
import { variantDiff } from '../model/variantDiff';

export function VariantChanges() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const variant = useLab((s) => s.variant);
  const from = useLab((s) => s.switchedFrom);
  if (described?.status !== 'ready' || !from) return null;
  const view = described.scenario;
  const fromTitle = from.variant === undefined ? t('variant.base') : pick(view.variants.find((v) => v.id === from.variant)?.title ?? { en: from.variant, 'zh-CN': from.variant }, lang);
  const diff = variantDiff(view, from.variant, variant);
  if (diff.length === 0) {
    return (
      <p data-testid="variant-diff" className="text-xs text-slate-500 dark:text-slate-400">
        {t('variant.changesNone', { from: fromTitle })}
      </p>
    );
  }
  return (
    <details open data-testid="variant-diff" className="max-w-4xl rounded-md border border-slate-200 bg-white text-xs dark:border-slate-800 dark:bg-slate-900">
      <summary className="cursor-pointer px-3 py-1.5 font-medium text-slate-700 dark:text-slate-200">{t('variant.changes', { from: fromTitle })}</summary>
      <div className="max-h-40 space-y-1.5 overflow-auto px-3 pb-2">
        {diff.map((m) => (
          <div key={m.machine} data-machine={m.machine}>
            <div className="font-semibold text-slate-600 dark:text-slate-300">{m.machine === '' ? t('variant.fabric') : m.machine}</div>
            <ul className="font-mono text-[11.5px] leading-5">
              {m.removed.map((line, i) => (
                <li key={`r${i}`} data-diff="removed" className="whitespace-pre-wrap text-rose-800 line-through decoration-rose-400 dark:text-rose-300">
                  <span className="sr-only">{t('variant.removed')}: </span>
                  <span aria-hidden="true">− </span>
                  {line}
                </li>
              ))}
              {m.added.map((line, i) => (
                <li key={`a${i}`} data-diff="added" className="whitespace-pre-wrap text-emerald-800 dark:text-emerald-300">
                  <span className="sr-only">{t('variant.added')}: </span>
                  <span aria-hidden="true">+ </span>
                  {line}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </details>
  );
}
