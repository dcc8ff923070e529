/**
 * Loads @prisma/schema-engine-wasm in plain Node. Its entry point imports a .wasm file as an
 * ES module, which Node 20 cannot do, so the wasm-bindgen glue is wired up by hand here.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SchemaEngine as SchemaEngineType } from '@prisma/schema-engine-wasm';

type Glue = { __wbg_set_wasm(exports: unknown): void; SchemaEngine: typeof SchemaEngineType };

export async function loadSchemaEngine(): Promise<typeof SchemaEngineType> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = (await import(gluePath)) as Glue;
  const bytes = readFileSync(gluePath.replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm'));
  // Node has WebAssembly globally; the project's lib setting (ES2023, no DOM) does not declare it.
  const wasm = (
    globalThis as unknown as {
      WebAssembly: { instantiate(b: Buffer, i: object): Promise<{ instance: { exports: unknown } }> };
    }
  ).WebAssembly;
  const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return glue.SchemaEngine;
}
