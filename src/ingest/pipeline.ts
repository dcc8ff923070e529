/**
 * Runs the pure middle of the pipeline for one raw message: parse -> classify -> extract ->
 * rank. Each stage's failure becomes a StageError naming the stage, so the caller can
 * quarantine the message with the reason and carry on with the next one. The live processor
 * runs the first three for a whole batch, looks up the buyers' history once, then ranks.
 */
import { describeError, isTrademailError } from '../errors.ts';
import { understand } from '../understand/understand.ts';
import { classifyHeaders } from './stages/classify.ts';
import { parseStage } from './stages/parse.ts';
import { type RankContext, rankStage } from './stages/rank.ts';
import {
  type PipelineContext,
  type ProcessedMessage,
  StageError,
  type StageName,
  type UnderstoodMessage,
} from './stages/types.ts';

async function stage<T>(name: StageName, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StageError) throw err;
    const code = isTrademailError(err)
      ? err.code
      : name === 'parse'
        ? 'PARSE_FAILED'
        : name === 'classify'
          ? 'CLASSIFY_FAILED'
          : name === 'rank'
            ? 'RANK_FAILED'
            : 'EXTRACT_FAILED';
    throw new StageError(name, code, `${name}: ${describeError(err)}`, err);
  }
}

export async function understandMessage(raw: Buffer, ctx: PipelineContext): Promise<UnderstoodMessage> {
  const mail = await stage('parse', () => parseStage(raw));
  const header = await stage('classify', () => classifyHeaders(mail, ctx));
  const understanding = await stage('extract', () =>
    understand(mail, { ...ctx.understand, mailboxRole: ctx.mailboxRole ?? ctx.understand.mailboxRole }),
  );
  return { mail, header, understanding };
}

export async function rankMessage(m: UnderstoodMessage, rank: RankContext): Promise<ProcessedMessage> {
  const priority = await stage('rank', () => rankStage(m.understanding, rank));
  return { ...m, priority };
}

export async function runPureStages(
  raw: Buffer,
  ctx: PipelineContext,
  rank: RankContext,
): Promise<ProcessedMessage> {
  return rankMessage(await understandMessage(raw, ctx), rank);
}
