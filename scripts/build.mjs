// Bundles trademail's TypeScript into dist/ with esbuild, so bin/trademail.js runs plain
// JavaScript: no TypeScript loader at run time. That saves about 65 MB of resident memory in
// every long-running process (tsx keeps its transformed sources and esbuild's service) and
// a second of start-up. npm packages stay outside the bundle and load from node_modules.
//
// Runs in postinstall after the Prisma clients are generated (the bundle includes them), and
// as `npm run build`. dist/inputs.json lists every source file in the bundle, so the bin can
// tell a bundle older than the sources and run the sources instead (see bin/trademail.js).
// It first cuts the language detector's database down to the trade languages (trade-ngrams.mjs).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';
import { writeTradeNgrams } from './trade-ngrams.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Each file is written whole under a temporary name and renamed over the old one, so a
// trademail started during a rebuild (the test suite does that) reads an old or a new file,
// never half of one.
function writeWhole(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

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
  mkdirSync(join(root, 'dist'), { recursive: true });
  const inputs = Object.keys(result.metafile.inputs).map((file) => relative(root, join(root, file)));
  writeWhole(join(root, 'dist', 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  for (const file of result.outputFiles) writeWhole(file.path, file.contents);
}

await writeTradeNgrams(root);
await buildTrademail();
