/**
 * The memory a trademail process holds before it does any work: what the runtime, the code
 * and an open store cost, as the floor under every peak RSS the other benches print. Each
 * figure is read after a full garbage collection.
 *
 *   node --import tsx bench/memory-floor.ts
 *
 * The baseline is the same Node process with only tsx loaded; the largest mappings of the
 * process at the end show where the resident memory lies (/proc/self/smaps, Linux only).
 *
 * Then the same script is bundled the way scripts/build.mjs bundles trademail and run with
 * plain node, as bin/trademail.js runs the bundle: its last figure is the floor of a shipped
 * process. (In a bundle all the code loads at once, so only that last figure means anything.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';
import { REPO_ROOT } from '../src/paths.ts';
import { sqliteDatabase } from '../tests/helpers/db.ts';

// The same as starting node with --expose-gc, so the bench runs like every other one.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0).padStart(4);

function step(label: string): void {
  gc();
  const m = process.memoryUsage();
  console.log(
    `${label.padEnd(48)} RSS ${mb(m.rss)} MB   heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB   external ${mb(m.external)} MB`,
  );
}

/** Resident memory by mapping name: the node binary, shared libraries, anonymous memory. */
function residentByMapping(): [string, number][] {
  if (!existsSync('/proc/self/smaps')) return [];
  const totals = new Map<string, number>();
  let current = '[anon]';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
    if (header) current = header[1] || '[anon]';
    const rss = line.match(/^Rss:\s+(\d+) kB/);
    if (rss) totals.set(current, (totals.get(current) ?? 0) + Number(rss[1]) * 1024);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 5);
}

const bundled = !import.meta.url.endsWith('.ts');
step(bundled ? 'bundled: everything loaded' : 'baseline: node with tsx loaded');
await import('../src/ingest/sync/folder-sync.ts');
await import('../src/ingest/processor.ts');
step('+ ingest code (understanding, store, IMAP)');
await import('../src/cli/main.ts');
step('+ the rest of the CLI (API, reports, sequences)');
const database = sqliteDatabase();
const store = await database.open();
await store.db.message.count();
step('+ an open SQLite store (Prisma query compiler)');
const { detectLanguage } = await import('../src/understand/extract/language.ts');
detectLanguage('Please quote your best price for 500 LED panel lights, CIF Mombasa.');
step('+ the language detector (at its first detection)');
for (const [name, bytes] of residentByMapping()) console.log(`  resident ${mb(bytes)} MB  ${name}`);
await store.close();
await database.drop();

if (!bundled) {
  // One level under the root, like dist/, so src/paths.ts finds the shipped files from there.
  const outfile = join(REPO_ROOT, '.bench-out', 'memory-floor.mjs');
  mkdirSync(join(REPO_ROOT, '.bench-out'), { recursive: true });
  await build({ ...BUNDLE_OPTIONS, entryPoints: [fileURLToPath(import.meta.url)], outfile });
  console.log('\nThe same, bundled as bin/trademail.js runs it (plain node, no tsx):');
  const out = execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
  console.log(
    out
      .split('\n')
      .filter((line) => /^\+ (an open|the language)/.test(line))
      .join('\n'),
  );
}
