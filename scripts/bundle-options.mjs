// How trademail is bundled (scripts/build.mjs); bench/memory-floor.ts bundles itself the same way.
import { prismaWasmFromFile } from './prisma-wasm-plugin.mjs';

export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  // Class and function names stay as written: logs and errors print them.
  keepNames: true,
  logLevel: 'warning',
  plugins: [prismaWasmFromFile],
};
