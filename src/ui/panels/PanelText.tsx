// One command's output as Linux prints it: a mono block with one element per line, the lines
// the current step used highlighted and scrolled into view inside the block, the lines it
// changed marked. A long output (a real node's iptables-save runs to 100,000 lines) draws only
// the lines in view (@tanstack/react-virtual), so scrolling it stays smooth.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, useEffect, useMemo, useRef } from 'react';
import { useT } from '../labStore';
import { revealInBox } from '../revealInBox';

/** From this many lines on, only the lines in view are drawn. */
export const VIRTUAL_FROM = 400;
/** One line's height in px: the block's `leading-5`. */
const LINE_PX = 20;
/** The block's vertical padding (`py-2`), above the first line and below the last. */
const PAD_PX = 8;

const BOX =
  'max-h-72 overflow-auto bg-slate-50 font-mono text-[11.5px] leading-5 text-slate-800 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 dark:bg-slate-950 dark:text-slate-200';

export interface PanelTextProps {
  lines: readonly string[];
  highlighted: readonly number[];
  changed?: readonly number[];
  /** lines new since the last variant switch */
  switched?: readonly number[];
  switchedTitle?: string;
}

/** How one line is marked: used by this step, changed at it, or new since the variant switch. */
interface Marks {
  readonly hit: ReadonlySet<number>;
  readonly fresh: ReadonlySet<number>;
  readonly isNew: ReadonlySet<number>;
  readonly titles: { readonly hit: string; readonly fresh: string; readonly isNew?: string };
}

export function PanelText(props: PanelTextProps) {
  const t = useT();
  const { highlighted, changed = [], switched = [], switchedTitle } = props;
  const marks: Marks = {
    hit: new Set(highlighted),
    fresh: new Set(changed),
    isNew: new Set(switched),
    titles: { hit: t('panels.matchedLine'), fresh: t('panels.changedLine'), isNew: switchedTitle },
  };
  const first = highlighted[0] ?? changed[0];
  return props.lines.length >= VIRTUAL_FROM ? <VirtualLines lines={props.lines} marks={marks} first={first} /> : <AllLines lines={props.lines} marks={marks} first={first} />;
}

function AllLines({ lines, marks, first }: { lines: readonly string[]; marks: Marks; first: number | undefined }) {
  const box = useRef<HTMLPreElement>(null);
  // Bring the first matched line into view within the block (not the page).
  useEffect(() => {
    const pre = box.current;
    if (first === undefined || !pre) return;
    const line = pre.querySelector<HTMLElement>(`[data-line="${first}"]`);
    if (!line) return;
    return revealInBox(line, pre);
  }, [first, lines]);
  return (
    <pre ref={box} tabIndex={0} className={`${BOX} py-2`}>
      {lines.map((line, i) => (
        <Line key={i} index={i} text={line} marks={marks} />
      ))}
    </pre>
  );
}

function VirtualLines({ lines, marks, first }: { lines: readonly string[]; marks: Marks; first: number | undefined }) {
  const box = useRef<HTMLPreElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => box.current,
    estimateSize: () => LINE_PX,
    paddingStart: PAD_PX,
    overscan: 12,
  });
  // the widest line sets the scroll width, though only the lines in view are drawn
  const widest = useMemo(() => lines.reduce((w, l) => Math.max(w, l.length), 0), [lines]);
  // Bring the first matched line into view (a third of the way down) unless it is in view.
  useEffect(() => {
    const pre = box.current;
    if (first === undefined || !pre) return;
    const top = PAD_PX + first * LINE_PX;
    if (top >= pre.scrollTop && top + LINE_PX <= pre.scrollTop + pre.clientHeight) return;
    pre.scrollTop = Math.max(0, top - pre.clientHeight / 3);
  }, [first, lines]);
  return (
    <pre ref={box} tabIndex={0} className={BOX} data-virtual="true" data-lines={lines.length}>
      <div className="relative" style={{ height: virtualizer.getTotalSize() + PAD_PX, minWidth: `calc(${widest}ch + 1.5rem)` }}>
        {virtualizer.getVirtualItems().map((item) => (
          <Line key={item.index} index={item.index} text={lines[item.index]} marks={marks} style={{ position: 'absolute', top: item.start, left: 0, right: 0 }} />
        ))}
      </div>
    </pre>
  );
}

function Line({ index, text, marks, style }: { index: number; text: string; marks: Marks; style?: CSSProperties }) {
  const hit = marks.hit.has(index);
  const fresh = marks.fresh.has(index);
  const isNew = marks.isNew.has(index);
  return (
    <span
      data-line={index}
      data-highlight={hit ? 'true' : undefined}
      data-changed={fresh ? 'true' : undefined}
      data-switched={isNew ? 'true' : undefined}
      title={hit ? marks.titles.hit : fresh ? marks.titles.fresh : isNew ? marks.titles.isNew : undefined}
      style={style}
      className={`block min-w-max border-l-2 pr-3 pl-2.5 whitespace-pre ${
        hit
          ? 'border-amber-500 bg-amber-100 font-semibold text-amber-950 dark:border-amber-400 dark:bg-amber-400/15 dark:text-amber-50'
          : fresh
            ? 'border-emerald-500 bg-emerald-50 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-400/10 dark:text-emerald-50'
            : isNew
              ? 'border-violet-500 bg-violet-50 text-violet-950 dark:border-violet-400 dark:bg-violet-400/10 dark:text-violet-50'
              : 'border-transparent'
      }`}
    >
      {text === '' ? '\u00a0' : text}
    </span>
  );
}
