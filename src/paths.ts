/**
 * Where the files shipped beside the code lie: templates, sequences, the web UI, migrations,
 * package.json. One place computes the repository root, because the code runs from two
 * places: the TypeScript sources under src/ (tests, development) and the bundle that
 * `npm ci` builds (dist/trademail.mjs, what bin/trademail.js runs). In the bundle every
 * module's import.meta.url is the bundle's, so a path relative to one source file would
 * point elsewhere there. This file and the bundle both lie one level under the root.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** True in the bundle (scripts/build.mjs), false when the TypeScript sources run. */
export const RUNNING_BUNDLED = !import.meta.url.endsWith('/src/paths.ts');

/** package.json's version of trademail. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The handlebars templates shipped with trademail (mail, notices, reports). */
export const SHIPPED_TEMPLATES_DIR = join(REPO_ROOT, 'templates');

/** The sequence definitions shipped with trademail. */
export const SHIPPED_SEQUENCES_DIR = join(REPO_ROOT, 'sequences');

/**
 * The understand pool's worker entry: the worker's own bundle when this code is bundled, else
 * a small .mjs that registers tsx in the thread and loads the TypeScript worker.
 */
export const UNDERSTAND_WORKER_ENTRY = pathToFileURL(
  RUNNING_BUNDLED
    ? join(REPO_ROOT, 'dist', 'understand-worker.mjs')
    : join(REPO_ROOT, 'src', 'ingest', 'workers', 'understand-worker-entry.mjs'),
);
