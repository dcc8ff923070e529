#!/usr/bin/env node
// Entry point for `npx trademail`. The sources are TypeScript run through tsx (the generated
// Prisma client is TypeScript too), so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
