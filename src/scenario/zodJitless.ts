// zod compiles object parsers with `new Function` when it may, and probes whether it may by
// calling it once. Under the page's Content-Security-Policy (no 'unsafe-eval', src/ui/csp.ts)
// that probe is refused and reported as a violation even though zod then falls back. The page's
// entry points (the worker, the editor chunk) import this first so zod never tries; the CLI
// does not, and keeps the compiled parsers.
import { z } from 'zod';

z.config({ jitless: true });
