/**
 * The stage contract of the ingest pipeline: fetch -> parse -> classify -> extract -> rank ->
 * store. Fetch and store do I/O; parse, classify, extract and rank are pure (plain data in and
 * out, the clock and every look-up passed in), so they run the same on a live mailbox, an
 * import, `trademail parse`, and in tests.
 */
import type { MailboxRole } from '../../domain/types.ts';
import { describeError, type ErrorCode, isTrademailError, TrademailError } from '../../errors.ts';
import type { RankResult } from '../../rank/priority.ts';
import type { UnderstandContext } from '../../understand/context.ts';
import type { Understanding } from '../../understand/understand.ts';
import type { ParsedMail } from '../mail.ts';

export const STAGES = ['parse', 'classify', 'extract', 'rank', 'store'] as const;
export type StageName = (typeof STAGES)[number];

/** The header-level verdict (RFC 3464 DSN, RFC 3834 auto-reply, threading, our own domains). */
export type HeaderKind = 'bounce' | 'auto_reply' | 'reply' | 'bcc_outbound' | 'inbound';

export interface HeaderClassification {
  kind: HeaderKind;
  /** the Message-ID of ours this mail answers, from In-Reply-To or References */
  inReplyTo: string | null;
  reason: string;
}

export interface PipelineContext {
  now: Date;
  mailboxRole: MailboxRole | null;
  understand: UnderstandContext;
}

/** What parse, classify and extract found; rank adds the priority. */
export interface UnderstoodMessage {
  mail: ParsedMail;
  header: HeaderClassification;
  understanding: Understanding;
}

export interface ProcessedMessage extends UnderstoodMessage {
  /** Score, tier, SLA hours and reasons of an inquiry; null for every other kind. */
  priority: RankResult | null;
}

/** A failure inside a stage: the pipeline runner quarantines the message with these. */
export class StageError extends TrademailError {
  readonly stage: StageName;
  constructor(stage: StageName, code: ErrorCode, message: string, cause?: unknown) {
    super(code, message, { cause });
    this.stage = stage;
  }
}

const FAILED: Record<StageName, ErrorCode> = {
  parse: 'PARSE_FAILED',
  classify: 'CLASSIFY_FAILED',
  extract: 'EXTRACT_FAILED',
  rank: 'RANK_FAILED',
  store: 'STORE_FAILED',
};

/** Runs one stage; any failure comes out as a StageError naming the stage. */
export async function runStage<T>(name: StageName, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StageError) throw err;
    const code = isTrademailError(err) ? err.code : FAILED[name];
    throw new StageError(name, code, `${name}: ${describeError(err)}`, err);
  }
}
