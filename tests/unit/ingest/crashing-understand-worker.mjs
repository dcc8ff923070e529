// The understand worker, plus a way to make it die: a batch holding a message whose bytes are
// exactly CRASH-EXIT ends the thread, CRASH-THROW throws outside any handler, and CRASH-POST
// makes every later postMessage throw, so the worker can send back neither the outcomes nor
// an error. The worker is loaded first so that its listener is there before any batch arrives;
// it answers only after this listener has run, since it answers from a promise chain.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import('../../../src/ingest/workers/understand-worker.ts');
const post = parentPort.postMessage.bind(parentPort);
let refuse = false;
parentPort.postMessage = (...args) => {
  if (refuse) throw new Error('the port refuses every message');
  return post(...args);
};
parentPort.on('message', ({ input }) => {
  const texts = input.items.map((item) => new TextDecoder().decode(item.raw));
  if (texts.includes('CRASH-EXIT')) process.exit(7);
  if (texts.includes('CRASH-POST')) refuse = true;
  if (texts.includes('CRASH-THROW')) {
    setImmediate(() => {
      throw new Error('boom in the worker');
    });
  }
});
