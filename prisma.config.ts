// Prisma CLI configuration for the embedded SQLite store (the default).
// Setting PRISMA_SCHEMA_ENGINE_BINARY before the CLI starts stops it from downloading a native
// engine from a host these machines cannot reach; `prisma generate` does not need one.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL('./scripts/schema-engine-stub.mjs', import.meta.url),
);

export default defineConfig({
  schema: 'prisma/schema.prisma',
  datasource: {
    url: process.env.DATABASE_URL?.startsWith('file:')
      ? process.env.DATABASE_URL
      : 'file:./data/trademail.db',
  },
});
