/**
 * Creates a migration for BOTH providers from the change in prisma/schema.prisma:
 *   npm run db:migration -- add_lead_language
 *
 * Prisma's `migrate dev` needs a native schema engine that cannot be downloaded here, so this
 * uses the wasm build of the same engine. Each migration folder keeps a snapshot of the schema
 * it produced (schema.prisma); the next migration is the engine's diff from that snapshot to
 * the current schema, so no shadow database is needed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { loadSchemaEngine } from './schema-engine-wasm.ts';

const root = join(import.meta.dirname, '..');
const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:migration -- <name>   (e.g. add_lead_language)');
  process.exit(2);
}

const providers = [
  {
    id: 'sqlite',
    schemaFile: 'prisma/schema.prisma',
    adapter: () => new PrismaBetterSqlite3({ url: ':memory:' }),
  },
  {
    id: 'postgres',
    schemaFile: 'prisma/postgres/schema.prisma',
    adapter: () =>
      new PrismaPg({
        connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
      }),
  },
] as const;

const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const SchemaEngine = await loadSchemaEngine();
for (const p of providers) {
  const dir = join(root, 'prisma/migrations', p.id);
  mkdirSync(dir, { recursive: true });
  const previous = readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, 'migration.sql')))
    .sort()
    .at(-1);
  const current = readFileSync(join(root, p.schemaFile), 'utf8');
  const factory = bindMigrationAwareSqlAdapterFactory(p.adapter() as never);
  const engine = await SchemaEngine.new({ datamodels: [['schema.prisma', current]] }, () => {}, factory);
  const from = previous
    ? {
        tag: 'schemaDatamodel',
        files: [
          { path: 'schema.prisma', content: readFileSync(join(dir, previous, 'schema.prisma'), 'utf8') },
        ],
      }
    : { tag: 'empty' };
  const result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: current }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  } as never);
  const sql = result.stdout ?? '';
  if (/^-- This is an empty migration\.\s*$/.test(sql.trim()) || sql.trim() === '') {
    console.log(`${p.id}: schema unchanged, no migration written`);
    continue;
  }
  const folder = join(dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration.sql'), sql);
  writeFileSync(join(folder, 'schema.prisma'), current);
  console.log(`${p.id}: wrote ${folder}/migration.sql`);
}
process.exit(0);
