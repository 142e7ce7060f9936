// Under the table: each cell whose computed verdict differs from the source article, numbered as
// its mark in the table, with what the article says, what the engine computed, and the
// scenario's note saying why (in the reader's language).
import type { MessageKey } from '../../i18n/index';
import { pick } from '../../i18n/index';
import type { ScenarioMatrix } from '../../scenario/matrix';
import type { ArticleVerdict } from '../../scenario/model';
import { useLab, useT } from '../labStore';
import { type ArticleNote, dropWhere, headingText } from '../model/matrix';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What the article says, in words: delivered, dropped, dropped (REASON). */
export function articleSays(says: ArticleVerdict, t: T): string {
  if (says === 'delivered') return t('matrix.article.delivered');
  if (says === 'dropped') return t('matrix.article.dropped');
  return t('matrix.article.droppedReason', { reason: says.at ? `${says.dropped} @ ${says.at}` : says.dropped });
}

export function MatrixNotes({ matrix, notes }: { matrix: ScenarioMatrix; notes: readonly ArticleNote[] }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  if (notes.length === 0) return null;
  const text = (x: { en: string; 'zh-CN': string }) => pick(x, lang);
  return (
    <section aria-labelledby="matrix-notes-heading" className="max-w-4xl rounded-lg border border-amber-300 bg-amber-50 p-3 dark:border-amber-700/60 dark:bg-amber-500/10" data-testid="matrix-notes">
      <h3 id="matrix-notes-heading" className="mb-2 text-xs font-semibold text-amber-900 dark:text-amber-200">
        {t('matrix.notes')}
      </h3>
      <ol className="space-y-2">
        {notes.map(({ n, row, column, entry }) => {
          const reach = entry.reach;
          const computed = reach.drop ? t('matrix.droppedAt', { reason: reach.drop.reason, where: dropWhere(reach) ?? '?' }) : t('matrix.delivered');
          return (
            <li key={n} className="flex gap-2 text-xs text-amber-950 dark:text-amber-100" data-note={n} data-flow={entry.flow.id}>
              <span aria-hidden className="h-fit rounded bg-amber-500 px-1 text-[10px] leading-tight font-semibold text-white dark:bg-amber-400 dark:text-amber-950">
                {n}
              </span>
              <div className="min-w-0 space-y-0.5">
                <div className="font-medium">
                  <span className="sr-only">{n}. </span>
                  {headingText(matrix.rows[row], text)} → {headingText(matrix.columns[column], text)}
                </div>
                <div>{t('matrix.note.says', { says: entry.article ? articleSays(entry.article.says, t) : '', computed })}</div>
                {entry.article?.note && <p className="leading-relaxed text-amber-900/90 dark:text-amber-100/90">{pick(entry.article.note, lang)}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
