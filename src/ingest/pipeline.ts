/**
 * Runs the pure middle of the pipeline for one raw message: parse -> classify -> extract
 * (understand-message.ts) -> rank. Each stage's failure becomes a StageError naming the stage,
 * so the caller can quarantine the message with the reason and carry on with the next one.
 * The live processor runs the first three for a whole batch, looks up the buyers' history
 * once, then ranks.
 */
import { type RankContext, rankStage } from './stages/rank.ts';
import {
  type PipelineContext,
  type ProcessedMessage,
  runStage,
  type UnderstoodMessage,
} from './stages/types.ts';
import { understandMessage } from './understand-message.ts';

export async function rankMessage(m: UnderstoodMessage, rank: RankContext): Promise<ProcessedMessage> {
  const priority = await runStage('rank', () => rankStage(m.understanding, rank));
  return { ...m, priority };
}

export async function runPureStages(
  raw: Buffer,
  ctx: PipelineContext,
  rank: RankContext,
): Promise<ProcessedMessage> {
  return rankMessage(await understandMessage(raw, ctx), rank);
}
