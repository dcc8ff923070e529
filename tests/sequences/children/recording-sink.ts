/**
 * A recording SMTP server for the multi-process suites, whose clients are killed mid-session:
 * a reset connection is an expected event here, so it is counted instead of surfacing as an
 * unhandled 'error'. A message counts as received once its DATA is complete, before the 250 goes
 * out, as a real server's queue would have it.
 */
import { EventEmitter } from 'node:events';
import { SMTPServer } from 'smtp-server';

export interface RecordingSink {
  readonly host: string;
  readonly port: number;
  readonly messages: ReadonlyArray<{ raw: Buffer; messageId: string | null }>;
  /** Connections that ended with a socket error (the client was killed). */
  readonly resets: number;
  messageIds(): Set<string>;
  waitFor(count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRecordingSink(): Promise<RecordingSink> {
  const messages: Array<{ raw: Buffer; messageId: string | null }> = [];
  const events = new EventEmitter();
  let resets = 0;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.once('end', () => {
        const raw = Buffer.concat(chunks);
        const messageId = /^Message-ID: (<[^>]+>)/im.exec(raw.toString('latin1'))?.[1] ?? null;
        messages.push({ raw, messageId });
        events.emit('message');
        callback();
      });
    },
  });
  server.on('error', () => {
    resets += 1;
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('sink has no TCP address');
  return {
    host: '127.0.0.1',
    port: address.port,
    messages,
    get resets() {
      return resets;
    },
    messageIds: () => new Set(messages.map((m) => m.messageId).filter((id): id is string => id !== null)),
    waitFor(count, timeoutMs) {
      if (messages.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('message', check);
          reject(
            new Error(`sink: expected ${count} messages within ${timeoutMs} ms, got ${messages.length}`),
          );
        }, timeoutMs);
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          events.off('message', check);
          resolve();
        };
        events.on('message', check);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
