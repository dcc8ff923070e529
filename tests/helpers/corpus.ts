/**
 * Shared plumbing for the third-party corpus suites: where the corpora live, the notice
 * printed when one is missing, the pass-rate line, and the ratchet against the committed
 * floor in tests/corpora/baseline/<suite>.json (a regression below the floor fails).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPORA_ROOT = path.resolve(REPO_ROOT, '../shared/corpora');
const BASELINE_DIR = path.join(REPO_ROOT, 'tests/corpora/baseline');

export interface Corpus {
  name: string;
  dir: string;
  exists: boolean;
}

/** Locates `../shared/corpora/<name>` and warns visibly when it is absent. */
export function locateCorpus(name: string): Corpus {
  const dir = path.join(CORPORA_ROOT, name);
  const exists = existsSync(dir);
  if (!exists) console.warn(`corpus ${name} not found at ${dir}: skipped`);
  return { name, dir, exists };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Rate in percent, e.g. 94.59... */
export function percent(passed: number, total: number): number {
  return total === 0 ? 0 : (passed / total) * 100;
}

/** Prints and returns the line `corpus <label>: <passed>/<total> passed (<rate>%)`. */
export function printRate(label: string, passed: number, total: number): string {
  const line = `corpus ${label}: ${passed}/${total} passed (${percent(passed, total).toFixed(1)}%)`;
  console.log(line);
  return line;
}

/** With CORPUS_VERBOSE=1 the failing cases are listed, to work on the rules. */
export function printFailures(label: string, failures: string[]): void {
  const verbose = process.env['CORPUS_VERBOSE'];
  if (!verbose || verbose === '0' || verbose === 'false' || failures.length === 0) return;
  console.log(`corpus ${label}: failures\n  ${failures.join('\n  ')}`);
}

/** The committed floor (percent) of one metric of a suite; throws when it is missing. */
export function floorOf(suite: string, metric: string): number {
  const file = path.join(BASELINE_DIR, `${suite}.json`);
  const floors = readJson<Record<string, number>>(file);
  const floor = floors[metric];
  if (typeof floor !== 'number') throw new Error(`no floor for metric "${metric}" in ${file}`);
  return floor;
}
