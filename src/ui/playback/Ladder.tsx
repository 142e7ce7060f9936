// The ladder (sequence) diagram: the places the conversation crosses as columns, each hop of
// each packet as an arrow (src/ui/model/ladder.ts computes it, with d3 for the geometry). Synced
// both ways with playback: the current step's hop is highlighted and kept in view; clicking an
// arrow seeks to the hop's first step.
import { symbol, symbolTimes } from 'd3-shape';
import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type Lang, t } from '../../i18n/index';
import { type Ladder as LadderModel, LADDER_ROW, type LadderArrow, type LadderColumn, type LadderPacket, ladderLayout, ladderOf, type Rewrite } from '../model/ladder';
import { playbackStore, useLab, usePlayback, useSteps } from '../labStore';
import { useConcealed } from '../predict/usePredict';

const HEADER_PX = 34;
/** How far the row's band reaches above its shaft (ladderLayout puts the shaft at 70% of the row). */
const BAND_ABOVE = LADDER_ROW * 0.7;
const CROSS = symbol(symbolTimes, 90)() ?? '';

export function packetText(p: LadderPacket, lang: Lang): string {
  if (p.kind === 'leg') return p.name;
  return t(lang, p.kind === 'arp-request' ? 'ladder.arp.request' : 'ladder.arp.reply', { target: p.target });
}

export function rewriteText(r: Rewrite, lang: Lang): string {
  switch (r.kind) {
    case 'src':
      return t(lang, 'ladder.rewrite.src', { from: r.from, to: r.to });
    case 'dst':
      return t(lang, 'ladder.rewrite.dst', { from: r.from, to: r.to });
    case 'encap':
      return t(lang, 'ladder.rewrite.encap', { tunnel: r.tunnel, from: r.from, to: r.to });
    case 'decap':
      return t(lang, 'ladder.rewrite.decap', { tunnel: r.tunnel });
  }
}

function arrowName(a: LadderArrow, lang: Lang, hideDrop: boolean): string {
  const vars = { packet: packetText(a.packet, lang), from: a.from, to: a.to };
  const dropped = a.end === 'drop' && !hideDrop;
  if (a.from === a.to) return t(lang, dropped ? 'ladder.arrow.droppedLocal' : 'ladder.arrow.local', vars);
  return t(lang, dropped ? 'ladder.arrow.dropped' : 'ladder.arrow', vars);
}

/** The ladder of the chosen flow; in predict mode, before the guess, it draws no cross. */
export function Ladder() {
  const steps = useSteps();
  const hideDrops = useConcealed();
  const lang = useLab((s) => s.lang);
  const ladder = useMemo(() => ladderOf(steps), [steps]);
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <section data-testid="ladder" aria-label={t(lang, 'ladder.label')} className="flex h-full min-h-0 flex-col text-slate-800 dark:text-slate-200">
      <div ref={box} className="relative min-h-0 flex-1 overflow-x-hidden overflow-y-auto overscroll-contain">
        {ladder.arrows.length === 0 ? (
          <p className="m-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">{t(lang, 'ladder.empty')}</p>
        ) : (
          width > 0 && <LadderDrawing ladder={ladder} width={width} lang={lang} hideDrops={hideDrops} box={box} />
        )}
      </div>
    </section>
  );
}

function LadderDrawing({ ladder, width, lang, hideDrops, box }: { ladder: LadderModel; width: number; lang: Lang; hideDrops: boolean; box: React.RefObject<HTMLDivElement | null> }) {
  const geometry = useMemo(() => ladderLayout(ladder, width), [ladder, width]);
  const current = usePlayback((p) => (p.index >= 0 ? (ladder.arrowOfStep[p.index] ?? -1) : -1));
  const svg = useRef<SVGSVGElement>(null);

  // Keep the current arrow in view inside the box (never scroll the page).
  useEffect(() => {
    const el = box.current;
    if (!el || current < 0) return;
    const y = geometry.y[current] + HEADER_PX;
    if (y - 24 < el.scrollTop + HEADER_PX || y + 24 > el.scrollTop + el.clientHeight) el.scrollTo({ top: Math.max(0, y - el.clientHeight / 3) });
  }, [current, geometry, box]);

  const seek = (a: LadderArrow) => playbackStore.getState().dispatch({ type: 'seek', index: a.firstStep });

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    // ↑ ↓ move between arrows (the page's keys keep ← → and space).
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const next = ladder.arrows[Math.max(0, Math.min(ladder.arrows.length - 1, current + (e.key === 'ArrowUp' ? -1 : 1)))];
    if (next) {
      seek(next);
      requestAnimationFrame(() => svg.current?.querySelector<SVGGElement>(`[data-row="${next.row}"]`)?.focus({ preventScroll: true }));
    }
  };

  return (
    <>
      <ColumnHeads columns={ladder.columns} x={geometry.x} width={width} lang={lang} />
      <svg ref={svg} width={width} height={geometry.height} className="block" onKeyDown={onKeyDown} data-playback-keys="">
        {ladder.columns.map((c) => (
          <line
            key={c.id}
            x1={geometry.x.get(c.id)}
            x2={geometry.x.get(c.id)}
            y1={0}
            y2={geometry.height}
            strokeDasharray={c.network ? '2 4' : undefined}
            className="stroke-slate-300 dark:stroke-slate-700"
          />
        ))}
        {ladder.arrows.map((a) => (
          <Arrow
            key={a.row}
            arrow={a}
            path={geometry.paths[a.row]}
            head={geometry.heads[a.row]}
            x1={geometry.x.get(a.from) ?? 0}
            x2={geometry.x.get(a.to) ?? 0}
            y={geometry.y[a.row]}
            state={a.row === current ? 'current' : a.row < current ? 'past' : 'future'}
            tabbable={a.row === current || (current < 0 && a.row === 0)}
            lang={lang}
            hideDrop={hideDrops}
            width={width}
            onSeek={seek}
          />
        ))}
      </svg>
    </>
  );
}

