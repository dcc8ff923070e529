// The Worker's entry point. Worker threads do not get the parent's TypeScript loader when the
// parent was started by vitest (which transforms in-process) or registered tsx itself
// (bin/trademail.js), so the worker registers tsx on its own before loading the .ts worker.
import { register } from 'tsx/esm/api';

register();
await import('./understand-worker.ts');
