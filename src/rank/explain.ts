/** Renders a ranking on one line for a queue view. */
import type { RankResult } from './priority.ts';

export interface ExplainOptions {
  /** Reasons shown before "+N more" (default 3). */
  readonly maxReasons?: number;
  /** Hard cap on the line's length in characters, ellipsis included (default none). */
  readonly maxLength?: number;
}

/** "P1 82 (2 h) · Asked for samples (grade A): +75 · Company email domain (acme.de): +4 · +3 more" */
export function explainLine(
  result: Pick<RankResult, 'tier' | 'score' | 'slaHours' | 'reasons'>,
  options: ExplainOptions = {},
): string {
  const max = Math.max(0, options.maxReasons ?? 3);
  const shown = result.reasons.slice(0, max).map((r) => r.replace(/\s+/g, ' ').trim());
  const hidden = result.reasons.length - shown.length;
  const parts = [`${result.tier} ${result.score} (${result.slaHours} h)`, ...shown];
  if (hidden > 0) parts.push(`+${hidden} more`);
  const line = parts.join(' · ');
  const limit = options.maxLength;
  if (limit === undefined || line.length <= limit) return line;
  return `${line.slice(0, Math.max(0, limit - 1)).trimEnd()}…`;
}
