// The matrix as a table (a WAI-ARIA grid): sources down the side, destinations across the top,
// both headers sticky inside the scrolling box. Every conversation is a button: it opens that
// trace on the canvas and plays it. One tab stop; arrow keys, Home/End (with Ctrl: the column)
// and PageUp/PageDown move between the cells that hold a conversation.
import { Check, X } from 'lucide-react';
import { type KeyboardEvent, useRef, useState } from 'react';
import { placeName } from '../../engine/trace/expectation';
import { pick } from '../../i18n/index';
import { dropText } from '../../i18n/trace';
import { formatTarget } from '../../scenario/endpoints';
import type { MatrixEntry, MatrixHeading, ScenarioMatrix } from '../../scenario/matrix';
import { playbackStore, useLab, useT } from '../labStore';
import { type ArticleNote, dropWhere, firstPos, type GridKey, type GridPos, headingText, isShown, moveInGrid, noteNumber } from '../model/matrix';
import { ExpectationText } from '../shell/Badges';
import { articleSays } from './MatrixNotes';

const GRID_KEYS = new Set<string>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
const posKey = (p: GridPos) => `${p.row}-${p.column}-${p.entry}`;

export function MatrixTable({ matrix, notes }: { matrix: ScenarioMatrix; notes: readonly ArticleNote[] }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const flow = useLab((s) => s.flow);
  const custom = useLab((s) => s.custom);
  const openMatrixFlow = useLab((s) => s.openMatrixFlow);
  const table = useRef<HTMLTableElement>(null);
  const [focus, setFocus] = useState<{ matrix: ScenarioMatrix; pos: GridPos }>();
  const text = (x: { en: string; 'zh-CN': string }) => pick(x, lang);

  // the tab stop: the cell last moved to, else the conversation the lab shows, else the first
  const shownPos = (): GridPos | undefined => {
    for (let r = 0; r < matrix.cells.length; r++) {
      for (let c = 0; c < matrix.cells[r].length; c++) {
        const i = matrix.cells[r][c].findIndex((e) => isShown(e, { flow, custom }));
        if (i >= 0) return { row: r, column: c, entry: i };
      }
    }
    return undefined;
  };
  const stop = (focus?.matrix === matrix ? focus.pos : undefined) ?? shownPos() ?? firstPos(matrix);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (!stop || !GRID_KEYS.has(e.key) || e.altKey || e.metaKey) return;
    e.preventDefault();
    const next = moveInGrid(matrix, stop, e.key as GridKey, e.ctrlKey);
    setFocus({ matrix, pos: next });
    table.current?.querySelector<HTMLButtonElement>(`[data-pos="${posKey(next)}"]`)?.focus();
  };

  const open = async (entry: MatrixEntry) => {
    await openMatrixFlow(entry.flow);
    playbackStore.getState().dispatch({ type: 'play' });
  };

  const pairs = matrix.mode === 'pairs';
  return (
    <table
      ref={table}
      role="grid"
      aria-labelledby="matrix-heading"
      aria-rowcount={matrix.rows.length + 1}
      aria-colcount={matrix.columns.length + 1}
      onKeyDown={onKeyDown}
      className="border-separate border-spacing-0 text-xs"
      data-testid="matrix-table"
      data-mode={matrix.mode}
    >
      <thead>
        <tr>
          <th scope="col" className="sticky top-0 left-0 z-20 border-b border-slate-200 bg-slate-50 px-2 py-1.5 text-left align-bottom font-normal whitespace-nowrap text-slate-500 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-400">
            {t('matrix.corner')}
          </th>
          {matrix.columns.map((c, j) => (
            <th
              key={c.key}
              scope="col"
              data-column={j}
              className="sticky top-0 z-10 border-b border-l border-slate-200 bg-slate-50 px-2 py-1.5 text-left align-bottom font-medium text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
            >
              <ColumnHead heading={c} pairs={pairs} text={text} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.rows.map((r, i) => (
          <tr key={r.key}>
            <th scope="row" className="sticky left-0 z-10 border-b border-slate-200 bg-white px-2 py-1.5 text-left align-top font-medium text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200">
              <RowHead heading={r} text={text} />
            </th>
            {matrix.columns.map((c, j) => {
              const cell = matrix.cells[i][j];
              return (
                <td key={c.key} className="border-b border-l border-slate-100 p-1 align-top dark:border-slate-800" data-cell={`${i}-${j}`}>
                  {cell.length === 0 ? (
                    <span className="block px-1.5 py-1 text-slate-300 dark:text-slate-600" aria-label={t('matrix.cell.empty')}>
                      ·
                    </span>
                  ) : (
                    <div className="flex flex-col gap-1">
                      {cell.map((entry, k) => (
                        <Entry
                          key={k}
                          entry={entry}
                          row={r}
                          column={c}
                          many={cell.length > 1}
                          note={noteNumber(notes, entry)}
                          shown={isShown(entry, { flow, custom })}
                          pos={{ row: i, column: j, entry: k }}
                          tabStop={stop?.row === i && stop.column === j && stop.entry === k}
                          onFocus={() => setFocus({ matrix, pos: { row: i, column: j, entry: k } })}
                          onOpen={() => void open(entry)}
                          text={text}
                        />
                      ))}
                    </div>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RowHead({ heading, text }: { heading: MatrixHeading; text: (x: { en: string; 'zh-CN': string }) => string }) {
  return (
    <div className="max-w-[12rem] min-w-[6rem]">
      <div className="leading-snug">{headingText(heading, text)}</div>
      {heading.label && <div className="font-mono text-[10px] font-normal break-all text-slate-500 dark:text-slate-400">{heading.text}</div>}
    </div>
  );
}

function ColumnHead({ heading, pairs, text }: { heading: MatrixHeading; pairs: boolean; text: (x: { en: string; 'zh-CN': string }) => string }) {
  const t = useT();
  if (pairs) {
    const kind = heading.kind ? t(`matrix.kind.${heading.kind}`) : '';
    return (
      <div className="min-w-[6.5rem]">
        <div className="truncate text-[11px] text-slate-500 dark:text-slate-400" title={heading.owner}>
          {kind} · {heading.owner}
        </div>
        <div className="font-mono text-[11px] whitespace-nowrap">{heading.text}</div>
      </div>
    );
  }
  return (
    <div className="max-w-[14rem] min-w-[7rem]">
      <div className="leading-snug">{headingText(heading, text)}</div>
      {heading.label && <div className="font-mono text-[10px] font-normal whitespace-nowrap text-slate-500 dark:text-slate-400">{heading.text}</div>}
    </div>
  );
}

function Entry(props: {
  entry: MatrixEntry;
  row: MatrixHeading;
  column: MatrixHeading;
  many: boolean;
  note?: number;
  shown: boolean;
  pos: GridPos;
  tabStop: boolean;
  onFocus(): void;
  onOpen(): void;
  text: (x: { en: string; 'zh-CN': string }) => string;
}) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const { entry, note } = props;
  const { reach, flow } = entry;
  const delivered = reach.verdict === 'delivered';
  const where = dropWhere(reach);
  const verdict = delivered ? t('matrix.delivered') : t('matrix.droppedAt', { reason: reach.drop?.reason ?? 'dropped', where: where ?? '?' });
  const target = `${flow.protocol} ${formatTarget(flow.to)}`;
  const label = [
    t('matrix.cell.label', { from: headingText(props.row, props.text), to: headingText(props.column, props.text), proto: target, verdict }),
    ...(note !== undefined && entry.article ? [t('matrix.cell.article', { says: articleSays(entry.article.says, t), n: note })] : []),
    ...(entry.met === false && entry.expect !== undefined ? [t('matrix.cell.notMet', { expect: typeof entry.expect === 'string' ? entry.expect : entry.expect.dropped })] : []),
    ...(entry.self ? [t('matrix.cell.self')] : []),
    t('matrix.cell.open'),
  ].join('; ');
  const tooltip = [
    flow.title ? pick(flow.title, lang) : undefined,
    `${placeName(flow.from)} → ${target}`,
    reach.drop ? `${reach.drop.reason} · ${where} · ${reach.drop.fn}` : t('matrix.delivered'),
    reach.drop?.cause ? dropText(reach.drop, lang) : undefined,
  ]
    .filter(Boolean)
    .join('\n');

  const tone = delivered
    ? 'bg-emerald-50 text-emerald-800 hover:bg-emerald-100 dark:bg-emerald-500/10 dark:text-emerald-200 dark:hover:bg-emerald-500/20'
    : 'bg-rose-50 text-rose-800 hover:bg-rose-100 dark:bg-rose-500/10 dark:text-rose-200 dark:hover:bg-rose-500/20';
  const ring = props.shown ? 'ring-2 ring-sky-500' : note !== undefined ? 'ring-2 ring-amber-500' : entry.met === false ? 'ring-1 ring-amber-400' : '';
  return (
    <button
      type="button"
      tabIndex={props.tabStop ? 0 : -1}
      aria-label={label}
      aria-current={props.shown ? 'true' : undefined}
      title={tooltip}
      onClick={props.onOpen}
      onFocus={props.onFocus}
      data-pos={posKey(props.pos)}
      data-flow={flow.id}
      data-verdict={reach.verdict}
      data-reason={reach.drop?.reason}
      data-article-differs={note !== undefined ? 'true' : undefined}
      className={`relative w-full rounded-md px-1.5 py-1 text-left focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 ${tone} ${ring} ${entry.self ? 'opacity-60' : ''}`}
    >
      <span className="flex items-center gap-1">
        {delivered ? <Check aria-hidden className="size-3.5 shrink-0" /> : <X aria-hidden className="size-3.5 shrink-0" />}
        <span className={`whitespace-nowrap ${delivered ? '' : 'font-mono text-[11px]'}`}>{delivered ? t('matrix.delivered') : (reach.drop?.reason ?? t('verdict.dropped'))}</span>
        {note !== undefined && (
          <sup aria-hidden className="ml-auto rounded bg-amber-500 px-1 text-[10px] leading-tight font-semibold text-white dark:bg-amber-400 dark:text-amber-950">
            {note}
          </sup>
        )}
      </span>
      {where && <span className="block pl-[1.125rem] text-[10px] whitespace-nowrap opacity-80">@ {where}</span>}
      {props.many && <span className="block truncate pl-[1.125rem] font-mono text-[10px] opacity-70">{placeName(flow.from)} → {formatTarget(flow.to)}</span>}
      {entry.met === false && entry.expect !== undefined && (
        <span className="block truncate pl-[1.125rem] text-[10px] text-amber-700 dark:text-amber-300">
          ≠ <ExpectationText expect={entry.expect} />
        </span>
      )}
    </button>
  );
}
