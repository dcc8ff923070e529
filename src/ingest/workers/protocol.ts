/**
 * The messages between the understand pool and its worker threads. A worker answers every
 * request with the same id, with outcomes or, when the batch itself could not be run, an error.
 *
 * `contextId` names the caller's context object: the worker keeps the first copy it got under
 * that id and uses it for later batches, because the extract stage caches its compiled
 * catalogue by object identity, and a fresh clone per batch would recompile it every batch
 * (about 15 ms for a 300-product catalogue).
 */
import type { UnderstandBatchInput, UnderstandOutcome } from './understand-batch.ts';

export interface UnderstandRequest {
  id: number;
  contextId: number;
  input: UnderstandBatchInput;
}

export type UnderstandReply = { id: number; outcomes: UnderstandOutcome[] } | { id: number; error: string };
