// The lab's weight and first render (issue 4's budget: main chunk under 300 KB gzipped, first
// render under 1.5 s on this machine). Builds the app into a temporary folder, measures every
// chunk raw and gzipped, serves it with `vite preview`, and loads it cold in Chromium a few
// times, reading in the page when the first paint happened and when the topology canvas first
// drew a device (the engine worker has answered and React Flow has laid the lab out).
// Then playback on flannel-vxlan's TCP conversation (issue 12's goals: ≤ 16 ms per step, median,
// and 60 fps at 4×): the step-forward key pressed step by step, each timed in the page from the
// key to the frame after it was painted, and the frames counted while playing at 4×.
//
//   npm run bench:ui                 # 7 cold loads, then playback
//   npm run bench:ui -- --runs 3
//   npm run bench:ui -- --only playback --steps 120
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { summarize } from './stats';
import { type StepTimes, stepTimingScript } from './stepTiming';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const runs = Number(arg('--runs')) || 7;
const only = arg('--only'); // 'load' | 'playback'
const stepCount = Number(arg('--steps')) || 150;
const PAGE = '?scenario=host-gw&flow=pod-a-to-pod-b';
const PLAY_PAGE = '?scenario=flannel-vxlan&flow=pod1-to-pod2';
const BUDGET = { mainGzipKB: 300, firstRenderMs: 1500, stepMs: 16, fps: 60 };

