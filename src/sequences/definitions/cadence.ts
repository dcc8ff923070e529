import type { CustomerTier, Grade } from '../../domain/types.ts';
import { delayRangeMs } from '../timing/delay.ts';
import type { SequenceDefinition, StepCondition } from './schema.ts';

const DAY_MS = 86_400_000;

export interface CumulativeStep {
  id: string;
  /** Earliest and latest day after enrollment the step is planned for, before window shifts. */
  fromDay: number;
  toDay: number;
}

/**
 * Where each step falls counted from enrollment, assuming every step is sent. Delays in a file count
 * from the previous step; this is the view the users' handbook speaks in ("day 5-7").
 */
export function cumulativeSchedule(definition: Pick<SequenceDefinition, 'steps'>): CumulativeStep[] {
  let min = 0;
  let max = 0;
  return definition.steps.map((s) => {
    const r = delayRangeMs(s.delay);
    min += r.minMs;
    max += r.maxMs;
    return { id: s.id, fromDay: min / DAY_MS, toDay: max / DAY_MS };
  });
}

/** What a step's condition is tested against. */
export interface StepFacts {
  grade: Grade | null;
  tier: CustomerTier | null;
  /** The lead replied after the previous step of this enrollment was sent. */
  repliedSincePreviousStep: boolean;
}

/** True when a step with this condition should be sent (an unknown grade or tier never matches a list). */
export function conditionMet(condition: StepCondition | null, facts: StepFacts): boolean {
  if (condition === null) return true;
  if (condition.grade !== null && (facts.grade === null || !condition.grade.includes(facts.grade)))
    return false;
  if (condition.tier !== null && (facts.tier === null || !condition.tier.includes(facts.tier))) return false;
  if (condition.noReplySinceStep && facts.repliedSincePreviousStep) return false;
  return true;
}
