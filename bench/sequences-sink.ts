/**
 * The SMTP sink for bench/sequences-send.ts, in its own process so the sender being measured
 * has the CPU to itself: accepts everything, keeps only a count, reports its port and the count
 * over IPC. argv[2]: milliseconds to wait before answering the end of DATA, to stand in for a
 * remote server (network round trips, its own queue write). Run by the benchmark; not useful alone.
 */
import { SMTPServer } from 'smtp-server';

const delayMs = Number(process.argv[2] ?? 0);
let received = 0;
const server = new SMTPServer({
  logger: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.once('end', () => {
      received += 1;
      if (delayMs > 0) setTimeout(callback, delayMs);
      else callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.send?.({ type: 'port', port: typeof address === 'object' && address !== null ? address.port : 0 });
});
process.on('message', (m: { type: string }) => {
  if (m.type === 'count') process.send?.({ type: 'count', count: received });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
