// Build, dev server and unit tests for podpath. The app is a static build (DESIGN §1):
// `npm start` builds it and serves dist/ on 127.0.0.1:4173.
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Adds `<link rel="modulepreload">` for a dynamically imported chunk, so the browser fetches it
 * alongside the main chunk instead of after the main chunk has run (src/ui/scenarios.ts awaits
 * the scenario texts' chunk before the page starts).
 */
function preloadChunk(name: string): Plugin {
  return {
    name: `preload-chunk-${name}`,
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === name);
        if (!chunk) throw new Error(`preloadChunk: no chunk named ${name} in the build`);
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), preloadChunk('scenarioTexts')],
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
