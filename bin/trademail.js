#!/usr/bin/env node
// Entry point for `npx trademail`. It runs the bundle that `npm ci` builds (dist/, see
// scripts/build.mjs): plain JavaScript, with about 65 MB less resident memory than the
// TypeScript sources run through tsx. When a source is newer than the bundle (a change not
// yet rebuilt with `npm run build`) or there is no bundle, it runs the sources through tsx, so
// what runs is never older than what is checked out. `trademail --version` says which ran.
import { fileURLToPath } from 'node:url';
import { currentBundle } from './current-bundle.js';
import { tuneHeap } from './heap.js';

tuneHeap();

const bundle = currentBundle(fileURLToPath(new URL('..', import.meta.url)));
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
