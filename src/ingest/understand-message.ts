/**
 * The understanding part of the pipeline's pure middle for one raw message: parse -> classify
 * -> extract. Each stage's failure becomes a StageError naming the stage, so the caller can
 * quarantine the message with the reason and carry on with the next one.
 *
 * Apart from pipeline.ts (which adds rank) because the understanding worker loads this module
 * and nothing of ranking: the ranking's config schema would bring zod into every worker, about
 * 9 MB of resident memory each.
 */
import { understand } from '../understand/understand.ts';
import { classifyHeaders } from './stages/classify.ts';
import { parseStage } from './stages/parse.ts';
import { type PipelineContext, runStage, type UnderstoodMessage } from './stages/types.ts';

export async function understandMessage(raw: Buffer, ctx: PipelineContext): Promise<UnderstoodMessage> {
  const mail = await runStage('parse', () => parseStage(raw));
  const header = await runStage('classify', () => classifyHeaders(mail, ctx));
  const understanding = await runStage('extract', () =>
    understand(mail, { ...ctx.understand, mailboxRole: ctx.mailboxRole ?? ctx.understand.mailboxRole }),
  );
  return { mail, header, understanding };
}
