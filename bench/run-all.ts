/**
 * Runs every benchmark in this folder, one after another in its own process (so one bench's
 * heap and threads do not colour the next one's figures), and prints what each prints.
 *
 *   npm run bench            all of them
 *   npm run bench -- ingest  only those whose file name contains "ingest"
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== basename(fileURLToPath(import.meta.url)) && f.includes(filter))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n== ${script}`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, script)], {
    stdio: 'inherit',
  });
  console.log(
    `-- ${script}: ${run.status === 0 ? 'ok' : `exit ${run.status}`} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  if (run.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
