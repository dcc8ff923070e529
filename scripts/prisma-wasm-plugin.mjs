// esbuild plugin for the bundle: Prisma's generated client loads its query compiler from a
// binary .wasm file written beside the bundle, instead of from @prisma/client's base64 module.
//
// Why: that module is a 2.1 MB string of base64. Once imported, its source, the exported
// string and the decoded bytes stay alive for the life of the process (a heap snapshot found
// 5.8 MB), in every process that opens the store. Read from the file, only the compiled
// module stays: a process at rest with the store open holds 147 instead of 157 MB
// (bench/memory-floor.ts). The backfill's peak moved within its run-to-run noise (five
// interleaved rounds: 255-265 against 259-272 MB).
//
// If a new Prisma generates the loader differently, the plugin warns and leaves it as it is:
// the bundle still works, with the base64 module (tests/cli/bundle.test.ts then fails, so the
// change is noticed).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeWhole } from './write-whole.mjs';

const GENERATED_CLIENT = /[\\/]generated[\\/][a-z]+[\\/]internal[\\/]class\.ts$/;
const BASE64_LOADER =
  /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/(query_compiler_[a-z]+_bg\.[a-z]+)\.wasm-base64\.mjs)"\)\s*\n\s*return await decodeBase64AsWasm\(wasm\)/;

export const prismaWasmFromFile = {
  name: 'prisma-wasm-from-file',
  setup(build) {
    const { outdir, outfile } = build.initialOptions;
    const outputDir = outdir ?? dirname(outfile);
    build.onLoad({ filter: GENERATED_CLIENT }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const found = source.match(BASE64_LOADER);
      if (!found) {
        return {
          contents: source,
          loader: 'ts',
          warnings: [{ text: "Prisma's query compiler loader has changed; it stays on the base64 module" }],
        };
      }
      const [loader, specifier, name] = found;
      const { wasm } = await import(specifier);
      const file = `${name}.wasm`;
      writeWhole(join(outputDir, file), Buffer.from(wasm, 'base64'));
      const fromFile = `const { readFile } = await import("node:fs/promises")
    return new WebAssembly.Module(await readFile(new URL(${JSON.stringify(`./${file}`)}, import.meta.url)))`;
      return { contents: source.replace(loader, fromFile), loader: 'ts' };
    });
  },
};
