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

export function createProgress(
  label: string,
  log: Logger,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new (cliProgress().SingleBar)({
      format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`,
      stream,
      hideCursor: true,
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
        log.info({ label, done, total }, 'progress');
      }
    },
    stop: () => undefined,
  };
}
