// Prisma CLI configuration for the PostgreSQL copy of the schema (generated; see
// scripts/prisma-schemas.mjs). Same engine stand-in as prisma.config.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(
  new URL('./scripts/schema-engine-stub.mjs', import.meta.url),
);

export default defineConfig({
  schema: 'prisma/postgres/schema.prisma',
  datasource: {
    url: process.env.DATABASE_URL?.startsWith('postgres')
      ? process.env.DATABASE_URL
      : 'postgresql://postgres@127.0.0.1:5432/trademail',
  },
});
