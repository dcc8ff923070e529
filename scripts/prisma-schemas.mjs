// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: same models, provider and
// generated-client folder swapped. SQLite and PostgreSQL need different migration SQL, so each
// provider gets its own schema file, client and migrations folder; this keeps one source.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');

export function toPostgres(text) {
  const out = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace(
      'output                 = "../generated/sqlite"',
      'output                 = "../../generated/postgres"',
    );
  if (out === text || !out.includes('postgresql') || !out.includes('generated/postgres')) {
    throw new Error('prisma/schema.prisma: could not find the sqlite provider/output lines to swap');
  }
  return `// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs. Do not edit.\n${out}`;
}

const target = join(root, 'prisma/postgres/schema.prisma');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, toPostgres(source));
