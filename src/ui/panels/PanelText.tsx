// One command's output as Linux prints it: a mono block with one element per line, the lines
// the current step used highlighted and scrolled into view inside the block, the lines it
// changed marked.
import { useEffect, useRef } from 'react';
import { useT } from '../labStore';
import { revealInBox } from '../revealInBox';

export function PanelText({
  lines,
  highlighted,
  changed = [],
  switched = [],
  switchedTitle,
}: {
  lines: readonly string[];
  highlighted: readonly number[];
  changed?: readonly number[];
  /** lines new since the last variant switch */
  switched?: readonly number[];
  switchedTitle?: string;
}) {
  const t = useT();
  const box = useRef<HTMLPreElement>(null);
  const marks = new Set(highlighted);
  const changes = new Set(changed);
  const news = new Set(switched);
  const first = highlighted[0] ?? changed[0];

  // Bring the first matched line into view within the block (not the page).
  useEffect(() => {
    const pre = box.current;
    if (first === undefined || !pre) return;
    const line = pre.querySelector<HTMLElement>(`[data-line="${first}"]`);
    if (!line) return;
    return revealInBox(line, pre);
  }, [first, lines]);

  return (
    <pre
      ref={box}
      tabIndex={0}
      className="max-h-72 overflow-auto bg-slate-50 py-2 font-mono text-[11.5px] leading-5 text-slate-800 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 dark:bg-slate-950 dark:text-slate-200"
    >
      {lines.map((line, i) => {
        const hit = marks.has(i);
        const fresh = changes.has(i);
        const isNew = news.has(i);
        return (
          <span
            key={i}
            data-line={i}
            data-highlight={hit ? 'true' : undefined}
            data-changed={fresh ? 'true' : undefined}
            data-switched={isNew ? 'true' : undefined}
            title={hit ? t('panels.matchedLine') : fresh ? t('panels.changedLine') : isNew ? switchedTitle : undefined}
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
            {line === '' ? '\u00a0' : line}
          </span>
        );
      })}
    </pre>
  );
}
