// Writes a file whole under a temporary name and renames it over the old one, so a process
// that reads it meanwhile (trademail started during a rebuild: the test suite does that) sees
// the old or the new file, never half of one. Used by the build and its generated files.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeWhole(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}
