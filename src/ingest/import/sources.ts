/**
 * What `trademail import <path>` reads: one mbox file, one .eml file, or a folder (searched
 * recursively) of .eml files and mbox files, in a stable order. Apple Mail exports each
 * mailbox as a folder `Name.mbox` holding a file named `mbox`, which is read too.
 */
import {
  accessSync,
  closeSync,
  constants,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { TrademailError } from '../../errors.ts';
import { contentStart, readMbox } from './mbox.ts';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (/\.(eml|mbox)$/i.test(entry.name) || entry.name === 'mbox') out.push(full);
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
  // Checked before anything is imported, so an import never stops half way on a file it cannot
  // read (a link to nowhere, a file of another user).
  const unreadable = files.filter((file) => !readable(file));
  if (unreadable.length > 0) {
    throw new TrademailError(
      'IMPORT_SOURCE',
      `${unreadable.length} of ${files.length} files cannot be read: ${unreadable.slice(0, 5).join(', ')}${unreadable.length > 5 ? ', ...' : ''}. Fix: make them readable by this user, or move them out of ${path}; nothing was imported.`,
    );
  }
  return files;
}

function readable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The bytes of all files to import, for the progress bar. */
export function totalBytes(files: readonly string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0);
}

/**
 * An mbox file starts with a "From " separator line (RFC 4155); anything else is one message.
 * A file of nothing but blank lines holds no message at all.
 */
function kindOf(file: string): 'mbox' | 'message' | 'empty' {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    const at = contentStart(head.subarray(0, n));
    if (at === n) return n < head.length ? 'empty' : 'message';
    return head.subarray(at, at + 5).toString('latin1') === 'From ' ? 'mbox' : 'message';
  } finally {
    closeSync(fd);
  }
}

export async function* readMessages(file: string): AsyncGenerator<Buffer> {
  const kind = kindOf(file);
  if (kind === 'mbox') yield* readMbox(file);
  else if (kind === 'message') yield readFileSync(file);
}
