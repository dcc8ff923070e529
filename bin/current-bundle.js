// Which code bin/trademail.js should run: the bundle in dist/ (scripts/build.mjs) when it is
// at least as new as every source file it was built from, else nothing, and the bin runs the
// TypeScript sources. Plain JavaScript, because it runs before any TypeScript loader.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bundle's path under `root`, or undefined when the sources must run: no bundle, a source
 * newer than it or gone since, or TRADEMAIL_FROM_SOURCE=1 in `env`.
 */
export function currentBundle(root, env = process.env) {
  const bundle = join(root, 'dist', 'trademail.mjs');
  const inputsFile = join(root, 'dist', 'inputs.json');
  if (env.TRADEMAIL_FROM_SOURCE === '1' || !existsSync(bundle) || !existsSync(inputsFile)) return undefined;
  const built = statSync(bundle).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  const current = inputs.every((file) => {
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    return stat !== undefined && stat.mtimeMs <= built;
  });
  return current ? bundle : undefined;
}
