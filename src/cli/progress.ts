/**
 * Progress for long runs: a bar on a terminal, a log line every few seconds otherwise (CI,
 * systemd, pipes), so backfills of years of mail never look hung.
 */
import { cliProgress } from '../lazy-packages.ts';
import type { Logger } from '../log/logger.ts';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

export interface ProgressOptions {
  /** What is counted: messages (the default), or bytes, shown in MB. */
  unit?: 'messages' | 'bytes';
  stream?: NodeJS.WriteStream;
}

const inMb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)}`;

export function createProgress(label: string, log: Logger, options: ProgressOptions = {}): Progress {
  const { unit = 'messages', stream = process.stderr } = options;
  if (stream.isTTY) {
    const bar = new (cliProgress().SingleBar)({
      format: `${label} [{bar}] {value}/{total}${unit === 'bytes' ? ' MB' : ''} {percentage}% eta {eta_formatted}`,
      stream,
      hideCursor: true,
      formatValue: (value: number, _options: unknown, type: string) =>
        unit === 'bytes' && (type === 'value' || type === 'total') ? inMb(value) : String(value),
    });
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total ?? done, done);
          started = true;
        }
        if (total !== undefined) bar.setTotal(Math.max(total, 1));
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last >= 5000 || (total !== undefined && done >= total)) {
        last = now;
        log.info(
          unit === 'bytes'
            ? { label, mb: inMb(done), totalMb: total && inMb(total) }
            : { label, done, total },
          'progress',
        );
      }
    },
    stop: () => undefined,
  };
}
