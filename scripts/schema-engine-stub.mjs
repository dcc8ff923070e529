#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, which cannot be downloaded on machines
// that reach only the npm registry. `prisma generate` needs the path to exist but never runs
// it (it uses the wasm bundled with prisma). Commands that would need a real engine end here
// with a pointer to the repository's own tools.
process.stderr.write(
  'trademail: the native Prisma schema engine is not installed. Use `npx trademail migrate` to apply ' +
    'migrations and `npm run db:migration -- <name>` to create one (both use @prisma/schema-engine-wasm).\n',
);
process.exit(1);
