/**
 * Direct Maildir access for seeding test mailboxes fast. Files are written the way a delivery
 * agent does (into tmp/, then renamed), so Dovecot never sees a half-written message; Dovecot
 * assigns UIDs and builds its indexes the next time a client opens or STATUSes the folder.
 * Maildir format: https://cr.yp.to/proto/maildir.html and Dovecot's maildir documentation.
 */
import { closeSync, fchownSync, futimesSync, openSync, renameSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';

/** Maildir info letters for the IMAP system flags (RFC 3501 section 2.3.2); \Recent has none. */
const FLAG_LETTERS: Record<string, string> = {
  '\\Draft': 'D',
  '\\Flagged': 'F',
  '\\Answered': 'R',
  '\\Seen': 'S',
  '\\Deleted': 'T',
};

/** The ":2," info suffix; the letters must be in ASCII order. */
export function maildirInfo(flags: readonly string[]): string {
  const letters = flags.map((flag) => {
    const letter = FLAG_LETTERS[flag];
    if (!letter)
      throw new Error(`flag ${flag} cannot be written into a Maildir file name (system flags only)`);
    return letter;
  });
  return `:2,${[...new Set(letters)].sort().join('')}`;
}

/**
 * Dovecot stores messages with bare LF line endings and converts to CRLF on the wire, so files
 * seeded here match what an APPEND would have stored. latin1 round-trips every byte unchanged.
 */
export function toLfBuffer(raw: Buffer | string): Buffer {
  const buf = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  return Buffer.from(buf.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
}

let lastMicros = 0;
let sequence = 0;

/**
 * A unique base name whose "<secs>.M<usecs>" prefix increases strictly: Dovecot sorts newly seen
 * files by that prefix before assigning UIDs, so UIDs follow the order of the input array.
 * S= is the file size and W= the size with CRLF line endings (Dovecot's maildir extension).
 */
export function maildirFileName(content: Buffer): string {
  lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
  sequence += 1;
  const secs = Math.floor(lastMicros / 1_000_000);
  const usecs = lastMicros % 1_000_000;
  // Dovecot adds a CR only before a bare LF: a CR left before the LF (real mail has "\r\r\n")
  // already makes a CRLF, and a W= that counts it too makes Dovecot drop the connection at FETCH.
  let bareLineFeeds = 0;
  for (let i = 0; i < content.length; i++)
    if (content[i] === 0x0a && content[i - 1] !== 0x0d) bareLineFeeds += 1;
  return `${secs}.M${usecs}P${process.pid}Q${sequence}.trademail-test,S=${content.length},W=${content.length + bareLineFeeds}`;
}

export interface MaildirWriteOptions {
  /** With flags the files go to cur/ carrying them; without, to new/ (\Recent, unseen). */
  flags?: readonly string[];
  /** Becomes the INTERNALDATE (Dovecot reads it from the file's mtime). */
  internalDate?: Date;
  owner?: { uid: number; gid: number };
}

/** Files written between two yields to the event loop. */
const BATCH = 500;

/**
 * Synchronous file calls in batches: on this kind of disk they beat a pool of async calls, and
 * the batches still let sockets and timers run between them.
 */
export async function writeMaildirFiles(
  dir: string,
  raws: readonly (Buffer | string)[],
  options: MaildirWriteOptions = {},
): Promise<string[]> {
  const info = options.flags ? maildirInfo(options.flags) : undefined;
  const written: string[] = [];
  for (let start = 0; start < raws.length; start += BATCH) {
    for (const raw of raws.slice(start, start + BATCH)) {
      const content = toLfBuffer(raw);
      const name = maildirFileName(content);
      const tmp = path.join(dir, 'tmp', name);
      const final = info ? path.join(dir, 'cur', name + info) : path.join(dir, 'new', name);
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        if (options.owner) fchownSync(fd, options.owner.uid, options.owner.gid);
        writeSync(fd, content);
        if (options.internalDate) futimesSync(fd, options.internalDate, options.internalDate);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, final);
      written.push(final);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return written;
}

/** Files in a folder directory that hold UIDs, UIDVALIDITY and cached state (Dovecot 2.3 names). */
const FOLDER_INDEX_FILES = [
  'dovecot-uidlist',
  'dovecot-uidlist.lock',
  'dovecot.index',
  'dovecot.index.log',
  'dovecot.index.log.2',
  'dovecot.index.cache',
];

/** The mailbox list index at the Maildir root caches each folder's STATUS, UIDVALIDITY included. */
const LIST_INDEX_FILES = ['dovecot.list.index', 'dovecot.list.index.log', 'dovecot.list.index.log.2'];

/**
 * Forgets the folder's UIDs while keeping its message files (and their flags, which live in the
 * file names). Dovecot then treats the folder as new: it takes the next value from the root's
 * dovecot-uidvalidity file, which only ever increases, and renumbers the messages from UID 1.
 * Run only while no session of the user is open, or a live session rewrites the old state.
 */
export async function forgetFolderUids(maildirRoot: string, folderDir: string): Promise<void> {
  for (const name of FOLDER_INDEX_FILES) await rm(path.join(folderDir, name), { force: true });
  for (const name of LIST_INDEX_FILES) await rm(path.join(maildirRoot, name), { force: true });
}
