// The page with a node the size of a real one (issue 14): services-kube-proxy with 8,000 more
// Services (~88,000 iptables-save lines; bench/bigLab.ts), opened by `?src=`. Measures the time
// from navigation to the first trace's verdict, the step-forward key to the painted frame with
// the host's iptables panel open, and the frame rate while scrolling that panel top to bottom.
//   npm run bench:ui:big [-- --services 8000]
import { bigKubeProxyLab } from './bigLab';
import { withServedApp } from './servedApp';
import { summarize } from './stats';
import { type StepTimes, stepTimingScript } from './stepTiming';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const services = Number(arg('--services')) || 8000;
const yaml = bigKubeProxyLab(services);
await withServedApp(4178, async (browser, origin) => {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.route('https://labs.example/big.yaml', (route) => route.fulfill({ status: 200, contentType: 'text/yaml', body: yaml }));
  const t0 = Date.now();
  await page.goto(`${origin}/?src=${encodeURIComponent('https://labs.example/big.yaml')}`);
  await page.getByTestId('verdict').waitFor({ timeout: 120_000 });
  const openMs = Date.now() - t0;
  const panels = page.getByTestId('state-panels');
  await panels.getByTestId('namespace-picker').selectOption({ label: 'host' });
  await panels.getByRole('tab', { name: /iptables/ }).click();
  const box = panels.locator('[data-panel="iptables"] pre');
  await box.waitFor();
  const lines = Number(await box.getAttribute('data-lines'));
  const steps = (await page.evaluate(stepTimingScript(30))) as StepTimes;
  // the steps may have chosen another tab (the one their own step used)
  await panels.getByRole('tab', { name: /iptables/ }).click();
  await box.waitFor();
  const scroll = (await page.evaluate(`(async () => {
    const el = document.querySelector('[data-panel="iptables"] pre');
    el.scrollTop = 0;
    return new Promise((resolve) => {
      let frames = 0, longest = 0, last = performance.now();
      const start = last;
      const frame = (now) => {
        frames++;
        longest = Math.max(longest, now - last);
        last = now;
        el.scrollTop += 600;
        if (el.scrollTop + el.clientHeight < el.scrollHeight - 1 && now - start < 10000) requestAnimationFrame(frame);
        else resolve({ fps: (frames * 1000) / (now - start), seconds: (now - start) / 1000, longest });
      };
      requestAnimationFrame(frame);
    });
  })()`)) as { fps: number; seconds: number; longest: number };
  const work = summarize(steps.work);
  const latency = summarize(steps.latency);
  console.log(`big lab: ${services} extra Services, ${lines} iptables-save lines on host`);
  console.log(`open by ?src= to the first trace's verdict: ${openMs} ms`);
  console.log(`per step, iptables panel open: work (script + the frame that draws it) median ${work.median.toFixed(1)} ms (min ${work.min.toFixed(1)}, max ${work.max.toFixed(1)}); key → painted frame median ${latency.median.toFixed(1)} ms`);
  console.log(`scrolling the iptables panel 600 px a frame: ${scroll.fps.toFixed(1)} fps over ${scroll.seconds.toFixed(1)} s, longest frame ${scroll.longest.toFixed(1)} ms`);
});
