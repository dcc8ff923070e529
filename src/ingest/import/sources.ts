/**
 * What `trademail import <path>` reads: one mbox file, one .eml file, or a folder (searched
 * recursively) of .eml files and mbox files, in a stable order.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TrademailError } from '../../errors.ts';
import { readMbox } from './mbox.ts';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (/\.(eml|mbox)$/i.test(entry.name)) out.push(full);
  }
  return out;
}

export function importFiles(path: string): string[] {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (cause) {
    throw new TrademailError('IMPORT_SOURCE', `${path}: no such file or folder`, { cause });
  }
  const files = stat.isDirectory() ? listFiles(path) : [path];
  if (files.length === 0) {
    throw new TrademailError('IMPORT_SOURCE', `${path}: no .eml or .mbox files found`);
  }
  return files;
}

/** An mbox file starts with a "From " separator line (RFC 4155); anything else is one message. */
function looksLikeMbox(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(5);
    return readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === 'From ';
  } finally {
    closeSync(fd);
  }
}

export async function* readMessages(file: string): AsyncGenerator<Buffer> {
  if (looksLikeMbox(file)) yield* readMbox(file);
  else yield readFileSync(file);
}
