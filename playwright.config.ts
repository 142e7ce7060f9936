// e2e: Playwright drives Debian's Chromium (/usr/bin/chromium, installed by
// scripts/setup-test-deps.sh; `npx playwright install` cannot download browsers here) against
// the built lab served by `vite preview`. Run with `npm run test:e2e` (it builds first).
import { defineConfig } from '@playwright/test';

// PODPATH_E2E_PORT lets a second run (another worktree) serve beside this one.
const PORT = Number(process.env.PODPATH_E2E_PORT) || 4174;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2, // the machine has 2 cores
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    },
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
