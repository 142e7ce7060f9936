// Build, dev server and unit tests for podpath. The app is a static build (DESIGN §1):
// `npm start` builds it and serves dist/ on 127.0.0.1:4173.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // Relative asset URLs, so dist/ also works when served from a sub-path (docs embeds).
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The kernel-parity suite itself needs root and network namespaces: it runs through
    // `npm run test:parity`, not vitest; only its pure helpers' tests (parity.test.ts) run here.
    // e2e/ is Playwright's.
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 2, // the machine has 2 cores
  },
});
