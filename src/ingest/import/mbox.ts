/**
 * Streams messages out of an mbox file (Thunderbird, Gmail Takeout, Apple Mail exports)
 * without loading the file into memory. A message starts at a "From " line at the start of the
 * file or after an empty line (RFC 4155); ">From " lines are unescaped the mboxrd way (one
 * '>' removed), which is also right for the mboxo files Thunderbird writes in practice.
 */
import { createReadStream } from 'node:fs';

const FROM = Buffer.from('From ');

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Where the content starts: after a UTF-8 byte order mark and blank lines, which some exporters write. */
export function contentStart(head: Buffer): number {
  let at = head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  while (
    at < head.length &&
    (head[at] === 0x0a || head[at] === 0x0d || head[at] === 0x20 || head[at] === 0x09)
  )
    at++;
  return at;
}

function unescapeLine(line: Buffer): Buffer {
  // ">From ", ">>From " ... lose one '>'.
  let i = 0;
  while (i < line.length && line[i] === 0x3e) i++;
  if (i > 0 && line.subarray(i, i + 5).equals(FROM)) return line.subarray(1);
  return line;
}

export async function* readMbox(path: string): AsyncGenerator<Buffer> {
  let current: Buffer[] = [];
  let started = false;
  let previousBlank = true;
  let rest = Buffer.alloc(0);
  const flush = (): Buffer | null => {
    if (!started || current.length === 0) return null;
    // The empty line before the next "From " belongs to the mbox format, not the message.
    let end = current.length;
    while (
      end > 0 &&
      (current[end - 1]!.length === 0 || (current[end - 1]!.length === 1 && current[end - 1]![0] === 0x0d))
    )
      end--;
    const parts = current.slice(0, end).flatMap((l) => [l, Buffer.from('\n')]);
    current = [];
    return Buffer.concat(parts);
  };
  const onLine = (line: Buffer): Buffer | null => {
    let out: Buffer | null = null;
    if (previousBlank && line.subarray(0, 5).equals(FROM)) {
      out = flush();
      started = true;
    } else if (started) {
      current.push(unescapeLine(line));
    }
    previousBlank = line.length === 0 || (line.length === 1 && line[0] === 0x0d);
    return out;
  };
  let first = true;
  for await (const chunk of createReadStream(path)) {
    let data = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
    if (first) {
      // A byte order mark or blank lines before the first "From " line.
      data = data.subarray(contentStart(data));
      first = false;
    }
    let nl = data.indexOf(0x0a);
    while (nl !== -1) {
      const msg = onLine(data.subarray(0, nl));
      if (msg) yield msg;
      data = data.subarray(nl + 1);
      nl = data.indexOf(0x0a);
    }
    rest = Buffer.from(data);
  }
  if (rest.length) {
    const msg = onLine(rest);
    if (msg) yield msg;
  }
  const last = flush();
  if (last) yield last;
}
