// postinstall: generates both Prisma clients (SQLite and PostgreSQL) so `npm ci` is all a
// fresh machine needs. Runs the CLI with the engine stand-in configured in prisma*.config.ts.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/prisma-schemas.mjs')], { stdio: 'inherit' });
const cli = join(root, 'node_modules/prisma/build/index.js');
for (const config of ['prisma.config.ts', 'prisma.postgres.config.ts']) {
  execFileSync(process.execPath, [cli, 'generate', '--config', config], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
}
