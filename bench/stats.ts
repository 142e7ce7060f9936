// Medians and spreads of a few timed runs. On a small, shared machine single runs are noisy;
// the median is the figure, min–max and the relative spread say how much to trust it.

export interface Summary {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** (max − min) / median, in percent */
  readonly spreadPct: number;
  readonly samples: readonly number[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(samples: readonly number[]): Summary {
  const med = median(samples);
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  return { runs: samples.length, median: med, min, max, spreadPct: med > 0 ? ((max - min) / med) * 100 : 0, samples: samples.map(round3) };
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Milliseconds, readably: 0.412 ms, 41.2 ms, 1 234 ms, 12.3 s. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function fmtSummary(s: Summary | undefined): string {
  if (!s) return '—';
  return `${fmtMs(s.median)}  (${fmtMs(s.min)}–${fmtMs(s.max)}, ±${s.spreadPct.toFixed(0)}%, n=${s.runs})`;
}

/** Collect garbage between runs when node runs with --expose-gc, so one run's litter is not billed to the next. */
export function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Times fn() `runs` times (after `settle()` each), returning the samples in ms and the last
 * result. With a budget, stops early once the runs so far took longer than it, but never
 * before 3 runs (a median of fewer says little). Without settleEach the garbage is collected
 * once before the first run only: for runs of a millisecond, a full GC of a big heap before each
 * would cost far more than the runs (a GC landing inside one run is what the median is for).
 */
export function timeRuns<T>(runs: number, fn: (i: number) => T, budgetMs = Infinity, settleEach = true): { samples: number[]; last: T } {
  const samples: number[] = [];
  let last!: T;
  let spent = 0;
  if (!settleEach) settle();
  for (let i = 0; i < runs; i++) {
    if (i >= 3 && spent > budgetMs) break;
    if (settleEach) settle();
    const t0 = performance.now();
    last = fn(i);
    samples.push(performance.now() - t0);
    spent += samples[i];
  }
  return { samples, last };
}
