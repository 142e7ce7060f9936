// The built lab served and a Chromium to drive it, for the page benchmarks: builds the app into
// a temporary folder, serves it with `vite preview` on `port`, launches Debian's Chromium, runs
// `use`, and takes it all down again (the folder too), whatever `use` does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { build, preview } from 'vite';

export async function withServedApp<T>(port: number, use: (browser: Browser, origin: string) => Promise<T>): Promise<T> {
  const outDir = mkdtempSync(join(tmpdir(), 'podpath-bench-app-'));
  try {
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      return await use(browser, `http://127.0.0.1:${port}`);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
