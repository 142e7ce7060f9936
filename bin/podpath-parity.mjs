#!/usr/bin/env node
// Kernel parity suite (DESIGN §8): builds every scenario in real network namespaces, compares
// the kernel with the engine, and runs the routing differential fuzz. Needs root.
//   node bin/podpath-parity.mjs [--only TEXT] [--no-fuzz | --fuzz-only] [--fixtures] …
// (the same as `node --import tsx test/parity/main.ts …`; see test/parity/README.md)
import { register } from 'tsx/esm/api';

register();
await import('../test/parity/main.ts');
