/**
 * The worker thread side of the understand pool: runs each batch it is sent through
 * understandBatch and answers with the outcomes. It lives between batches, so the start-up
 * (tsx, mailparser, the language models) is paid once per worker, not per batch.
 */
import { parentPort } from 'node:worker_threads';
import { describeError } from '../../errors.ts';
import type { UnderstandReply, UnderstandRequest } from './protocol.ts';
import { type StaticUnderstandContext, understandBatch } from './understand-batch.ts';

const port = parentPort;
if (!port) throw new Error('understand-worker.ts runs as a worker thread only');

// The contexts of the last few callers (see protocol.ts); a process has one or two at a time.
const contexts = new Map<number, StaticUnderstandContext>();
const KEEP = 4;

function knownContext(contextId: number, context: StaticUnderstandContext): StaticUnderstandContext {
  const known = contexts.get(contextId);
  if (known) return known;
  contexts.set(contextId, context);
  if (contexts.size > KEEP) contexts.delete(contexts.keys().next().value!);
  return context;
}

/**
 * One batch at a time, in the order they come. understandBatch awaits each parse (mailparser
 * is a stream), so handlers started as the messages arrive would interleave their batches mail
 * by mail: with three batches sent ahead, the first was done only when all three nearly were,
 * and the main thread, which applies batches in order, sat waiting for it while this thread
 * then sat waiting for new batches. In turn, each batch is answered as soon as it is done.
 */
const answer = async ({ id, contextId, input }: UnderstandRequest): Promise<void> => {
  let reply: UnderstandReply;
  try {
    reply = {
      id,
      outcomes: await understandBatch({ ...input, context: knownContext(contextId, input.context) }),
    };
  } catch (err) {
    reply = { id, error: describeError(err) };
  }
  try {
    port.postMessage(reply);
  } catch (err) {
    // An outcome structured clone cannot carry: the batch fails, the worker stays.
    const error = `the outcomes cannot be sent back: ${describeError(err)}`;
    try {
      port.postMessage({ id, error });
    } catch (again) {
      // Not even a string goes through: the caller would wait for this batch forever. Ending
      // the thread with an uncaught error makes the pool fail the batches it held with
      // WORKER_FAILED and start another worker, whatever --unhandled-rejections says.
      setImmediate(() => {
        throw new Error(`${error}, nor the error: ${describeError(again)}`);
      });
    }
  }
};

// answer() never rejects, so one batch cannot stop the chain for the ones behind it.
let queue: Promise<void> = Promise.resolve();
port.on('message', (request: UnderstandRequest) => {
  queue = queue.then(() => answer(request));
});
