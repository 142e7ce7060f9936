// Screenshot a page of the lab with Debian's Chromium, for looking at the UI by hand:
//   node scripts/screenshot.mjs 'http://127.0.0.1:4173/?scenario=host-gw' out.png [width height]
// Waits for the scenario header (the engine worker has answered) and prints console errors.
import { chromium } from '@playwright/test';

const [url, out = 'screenshot.png', width = '1440', height = '900'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/screenshot.mjs URL [out.png] [width height]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && console.error(`console.${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => console.error(`pageerror: ${e.message}`));
await page.goto(url);
await page.waitForSelector('[data-testid=scenario-header], [data-embed]', { timeout: 15000 }).catch(() => console.error('no scenario header after 15 s'));
await page.waitForTimeout(1200);
await page.screenshot({ path: out });
await browser.close();
console.log(out);
