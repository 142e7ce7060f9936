// Build, dev server and unit tests for podpath. The app is a static build (DESIGN §1):
// `npm start` builds it and serves dist/ on 127.0.0.1:4173.
import { readFileSync } from 'node:fs';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { CONTENT_SECURITY_POLICY } from './src/ui/csp.js'; // (.js: the file is csp.ts; an extension-less import warns under Vite's native config loader)

/** The CSP as a <meta> in the built index.html only: the dev server's HMR preamble is inline. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'podpath-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) throw new Error('index.html has an inline script, which the Content-Security-Policy forbids');
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }];
      },
    },
  };
}

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
  plugins: [react(), tailwindcss(), preloadChunk('scenarioTexts'), contentSecurityPolicy()],
  // the version a panel's error report names (src/ui/shell/PanelBoundary.tsx)
  define: { __PODPATH_VERSION__: JSON.stringify((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version) },
  // Relative asset URLs, so dist/ also works when served from a sub-path (docs embeds).
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
  server: { host: '127.0.0.1', port: 5173 },
  // the same policy as a header for `npm start` (a header also covers what a <meta> cannot see)
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
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
