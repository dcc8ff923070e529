/**
 * Runs the pure middle of the pipeline for one raw message: parse -> classify -> extract.
 * Each stage's failure becomes a StageError naming the stage, so the caller can quarantine the
 * message with the reason and carry on with the next one.
 */
import { describeError, isTrademailError } from '../errors.ts';
import { understand } from '../understand/understand.ts';
import { classifyHeaders } from './stages/classify.ts';
import { parseStage } from './stages/parse.ts';
import { type PipelineContext, type ProcessedMessage, StageError, type StageName } from './stages/types.ts';

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
          : 'EXTRACT_FAILED';
    throw new StageError(name, code, `${name}: ${describeError(err)}`, err);
  }
}

export async function runPureStages(raw: Buffer, ctx: PipelineContext): Promise<ProcessedMessage> {
  const mail = await stage('parse', () => parseStage(raw));
  const header = await stage('classify', () => classifyHeaders(mail, ctx));
  const understanding = await stage('extract', () =>
    understand(mail, { ...ctx.understand, mailboxRole: ctx.mailboxRole ?? ctx.understand.mailboxRole }),
  );
  return { mail, header, understanding };
}
