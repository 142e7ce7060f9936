// The lab's weight and first render (issue 4's budget: main chunk under 300 KB gzipped, first
// render under 1.5 s on this machine). Builds the app into a temporary folder, measures every
// chunk raw and gzipped, serves it with `vite preview`, and loads it cold in Chromium a few
// times, reading in the page when the first paint happened and when the topology canvas first
// drew a device (the engine worker has answered and React Flow has laid the lab out).
//
//   npm run bench:ui                 # 7 cold loads
//   npm run bench:ui -- --runs 3
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { summarize } from './stats';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const PAGE = '?scenario=host-gw&flow=pod-a-to-pod-b';
const BUDGET = { mainGzipKB: 300, firstRenderMs: 1500 };

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
  try {
    for (let i = 0; i < runs; i++) {
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
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }

  const render = summarize(firstRender);
  const paint = summarize(firstPaint.length ? firstPaint : [NaN]);
  const fmt = (x: number) => x.toFixed(1);
  const lines = [
    'asset                                   raw KB   gzip KB',
    ...assets.map((a) => `${(a.name === main.name ? `${a.name} (main)` : a.name).padEnd(38)} ${fmt(a.kb).padStart(7)} ${fmt(a.gzipKB).padStart(8)}`),
    '',
    `main chunk gzipped: ${fmt(main.gzipKB)} KB (budget ${BUDGET.mainGzipKB} KB: ${main.gzipKB < BUDGET.mainGzipKB ? 'met' : 'NOT met'})`,
    `first contentful paint: median ${fmt(paint.median)} ms (min ${fmt(paint.min)}, max ${fmt(paint.max)}; reported in ${firstPaint.length} of ${runs} cold loads)`,
    `first render of the topology: median ${fmt(render.median)} ms (min ${fmt(render.min)}, max ${fmt(render.max)}; budget ${BUDGET.firstRenderMs} ms: ${render.median < BUDGET.firstRenderMs ? 'met' : 'NOT met'})`,
  ];
  console.log(lines.join('\n'));
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/ui.json', JSON.stringify({ page: PAGE, assets, main: main.name, firstPaint: paint, firstRender: render }, null, 2));
} finally {
  if (statSync(outDir, { throwIfNoEntry: false })) rmSync(outDir, { recursive: true, force: true });
}
