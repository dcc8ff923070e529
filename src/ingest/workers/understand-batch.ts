/**
 * The understanding part of the pipeline (parse -> classify -> extract) for a batch, as one
 * pure function of plain data: the config-derived context without its look-up functions, the
 * batch's look-up data, and the raw bytes. Plain data in and out is what lets the batch run
 * in a worker thread (structured clone carries no functions and no classes); the inline pool
 * runs the very same function, so both give the same outcomes.
 */
import type { MailboxRole } from '../../domain/types.ts';
import { describeError, type ErrorCode, isTrademailError } from '../../errors.ts';
import type { UnderstandContext } from '../../understand/context.ts';
import { type LookupData, type Lookups, lookupsFrom, pipelineContext } from '../context.ts';
import type { ParsedMail } from '../mail.ts';
import { StageError, type StageName, type UnderstoodMessage } from '../stages/types.ts';
import { understandMessage } from '../understand-message.ts';

/** staticUnderstandContext(config) without the look-up stubs, which structured clone rejects. */
export type StaticUnderstandContext = Omit<UnderstandContext, keyof Lookups>;

export interface UnderstandItem {
  raw: Uint8Array;
  role: MailboxRole | null;
  /** The clock for this message, as processor.ts reads it per message. */
  now: Date;
}

export interface UnderstandBatchInput {
  context: StaticUnderstandContext;
  lookups: LookupData;
  items: UnderstandItem[];
}

export type UnderstandOutcome =
  | { ok: true; message: UnderstoodMessage }
  /** `message` is describeError(err): what the quarantine row stores. */
  | { ok: false; stage: StageName; code: ErrorCode; message: string };

export type UnderstandFailure = Extract<UnderstandOutcome, { ok: false }>;

/** Drops the look-up functions, so a full UnderstandContext can be passed where data must be. */
export function staticPart(ctx: StaticUnderstandContext | UnderstandContext): StaticUnderstandContext {
  const { isOurMessageId: _ours, findSentThread: _sent, ...data } = ctx as UnderstandContext;
  return data;
}

/** A view of the same bytes as a Buffer (no copy): the stages take Buffers. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function failure(err: unknown): UnderstandFailure {
  // understandMessage wraps every failure in a StageError; the fallbacks are processor.ts's own.
  return {
    ok: false,
    stage: err instanceof StageError ? err.stage : 'parse',
    code: isTrademailError(err) ? err.code : 'STORE_FAILED',
    message: describeError(err),
  };
}

/** The error processor.ts quarantines with, rebuilt from a failed outcome. */
export function failureError(outcome: UnderstandFailure): StageError {
  return new StageError(outcome.stage, outcome.code, outcome.message);
}

export async function understandBatch(input: UnderstandBatchInput): Promise<UnderstandOutcome[]> {
  const lookups = lookupsFrom(input.lookups);
  const base: UnderstandContext = { ...input.context, ...lookups };
  const outcomes: UnderstandOutcome[] = [];
  for (const item of input.items) {
    const ctx = pipelineContext(base, lookups, item.role, item.now);
    try {
      outcomes.push({ ok: true, message: await understandMessage(asBuffer(item.raw), ctx) });
    } catch (err) {
      outcomes.push(failure(err));
    }
  }
  return outcomes;
}

/**
 * Structured clone turns the Buffers of attachment content into plain Uint8Arrays; the rest of
 * the pipeline expects Buffers (forwarded-as-attachment unwrapping calls Buffer methods).
 */
export function restoreBuffers(outcomes: UnderstandOutcome[]): UnderstandOutcome[] {
  for (const o of outcomes) if (o.ok) restoreMail(o.message.mail);
  return outcomes;
}

function restoreMail(mail: ParsedMail): void {
  for (const a of mail.attachments) if (a.content !== null) a.content = asBuffer(a.content);
}
