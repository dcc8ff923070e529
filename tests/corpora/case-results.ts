/**
 * Per-case outcomes of the forward / reply corpus suites, and the lines they print: a pass
 * count, a per-group breakdown, and the failing cases (shown with CORPUS_VERBOSE=1).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Corpus } from '../helpers/corpus.ts';

export interface CaseResult {
  id: string;
  group: string;
  /** Why the case failed; empty when it passed. */
  failures: string[];
}

export function passedCount(results: readonly CaseResult[]): number {
  return results.filter((r) => r.failures.length === 0).length;
}

/** Pass rate rounded down to 0.1 percent: the convention of the committed floors. */
export function flooredRate(results: readonly CaseResult[]): number {
  return results.length === 0 ? 0 : Math.floor((passedCount(results) / results.length) * 1000) / 10;
}

export function groupLines(results: readonly CaseResult[]): string[] {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups.entries()].map(([group, list]) => `  ${group}: ${passedCount(list)}/${list.length}`);
}

export function failureLines(results: readonly CaseResult[]): string[] {
  return results.filter((r) => r.failures.length > 0).map((r) => `${r.id}: ${r.failures.join('; ')}`);
}

/** A corpus file as UTF-8 text. */
export function readCorpusFile(corpus: Corpus, file: string): string {
  return readFileSync(path.join(corpus.dir, file), 'utf8');
}
