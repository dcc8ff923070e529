// The understand worker, plus a way to make it die: a batch holding a message whose bytes are
// exactly CRASH-EXIT ends the thread, CRASH-THROW throws outside any handler. The worker is
// loaded first so that its listener is there before any batch arrives.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import('../../../src/ingest/workers/understand-worker.ts');
parentPort.on('message', ({ input }) => {
  const texts = input.items.map((item) => new TextDecoder().decode(item.raw));
  if (texts.includes('CRASH-EXIT')) process.exit(7);
  if (texts.includes('CRASH-THROW')) {
    setImmediate(() => {
      throw new Error('boom in the worker');
    });
  }
});