function ColumnHeads({ columns, x, width, lang }: { columns: readonly LadderColumn[]; x: ReadonlyMap<string, number>; width: number; lang: Lang }) {
  const slot = columns.length > 0 ? width / columns.length : width;
  return (
    <div className="sticky top-0 z-10 border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" style={{ height: HEADER_PX }}>
      {columns.map((c) => (
        <div
          key={c.id}
          data-ladder-column={c.id}
          title={c.id}
          className="absolute top-0 flex h-full flex-col items-center justify-center overflow-hidden px-0.5 text-center font-mono leading-tight"
          style={{ left: (x.get(c.id) ?? 0) - slot / 2, width: slot }}
        >
          <span className="w-full truncate text-[11px] font-semibold">{c.machine}</span>
          <span className="w-full truncate text-[10px] text-slate-500 dark:text-slate-400">{c.network ? t(lang, 'ladder.network') : c.netns || t(lang, 'ladder.root')}</span>
        </div>
      ))}
    </div>
  );
}

const SHAFT: Record<'current' | 'past' | 'future', string> = {
  current: 'stroke-sky-600 dark:stroke-sky-400',
  past: 'stroke-slate-500 dark:stroke-slate-400',
  future: 'stroke-slate-300 dark:stroke-slate-600',
};
const HEAD: Record<'current' | 'past' | 'future', string> = {
  current: 'fill-sky-600 dark:fill-sky-400',
  past: 'fill-slate-500 dark:fill-slate-400',
  future: 'fill-slate-300 dark:fill-slate-600',
};

interface ArrowProps {
  arrow: LadderArrow;
  path: string;
  head: string;
  x1: number;
  x2: number;
  y: number;
  state: 'current' | 'past' | 'future';
  tabbable: boolean;
  lang: Lang;
  hideDrop: boolean;
  width: number;
  onSeek(a: LadderArrow): void;
}

/** A centre for a text of about `size` px that keeps it inside the drawing. */
function within(centre: number, size: number, width: number): number {
  return Math.min(Math.max(centre, size / 2 + 4), Math.max(size / 2 + 4, width - size / 2 - 4));
}

function Arrow({ arrow: a, path, head, x1, x2, y, state, tabbable, lang, hideDrop, width, onSeek }: ArrowProps) {
  const local = a.from === a.to;
  const mid = local ? x2 - 4 : (x1 + x2) / 2;
  const label = packetText(a.packet, lang);
  const rewrites = a.rewrites.map((r) => rewriteText(r, lang)).join(' · ');
  const arp = a.packet.kind !== 'leg';
  const dropped = a.end === 'drop' && !hideDrop;
  const anchor = local ? 'end' : 'middle';
  return (
    <g
      role="button"
      tabIndex={tabbable ? 0 : -1}
      data-row={a.row}
      data-ladder-arrow=""
      data-packet={a.packet.kind === 'leg' ? a.packet.name : a.packet.kind}
      data-from={a.from}
      data-to={a.to}
      data-current={state === 'current' ? 'true' : undefined}
      aria-current={state === 'current' ? 'step' : undefined}
      aria-label={arrowName(a, lang, hideDrop)}
      onClick={() => onSeek(a)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          onSeek(a);
        }
      }}
      className="group cursor-pointer outline-none"
    >
      {state === 'current' && <rect x={0} y={y - BAND_ABOVE} width="100%" height={LADDER_ROW} className="fill-sky-50 dark:fill-sky-400/10" />}
      {/* a wide invisible hit area: thin arrows are hard to click */}
      <line x1={local ? x2 - 30 : x1} x2={x2} y1={y} y2={y} strokeWidth={16} className="stroke-transparent" />
      <path
        d={path}
        fill="none"
        strokeWidth={state === 'current' ? 2.5 : 1.5}
        strokeDasharray={arp ? '4 3' : undefined}
        className={`${SHAFT[state]} group-hover:stroke-sky-500 group-focus-visible:stroke-sky-500`}
      />
      {head && <path d={head} className={HEAD[state]} />}
      {dropped && (
        <path
          d={CROSS}
          transform={`translate(${x2},${y})`}
          strokeWidth={2.5}
          data-ladder-drop={a.to}
          data-flow-drop={a.flowDrop ? 'true' : undefined}
          className={a.flowDrop ? 'stroke-rose-600 dark:stroke-rose-400' : 'stroke-rose-300 dark:stroke-rose-700'}
        />
      )}
      <text
        x={local ? mid : within(mid, (label.length + (rewrites ? rewrites.length + 3 : 0)) * 6.3, width)}
        y={y - 5}
        textAnchor={anchor}
        className={`font-mono text-[11px] ${state === 'current' ? 'fill-sky-800 font-semibold dark:fill-sky-200' : state === 'future' ? 'fill-slate-400 dark:fill-slate-500' : 'fill-slate-700 dark:fill-slate-200'}`}
      >
        {label}
        {rewrites && <tspan className={`text-[10px] font-normal ${state === 'future' ? 'fill-fuchsia-400 dark:fill-fuchsia-500' : 'fill-fuchsia-700 dark:fill-fuchsia-300'}`}>{` · ${rewrites}`}</tspan>}
      </text>
      <rect x={0} y={y - BAND_ABOVE} width="100%" height={LADDER_ROW} fill="none" className="pointer-events-none group-focus-visible:stroke-sky-500" strokeWidth={2} />
    </g>
  );
}
