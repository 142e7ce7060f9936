// Where a playback step's time goes in Chromium: a DevTools timeline trace of N step-forward
// key presses on flannel-vxlan, summed by event name (self time of the main thread's tasks).
//   node --import tsx bench/uiTrace.ts [--steps 60]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const steps = Number(arg('--steps')) || 60;
const outDir = mkdtempSync(join(tmpdir(), 'podpath-bench-uitrace-'));
try {
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: !process.argv.includes('--no-minify') } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 4177, strictPort: true } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:4177/?scenario=flannel-vxlan&flow=pod1-to-pod2`);
    await page.waitForSelector('[data-device]', { timeout: 30_000 });
    await page.waitForTimeout(800);
    if (process.argv.includes('--reduced')) await page.emulateMedia({ reducedMotion: 'reduce' });
    const js = arg('--eval'); // experiments: e.g. 'Element.prototype.animate = undefined'
    if (js) await page.evaluate(js);
    const css = arg('--css');
    if (css) await page.addStyleTag({ content: css });
    const cdp = await page.context().newCDPSession(page);
    // The layer count after one step: each composited layer costs the Layerize phase per frame.
    let tree: { layerId: string; backendNodeId?: number; width: number; height: number }[] = [];
    cdp.on('LayerTree.layerTreeDidChange', (e) => { if (e.layers) tree = e.layers; });
    await cdp.send('LayerTree.enable');
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(500);
    const layers = tree.length;
    if (process.argv.includes('--layers')) {
      await cdp.send('DOM.getDocument');
      for (const l of tree) {
        const { compositingReasons } = await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId }).catch(() => ({ compositingReasons: [] as string[] }));
        let who = '';
        if (l.backendNodeId) {
          const { node } = await cdp.send('DOM.describeNode', { backendNodeId: l.backendNodeId }).catch(() => ({ node: undefined }));
          if (node) who = `${node.localName}${node.attributes ? ' ' + node.attributes.join(' ').slice(0, 90) : ''}`;
        }
        console.log(`  ${l.width}x${l.height} ${who} :: ${compositingReasons.join(',')}`);
      }
    }
    await cdp.send('LayerTree.disable');
    if (process.argv.includes('--animations')) {
      // Which CSS transitions / animations a few steps start (each runs frames of its own).
      const seen = new Map<string, number>();
      cdp.on('Animation.animationStarted', async (e) => {
        const a = e.animation;
        let who = '';
        if (a.source?.backendNodeId) {
          const { node } = await cdp.send('DOM.describeNode', { backendNodeId: a.source.backendNodeId }).catch(() => ({ node: undefined }));
          if (node) who = `${node.localName} ${(node.attributes ?? []).join(' ').slice(0, 100)}`;
        }
        const key = `${a.type} ${a.name} ${a.source?.duration}ms :: ${who}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      });
      await cdp.send('DOM.getDocument');
      await cdp.send('Animation.enable');
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(300);
      }
      await cdp.send('Animation.disable');
      for (const [k, n] of seen) console.log(`  ${n}× ${k}`);
    }
    console.log(`composited layers: ${layers}`);
    if (process.argv.includes('--profile')) {
      // JS self time by function over the same steps (CDP sampling profiler; build with --no-minify to read names).
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await page.evaluate(`(async (n) => { for (let i = 0; i < n; i++) { window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })); await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); await new Promise((r) => setTimeout(r, 60)); } })(${steps})`);
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync('bench/results/ui-profile.cpuprofile', JSON.stringify(profile)); // DevTools opens it
      const self = new Map<string, number>();
      const dt = new Map<number, number>();
      profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
      for (const n of profile.nodes) {
        const f = n.callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0));
      }
      console.log('JS self time per step (ms):');
      for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000 / steps).toFixed(2).padStart(8)}  ${k}`);
      await page.keyboard.press('Home');
      await page.waitForTimeout(300);
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'disabled-by-default-v8.cpu_profiler'] });
    await page.evaluate(`(async (n) => {
      for (let i = 0; i < n; i++) {
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        await new Promise((r) => setTimeout(r, 60));
      }
    })(${steps})`);
    const buf = await browser.stopTracing();
    writeFileSync('bench/results/ui-trace.json', buf);
    const { traceEvents } = JSON.parse(buf.toString()) as { traceEvents: { name: string; ph: string; dur?: number; tdur?: number; tid: number; pid: number; cat: string; args?: { data?: { url?: string; functionName?: string } } }[] };
    // main thread: the one with the most 'RunTask' time in the renderer
    const byThread = new Map<string, number>();
    for (const e of traceEvents) if (e.name === 'RunTask' && e.dur) byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
    const main = [...byThread].sort((a, b) => b[1] - a[1])[0][0];
    const totals = new Map<string, number>();
    for (const e of traceEvents) {
      if (`${e.pid}:${e.tid}` !== main || e.ph !== 'X' || !e.dur) continue;
      totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur);
    }
    // Per frame: how many lifecycle updates the steps caused and what one costs.
    const frames = traceEvents.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur && e.name === 'WebFrameWidgetImpl::UpdateLifecycle').map((e) => e.dur! / 1000).sort((a, b) => a - b);
    const layerize = traceEvents.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur && e.name === 'Layerize').map((e) => e.dur! / 1000).sort((a, b) => a - b);
    const at = (xs: number[], q: number) => (xs[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? NaN).toFixed(2);
    console.log(`frames: ${frames.length} (${(frames.length / steps).toFixed(1)} per step), lifecycle median ${at(frames, 0.5)} ms p90 ${at(frames, 0.9)}; layerize median ${at(layerize, 0.5)} p90 ${at(layerize, 0.9)}`);
    // Thread time (CPU), not wall time: on a loaded machine the wall clock also counts waiting for a core.
    const cpu = traceEvents.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'RunTask').reduce((a, e) => a + (e.tdur ?? 0), 0);
    console.log(`main-thread CPU per step: ${(cpu / 1000 / steps).toFixed(2)} ms (thread time of its tasks)`);
    console.log(`per step (inclusive ms, ${steps} steps), main thread ${main}:`);
    for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000 / steps).toFixed(2).padStart(8)}  ${name}`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
