// Says which of the link's parameters the page ignored and what each may be (urlNotice.ts),
// as text (a link's values are never rendered as HTML); dismissible.
import { X } from 'lucide-react';
import { useT } from '../labStore';
import { useUrlNotice } from './urlNotice';

export function UrlNotice() {
  const t = useT();
  const problems = useUrlNotice((s) => s.problems);
  const dismiss = useUrlNotice((s) => s.dismiss);
  if (problems.length === 0) return null;
  return (
    <div
      role="alert"
      data-testid="url-notice"
      className="flex shrink-0 items-start gap-2 rounded-lg border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <div className="min-w-0 flex-1 break-words">
        <p className="font-medium">{t('url.heading')}</p>
        <ul className="mt-0.5 list-disc pl-5">
          {problems.map((p) => (
            <li key={p.param} data-param={p.param}>
              {t('url.problem', { param: p.param, value: p.value, expected: p.expected })}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={dismiss} aria-label={t('url.dismiss')} data-testid="url-notice-dismiss" className="rounded p-0.5 opacity-70 hover:opacity-100">
        <X className="h-4 w-4" aria-hidden />
      </button>
    </div>
  );
}
