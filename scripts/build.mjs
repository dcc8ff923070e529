// Bundles trademail's TypeScript into dist/ with esbuild, so bin/trademail.js runs plain
// JavaScript: no TypeScript loader at run time. That saves about 65 MB of resident memory in
// every long-running process (tsx keeps its transformed sources and esbuild's service) and
// a second of start-up. npm packages stay outside the bundle and load from node_modules.
//
// Runs in postinstall after the Prisma clients are generated (the bundle includes them), and
// as `npm run build`. dist/inputs.json lists every source file in the bundle, so the bin can
// tell a bundle older than the sources and run the sources instead (see bin/trademail.js).
// It first cuts the language detector's database down to the trade languages (trade-ngrams.mjs).
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';
import { writeTradeNgrams } from './trade-ngrams.mjs';
import { writeWhole } from './write-whole.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function buildTrademail() {
  const result = await build({
    ...BUNDLE_OPTIONS,
    absWorkingDir: root,
    entryPoints: {
      trademail: 'src/cli/main.ts',
      'understand-worker': 'src/ingest/workers/understand-worker.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    // A linked map, used only when asked for (NODE_OPTIONS=--enable-source-maps).
    sourcemap: 'linked',
    metafile: true,
    write: false,
  });
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(root, join(root, file)));
  writeWhole(join(root, 'dist', 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  for (const file of result.outputFiles) writeWhole(file.path, file.contents);
}

await writeTradeNgrams(root);
await buildTrademail();
