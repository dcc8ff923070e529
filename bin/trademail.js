#!/usr/bin/env node
// Entry point for `npx trademail`. It runs the bundle that `npm ci` builds (dist/, see
// scripts/build.mjs): plain JavaScript, with about 65 MB less resident memory than the
// TypeScript sources run through tsx. When a source is newer than the bundle (a change not
// yet rebuilt with `npm run build`) or there is no bundle, it runs the sources through tsx, so
// what runs is never older than what is checked out. `trademail --version` says which ran.
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { currentBundle } from './current-bundle.js';

// V8 lets the old generation grow to several times what survives a full collection before it
// collects again; a backfill leaves most of that growth as garbage. Growing by half instead
// took the 10,000-message `sync --once` from 406 to 303 MB peak RSS at 700 against 719 msg/s
// in the same run (bench/ingest-backfill.ts). It is a growth factor, not a cap: a process that
// needs more memory still gets it. A --heap-growing-percent given to node itself wins.
if (!process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=50');
}

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
