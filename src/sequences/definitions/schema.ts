import { z } from 'zod';
import type { CustomerTier, Grade } from '../../domain/types.ts';
import type { Delay } from '../timing/delay.ts';

/** Longest wait a single step may ask for; beyond this a sequence is a reminder system, not a cadence. */
export const MAX_DELAY_DAYS = 365;

export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** The conditions under which a step is sent; a step without a condition always applies. */
export interface StepCondition {
  /** Send only to leads with one of these grades (not-yet-won buyers). */
  grade: Grade[] | null;
  /** Send only to customers of one of these tiers. */
  tier: CustomerTier[] | null;
  /** Send only if the lead has not replied since the previous step was sent. */
  noReplySinceStep: boolean;
}

export interface SequenceStepDefinition {
  id: string;
  /** Wait after the previous step was sent (after enrollment, for the first step). */
  delay: Delay;
  template: string;
  condition: StepCondition | null;
}

export interface SequenceDefinition {
  name: string;
  description: string;
  stopOn: {
    /** Stop when the lead replies. */
    reply: boolean;
    /** Stop when anyone from the lead's company replies (`company_reply` in YAML). */
    companyReply: boolean;
  };
  /** An enrollment older than this ends even if steps remain. */
  maxAgeDays: number;
  steps: SequenceStepDefinition[];
  /** The file the definition was read from. */
  source: string;
}

const wholeNumber = z.number().int().min(0);

const delaySchema = z
  .strictObject({
    minDays: wholeNumber.optional(),
    maxDays: wholeNumber.optional(),
    minHours: wholeNumber.optional(),
    maxHours: wholeNumber.optional(),
  })
  .superRefine((d, ctx) => {
    const days = d.minDays !== undefined || d.maxDays !== undefined;
    const hours = d.minHours !== undefined || d.maxHours !== undefined;
    const complete =
      (days && !hours && d.minDays !== undefined && d.maxDays !== undefined) ||
      (hours && !days && d.minHours !== undefined && d.maxHours !== undefined);
    if (!complete) {
      ctx.addIssue({ code: 'custom', message: 'needs either minDays and maxDays, or minHours and maxHours' });
      return;
    }
    const [min, max, unit] =
      d.minDays !== undefined ? [d.minDays, d.maxDays!, 'Days'] : [d.minHours!, d.maxHours!, 'Hours'];
    if (min > max) {
      ctx.addIssue({
        code: 'custom',
        path: [`min${unit}`],
        message: `min${unit} (${min}) is above max${unit} (${max})`,
      });
    }
    const limit = unit === 'Days' ? MAX_DELAY_DAYS : MAX_DELAY_DAYS * 24;
    if (max > limit) {
      ctx.addIssue({ code: 'custom', path: [`max${unit}`], message: `max${unit} (${max}) is over ${limit}` });
    }
  });

const conditionSchema = z.strictObject({
  grade: z
    .array(z.enum(['A', 'B', 'C', 'D']))
    .min(1)
    .optional(),
  tier: z
    .array(z.enum(['A', 'B', 'C']))
    .min(1)
    .optional(),
  noReplySinceStep: z.literal(true).optional(),
});

const stepSchema = z.strictObject({
  id: z.string().regex(NAME_PATTERN),
  delay: delaySchema,
  template: z.string().regex(NAME_PATTERN),
  condition: conditionSchema.optional(),
});

export const sequenceFileSchema = z.strictObject({
  name: z.string().regex(NAME_PATTERN),
  description: z.string().optional(),
  stopOn: z.strictObject({ reply: z.boolean(), company_reply: z.boolean() }).optional(),
  maxAgeDays: z.number().int().min(1),
  steps: z.array(stepSchema).min(1),
});

export type SequenceFile = z.infer<typeof sequenceFileSchema>;

function toDelay(d: z.infer<typeof delaySchema>): Delay {
  return d.minDays !== undefined
    ? { minDays: d.minDays, maxDays: d.maxDays! }
    : { minHours: d.minHours!, maxHours: d.maxHours! };
}

/** The typed definition of a parsed file (stopOn defaults to stopping on any reply). */
export function toDefinition(file: SequenceFile, source: string): SequenceDefinition {
  return {
    name: file.name,
    description: file.description ?? '',
    stopOn: { reply: file.stopOn?.reply ?? true, companyReply: file.stopOn?.company_reply ?? true },
    maxAgeDays: file.maxAgeDays,
    steps: file.steps.map((s) => ({
      id: s.id,
      delay: toDelay(s.delay),
      template: s.template,
      condition:
        s.condition === undefined
          ? null
          : {
              grade: s.condition.grade ?? null,
              tier: s.condition.tier ?? null,
              noReplySinceStep: s.condition.noReplySinceStep ?? false,
            },
    })),
    source,
  };
}
