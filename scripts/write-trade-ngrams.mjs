// Writes the language detector's cut database (trade-ngrams.mjs) under the repository root.
// scripts/build.mjs does the same at install; src/understand/extract/language-model.ts runs
// this when the cut is missing, in a child process so the full database never loads there.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTradeNgrams } from './trade-ngrams.mjs';

await writeTradeNgrams(join(dirname(fileURLToPath(import.meta.url)), '..'));
