/**
 * Progress where there is no terminal (systemd, CI, a pipe): a log line every few seconds and
 * one at the end. An import counts bytes, since an mbox file says nothing of how many
 * messages it holds; those lines are in MB.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.ts';
import { createLogger } from '../../../src/log/logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const stream = Object.assign(new Writable({ write: (_c, _e, done) => done() }), { isTTY: false });
  return {
    lines,
    log: createLogger({ level: 'info', destination }),
    stream: stream as unknown as NodeJS.WriteStream,
  };
}

describe('progress without a terminal', () => {
  it('logs bytes as MB, the first update and the last', async () => {
    const { lines, log, stream } = capture();
    const progress = createProgress('import', log, { unit: 'bytes', stream });
    progress.update(0, 8 * 2 ** 20);
    progress.update(3 * 2 ** 20, 8 * 2 ** 20); // within five seconds of the first: not logged
    progress.update(8 * 2 ** 20, 8 * 2 ** 20);
    await new Promise((r) => setImmediate(r));
    expect(lines.map(({ label, mb, totalMb, done }) => ({ label, mb, totalMb, done }))).toEqual([
      { label: 'import', mb: '0.0', totalMb: '8.0', done: undefined },
      { label: 'import', mb: '8.0', totalMb: '8.0', done: undefined },
    ]);
  });

  it('logs messages as counts by default', async () => {
    const { lines, log, stream } = capture();
    const progress = createProgress('sales/INBOX', log, { stream });
    progress.update(0, 250);
    progress.update(250, 250);
    await new Promise((r) => setImmediate(r));
    expect(lines.map(({ done, total }) => [done, total])).toEqual([
      [0, 250],
      [250, 250],
    ]);
  });
});
