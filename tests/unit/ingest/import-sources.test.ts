/**
 * What `trademail import` finds in a path and how it splits files into messages, on real files
 * as exporters write them: a byte order mark or blank lines before the first "From " line,
 * empty files, Apple Mail's `Name.mbox/mbox` folders, and files that cannot be read.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, readMessages } from '../../../src/ingest/import/sources.ts';

const message = (n: number) =>
  `From: Buyer ${n} <buyer${n}@importer.example>\nTo: sales@brightlux-lighting.com\nSubject: Inquiry ${n}\nMessage-ID: <m${n}@importer.example>\n\nPlease quote ${n},000 pcs.\n`;
const mbox = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `From buyer${i}@importer.example Thu Jan  1 00:00:00 2026\n${message(i)}\n`,
  ).join('');

async function messagesIn(file: string): Promise<string[]> {
  const out: string[] = [];
  for await (const raw of readMessages(file)) out.push(raw.toString('utf8'));
  return out;
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'tm-sources-'));
}

describe('import sources', () => {
  it('splits an mbox that starts with a byte order mark or blank lines into all its messages', async () => {
    const dir = folder();
    writeFileSync(
      join(dir, 'bom.mbox'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mbox(3))]),
    );
    writeFileSync(join(dir, 'blank.mbox'), `\r\n\n${mbox(2)}`);
    const bom = await messagesIn(join(dir, 'bom.mbox'));
    expect(bom).toHaveLength(3);
    expect(bom[0]!.startsWith('From: Buyer 0')).toBe(true);
    expect(bom[2]).toBe(message(2));
    const blank = await messagesIn(join(dir, 'blank.mbox'));
    expect(blank.map((m) => m.split('\n')[0])).toEqual([
      'From: Buyer 0 <buyer0@importer.example>',
      'From: Buyer 1 <buyer1@importer.example>',
    ]);
  });

  it('reads no message from an empty file, and a whole .eml as one message', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'empty.mbox'), '');
    writeFileSync(join(dir, 'blank.eml'), '\n\r\n  \n');
    writeFileSync(join(dir, 'one.eml'), message(7));
    expect(await messagesIn(join(dir, 'empty.mbox'))).toEqual([]);
    expect(await messagesIn(join(dir, 'blank.eml'))).toEqual([]);
    expect(await messagesIn(join(dir, 'one.eml'))).toEqual([message(7)]);
  });

  it("finds Apple Mail's Name.mbox/mbox files and skips what is not mail", () => {
    const dir = folder();
    mkdirSync(join(dir, 'Inbox.mbox'));
    writeFileSync(join(dir, 'Inbox.mbox', 'mbox'), mbox(1));
    writeFileSync(join(dir, 'Inbox.mbox', 'Info.plist'), '<plist/>');
    writeFileSync(join(dir, 'notes.txt'), 'not mail');
    writeFileSync(join(dir, 'a.eml'), message(1));
    expect(importFiles(dir)).toEqual([join(dir, 'a.eml'), join(dir, 'Inbox.mbox', 'mbox')]);
  });

  it('refuses, before importing anything, a folder with a file it cannot read, and names it', () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.eml'), message(1));
    symlinkSync(join(dir, 'gone.eml'), join(dir, 'b.eml'));
    expect(() => importFiles(dir)).toThrowError(
      expect.objectContaining({
        code: 'IMPORT_SOURCE',
        message: expect.stringMatching(
          /^1 of 2 files cannot be read: .*b\.eml\. Fix: .*nothing was imported/,
        ),
      }),
    );
  });
});