const outDir = mkdtempSync(join(tmpdir(), 'podpath-bench-ui-'));
try {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });

  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const mainName = /<script type="module"[^>]*src="\.?\/?([^"]+)"/.exec(html)?.[1];
  if (!mainName) throw new Error('no module script in the built index.html');
  const assets = readdirSync(join(outDir, 'assets')).map((name) => {
    const bytes = readFileSync(join(outDir, 'assets', name));
    return { name, kb: bytes.length / 1024, gzipKB: gzipSync(bytes).length / 1024 };
  });
  const main = assets.find((a) => `assets/${a.name}` === mainName);
  if (!main) throw new Error(`main chunk ${mainName} not found`);

  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 4176, strictPort: true } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const firstPaint: number[] = [];
  const firstRender: number[] = [];
  let playback: Playback | undefined;
  try {
    for (let i = 0; i < (only === 'playback' ? 0 : runs); i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } }); // cold cache each run
      const page = await context.newPage();
      await page.addInitScript(() => {
        const w = window as unknown as { __firstDevice?: number };
        new MutationObserver((_, observer) => {
          if (document.querySelector('[data-device]')) {
            w.__firstDevice = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`http://127.0.0.1:4176/${PAGE}`);
      await page.waitForFunction(() => (window as unknown as { __firstDevice?: number }).__firstDevice !== undefined, undefined, { timeout: 30_000 });
      const times = await page.evaluate(() => ({
        device: (window as unknown as { __firstDevice: number }).__firstDevice,
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      }));
      firstRender.push(times.device);
      if (Number.isFinite(times.paint)) firstPaint.push(times.paint); // headless Chromium does not always report it
      await context.close();
    }
    if (only !== 'load') playback = await measurePlayback(browser);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }

  const render = summarize(firstRender.length ? firstRender : [NaN]);
  const paint = summarize(firstPaint.length ? firstPaint : [NaN]);
  const fmt = (x: number) => x.toFixed(1);
  const lines = only === 'playback' ? [] : [
    'asset                                   raw KB   gzip KB',
    ...assets.map((a) => `${(a.name === main.name ? `${a.name} (main)` : a.name).padEnd(38)} ${fmt(a.kb).padStart(7)} ${fmt(a.gzipKB).padStart(8)}`),
    '',
    `main chunk gzipped: ${fmt(main.gzipKB)} KB (budget ${BUDGET.mainGzipKB} KB: ${main.gzipKB < BUDGET.mainGzipKB ? 'met' : 'NOT met'})`,
    `first contentful paint: median ${fmt(paint.median)} ms (min ${fmt(paint.min)}, max ${fmt(paint.max)}; reported in ${firstPaint.length} of ${runs} cold loads)`,
    `first render of the topology: median ${fmt(render.median)} ms (min ${fmt(render.min)}, max ${fmt(render.max)}; budget ${BUDGET.firstRenderMs} ms: ${render.median < BUDGET.firstRenderMs ? 'met' : 'NOT met'})`,
  ];
  if (playback) {
    const { step, latency, fps } = playback;
    lines.push(
      `per-step render cost on ${PLAY_PAGE} (${step.runs} steps; the key's script + the frame that draws the step): median ${fmt(step.median)} ms, p90 ${fmt(step.p90)} ms, max ${fmt(step.max)} ms (goal ≤ ${BUDGET.stepMs} ms median: ${step.median <= BUDGET.stepMs ? 'met' : 'NOT met'})`,
      `key → painted frame (idle wait for the display's frame included): median ${fmt(latency.median)} ms, p90 ${fmt(latency.p90)} ms`,
      `playing at 4×: ${fmt(fps.fps)} fps over ${fmt(fps.seconds)} s, ${fps.steps} steps, longest frame ${fmt(fps.longestFrame)} ms (goal ${BUDGET.fps} fps: ${fps.fps >= BUDGET.fps - 1 ? 'met' : 'NOT met'})`,
    );
  }
  console.log(lines.join('\n'));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/ui.json', JSON.stringify({ page: PAGE, assets, main: main.name, firstPaint: paint, firstRender: render, playPage: PLAY_PAGE, playback }, null, 2));
} finally {
  if (statSync(outDir, { throwIfNoEntry: false })) rmSync(outDir, { recursive: true, force: true });
}

interface Playback {
  /** Main-thread work per step: the key's script and the frame that draws it (see stepTiming.ts). */
  readonly step: ReturnType<typeof summarize> & { readonly p90: number };
  /** Key → painted frame, idle wait for the display's frame included. */
  readonly latency: ReturnType<typeof summarize> & { readonly p90: number };
  readonly fps: { readonly fps: number; readonly seconds: number; readonly steps: number; readonly longestFrame: number };
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * Per step: a keydown of → on the window (what the playback's keyboard listens to), then the
 * time until a task after the next animation frame, i.e. after React rendered the step and the
 * browser painted it. A short pause between steps lets each start from an idle page. Then 4×
 * playback from the start, frames counted with requestAnimationFrame for a few seconds.
 */
async function measurePlayback(browser: import('@playwright/test').Browser): Promise<Playback> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:4176/${PLAY_PAGE}`);
  await page.waitForSelector('[data-device]', { timeout: 30_000 });
  await page.waitForFunction(() => /\/\s*\d+/.test(document.querySelector('[data-testid="step-counter"]')?.textContent ?? ''));
  await page.waitForTimeout(500);
  // --css injects a style sheet first: for experiments (what if the timeline were not drawn?).
  const css = arg('--css');
  if (css) await page.addStyleTag({ content: css });
  const samples = (await page.evaluate(stepTimingScript(stepCount))) as StepTimes;
  // 4×, from the start
  await page.locator('[data-testid="playback"] select').first().selectOption('4');
  await page.keyboard.press('Home');
  const fps = (await page.evaluate(`(async (seconds) => {
    const steps = () => Number(/(\\d+)\\s*\\//.exec(document.querySelector('[data-testid="step-counter"]')?.textContent ?? '')?.[1] ?? 0);
    document.querySelector('[data-testid="play"]').click();
    const first = steps();
    return new Promise((resolve) => {
      let frames = 0;
      let longest = 0;
      let last = performance.now();
      const start = last;
      const frame = (now) => {
        frames++;
        longest = Math.max(longest, now - last);
        last = now;
        if (now - start < seconds * 1000) requestAnimationFrame(frame);
        else resolve({ fps: (frames * 1000) / (now - start), seconds: (now - start) / 1000, steps: steps() - first, longestFrame: longest });
      };
      requestAnimationFrame(frame);
    });
  })(4)`)) as Playback['fps'];
  await context.close();
  return {
    step: { ...summarize(samples.work), p90: percentile(samples.work, 90) },
    latency: { ...summarize(samples.latency), p90: percentile(samples.latency, 90) },
    fps,
  };
}
