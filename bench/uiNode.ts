// Issue 14's page goals on the real-node-sized snapshot (bench/nodeSnapshot.ts: 10,000
// Services × 3 endpoints, 2,000 routes, 20,000 ipset entries, 500 pod namespaces): the
// snapshot dropped on the page, the time until the node is drawn (goal < 3 s) and how many
// boxes the canvas holds (its pods grouped, not 500 boxes); then Services picked by name in
// "Trace your own packet", each timed in the page from the pick to its trace's verdict on
// screen (goal < 50 ms). Builds the app, serves it with `vite preview`, drives Chromium.
//
//   node --import tsx bench/uiNode.ts [--services N] [--pods N] [--picks N]
import { ISSUE_14_NODE, nodeSnapshot } from './nodeSnapshot';
import { withServedApp } from './servedApp';
import { summarize } from './stats';

const arg = (name: string, dflt: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : dflt);
const options = { ...ISSUE_14_NODE, services: arg('--services', ISSUE_14_NODE.services), pods: arg('--pods', ISSUE_14_NODE.pods) };
const picks = arg('--picks', 7);
const GOAL = { openMs: 3000, traceMs: 50 };

const node = nodeSnapshot(options);
console.log(`snapshot: ${(node.stats.bytes / 1e6).toFixed(1)} MB, ${options.services} Services, ${options.pods} pods, ${node.stats.rules} iptables rules`);
await withServedApp(4179, async (browser, origin) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-device]');
  const machine = String(node.snapshot.hostname);
  const files = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'node.json', { type: 'application/json' }));
    return dt;
  }, node.text);
  const t0 = Date.now();
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer: files });
  await page.waitForFunction((m) => document.querySelector(`[data-machine="${m}"]`) !== null, machine, { timeout: 600_000, polling: 50 });
  const openMs = Date.now() - t0;
  const boxes = await page.locator('.react-flow__node').count();
  const chip = await page.locator('[data-group]').getAttribute('data-group').catch(() => null);

  // a pod as the source, then Services by name
  const builder = page.getByTestId('flow-builder');
  await builder.locator('summary').click();
  await builder.getByLabel(/From namespace/).selectOption(`${machine}/${node.pods[0].name}`);
  const select = builder.getByTestId('builder-service');
  await select.waitFor();
  const options = await select.locator('option').count();
  const times: number[] = [];
  for (let i = 1; i <= picks; i++) {
    const service = node.services[(i * 997) % node.services.length];
    const index = await select.locator('option').evaluateAll((os, want) => os.findIndex((o) => o.textContent?.includes(want)) - 1, ` — ${service.clusterIp}:${service.port}/tcp`);
    const ms = (await page.evaluate(
      `(async (value, want) => {
        const select = document.querySelector('[data-testid="builder-service"]');
        const summary = document.querySelector('[data-testid="trace-summary"]');
        const t0 = performance.now();
        const done = new Promise((resolve) => {
          const check = () => summary.querySelector('[data-testid="verdict"]') && summary.textContent.includes(want) ? (observer.disconnect(), resolve(performance.now() - t0)) : undefined;
          const observer = new MutationObserver(check);
          observer.observe(summary, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
        setter.call(select, String(value));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return done;
      })(${index}, ${JSON.stringify(`${service.clusterIp}:${service.port}`)})`,
    )) as number;
    times.push(ms);
  }
  const trace = summarize(times);
  console.log(`open: dropped → the node drawn ${openMs} ms (goal < ${GOAL.openMs} ms: ${openMs < GOAL.openMs ? 'met' : 'NOT met'})`);
  console.log(`canvas: ${boxes} boxes (machines, namespaces, devices, networks); the group chip holds ${chip ?? 'no'} namespaces`);
  console.log(`Service picked by name (${options - 1} listed) → its verdict on screen: median ${trace.median.toFixed(1)} ms, min ${trace.min.toFixed(1)}, max ${trace.max.toFixed(1)} over ${times.length} (goal < ${GOAL.traceMs} ms: ${trace.median < GOAL.traceMs ? 'met' : 'NOT met'})`);
});
