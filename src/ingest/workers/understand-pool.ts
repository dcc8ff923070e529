/**
 * A pool of worker threads that run the understanding part of the pipeline (parse ->
 * classify -> extract) for batches, so the main thread can fetch and store meanwhile.
 *
 * A batch is split into one contiguous slice per worker (at most `size` slices) and the
 * outcomes are joined back in order: the processor needs the whole batch understood before it
 * ranks (the buyers' history is read once per batch), so what counts is how soon one batch is
 * done, and a whole batch on one worker would leave the others idle. Each slice goes to the
 * least busy worker.
 *
 * `size: 0` (sync.workers' default) runs understandBatch inline on the calling thread. A
 * worker that dies (uncaught error, exit, out of memory) fails the batches it held with
 * WORKER_FAILED and is replaced when the next batch comes; nothing waits forever.
 */
import { Worker } from 'node:worker_threads';
import { describeError, TrademailError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { UNDERSTAND_WORKER_ENTRY } from '../../paths.ts';
import type { UnderstandReply, UnderstandRequest } from './protocol.ts';
import { pack, split } from './slices.ts';
import {
  restoreBuffers,
  staticPart,
  type UnderstandBatchInput,
  type UnderstandItem,
  type UnderstandOutcome,
  understandBatch,
} from './understand-batch.ts';

export interface UnderstandPool {
  readonly size: number;
  /**
   * Outcomes in the order of `input.items`. The caller's raw buffers are copied, never
   * detached. The context may be the full staticUnderstandContext(config): its look-up stubs
   * are dropped here. Pass the same context object for every batch and do not change it: the
   * workers keep their copy of it by identity (see protocol.ts).
   */
  understand(input: UnderstandBatchInput): Promise<UnderstandOutcome[]>;
  /** Terminates the workers; batches still pending fail with WORKER_FAILED. */
  close(): Promise<void>;
}

export interface UnderstandPoolOptions {
  /** Worker threads; 0 runs inline. */
  size: number;
  logger?: Logger;
  /** The worker's entry module. Tests pass one that can be made to crash. */
  workerEntry?: URL;
}

interface Job {
  resolve: (outcomes: UnderstandOutcome[]) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  gone: boolean;
}

/**
 * Each worker's young generation, in MB: a semi-space of 4 MB (V8 sizes the young generation
 * at three semi-spaces). bin/heap.js holds the main thread's semi-space at 8 MB through V8's
 * growth factor, but that flag is one per process and set after the main thread's collections,
 * so a worker's semi-space grew to V8's 16 MB (32 MB resident with its copy). A worker's own
 * limit is a hard cap. Measured with `sync --once` on 10,000 varied inquiries and one worker,
 * three interleaved rounds: peak RSS 288-293 MB against 313-323 MB without it, at the same
 * speed (1,102-1,137 against 1,102-1,210 msg/s); 6 and 24 MB gave 297-299 and 299-307 MB.
 *
 * Since bin/heap.js also sets the growth factor when a worker starts, a worker's semi-space in
 * fact stays at V8's 1 MB start (the factor is 1 once the main thread is at its cap): a
 * 10,000-message sync scavenged 1,701 times in the worker. Starting it larger
 * (--min-semi-space-size 2, 4 or 8 before the worker is created) cut that to 427 at 4 MB, but
 * the scavenges' total time only from 1.0 to 0.7 s, since each copies the same live batch;
 * two interleaved rounds were no faster beyond noise (5 KB mail 729-748 msg/s against 705-714
 * at 1 MB, short mail mixed) and peaked up to 15 MB higher. So it is left at 1 MB.
 */
export const WORKER_YOUNG_GENERATION_MB = 12;

function closedError(): TrademailError {
  return new TrademailError('WORKER_FAILED', 'the understand pool is closed');
}

export function createUnderstandPool(options: UnderstandPoolOptions): UnderstandPool {
  const size = Math.max(0, Math.floor(options.size));
  let closed = false;
  if (size === 0) {
    return {
      size,
      understand: async (input) => {
        if (closed) throw closedError();
        return understandBatch({ ...input, context: staticPart(input.context) });
      },
      close: async () => {
        closed = true;
      },
    };
  }

  const entry = options.workerEntry ?? UNDERSTAND_WORKER_ENTRY;
  const slots: (Slot | null)[] = Array.from({ length: size }, () => null);
  let nextId = 1;
  const contextIds = new WeakMap<object, number>();
  let nextContextId = 1;
  const contextId = (context: object): number => {
    const known = contextIds.get(context) ?? nextContextId++;
    contextIds.set(context, known);
    return known;
  };

  const lose = (index: number, slot: Slot, reason: string, cause?: unknown): void => {
    if (slot.gone) return;
    slot.gone = true;
    if (slots[index] === slot) slots[index] = null;
    const pending = [...slot.jobs.values()];
    slot.jobs.clear();
    const message = closed
      ? 'the understand pool was closed with batches pending'
      : `understand worker ${index} ${reason}; ${pending.length} batch(es) lost, it is replaced for the next batch`;
    if (!closed) options.logger?.warn({ worker: index, pending: pending.length, err: reason }, message);
    for (const job of pending) job.reject(new TrademailError('WORKER_FAILED', message, { cause }));
    // An error or a bad message leaves the thread in an unknown state: make sure it ends.
    void slot.worker.terminate();
  };

  const spawn = (index: number): Slot => {
    const slot: Slot = {
      worker: new Worker(entry, {
        name: `understand-${index}`,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      }),
      jobs: new Map(),
      gone: false,
    };
    // An idle worker must not keep the process alive; a busy one does, until it answers.
    slot.worker.unref();
    slot.worker.on('message', (reply: UnderstandReply) => {
      const job = slot.jobs.get(reply.id);
      if (!job) return;
      slot.jobs.delete(reply.id);
      if (slot.jobs.size === 0) slot.worker.unref();
      if ('error' in reply)
        job.reject(new TrademailError('WORKER_FAILED', `understand worker: ${reply.error}`));
      else job.resolve(restoreBuffers(reply.outcomes));
    });
    slot.worker.on('error', (err) => lose(index, slot, `failed: ${describeError(err)}`, err));
    slot.worker.on('messageerror', (err) => lose(index, slot, `sent a message that could not be read`, err));
    slot.worker.on('exit', (code) => lose(index, slot, `exited with code ${code}`));
    slots[index] = slot;
    return slot;
  };

  // Least busy; among equals, the one after the last chosen, so idle workers take turns.
  let last = -1;
  const pick = (): Slot => {
    let best = -1;
    for (let k = 1; k <= size; k++) {
      const i = (last + k) % size;
      const load = slots[i]?.jobs.size ?? 0;
      if (best < 0 || load < (slots[best]?.jobs.size ?? 0)) best = i;
    }
    last = best;
    return slots[best] ?? spawn(best);
  };

  const run = (input: UnderstandBatchInput, items: UnderstandItem[]) =>
    new Promise<UnderstandOutcome[]>((resolve, reject) => {
      const slot = pick();
      const id = nextId++;
      const { packed, buffer } = pack(items);
      const request: UnderstandRequest = {
        id,
        contextId: contextId(input.context),
        input: { context: staticPart(input.context), lookups: input.lookups, items: packed },
      };
      slot.jobs.set(id, { resolve, reject });
      slot.worker.ref();
      try {
        slot.worker.postMessage(request, [buffer]);
      } catch (err) {
        slot.jobs.delete(id);
        if (slot.jobs.size === 0) slot.worker.unref();
        reject(
          new TrademailError('WORKER_FAILED', `the batch cannot be sent to a worker: ${describeError(err)}`, {
            cause: err,
          }),
        );
      }
    });

  for (let i = 0; i < size; i++) spawn(i);

  return {
    size,
    understand: async (input) => {
      if (closed) throw closedError();
      if (input.items.length === 0) return [];
      const slices = split(input.items, Math.min(size, input.items.length));
      return (await Promise.all(slices.map((items) => run(input, items)))).flat();
    },
    close: async () => {
      closed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}
