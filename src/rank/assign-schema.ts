/**
 * Assignment rules as written in the config: who gets a new lead, by country/region, product,
 * source; a team shares leads round-robin; a buyer or company keeps its salesperson.
 */
import { z } from 'zod';
import { INQUIRY_KINDS } from '../domain/types.ts';
import { isKnownCountry, REGION_NAMES } from './regions.ts';

const userId = z.string().min(1, { error: 'must be a salesperson id, e.g. lily' });

const country = z
  .string()
  .refine(isKnownCountry, {
    error: (issue) => `'${String(issue.input)}' is not an ISO country code; write e.g. DE, US or AE`,
  })
  .transform((c) => c.toUpperCase());

const region = z.string().refine((r) => (REGION_NAMES as readonly string[]).includes(r.toUpperCase()), {
  error: (issue) => `'${String(issue.input)}' is not a region; use one of ${REGION_NAMES.join(', ')}`,
});

const source = z.string().refine((s) => (INQUIRY_KINDS as readonly string[]).includes(s), {
  error: (issue) =>
    `'${String(issue.input)}' is not an inquiry source; use one of ${INQUIRY_KINDS.join(', ')}`,
});

export const assignTargetSchema = z.union(
  [z.strictObject({ user: userId }), z.strictObject({ team: z.string().min(1) })],
  {
    error: "must name a user or a team; write e.g. { user: 'lily' } or { team: 'europe' }",
  },
);

export const assignRuleSchema = z.object({
  name: z.string().optional(),
  /** Every criterion given must match; within one criterion, any listed value matches. */
  when: z
    .object({
      countries: z.array(country).optional(),
      regions: z
        .array(region)
        .transform((rs) => rs.map((r) => r.toUpperCase()))
        .optional(),
      /** Keywords matched case-insensitively inside the inquiry's product names. */
      products: z.array(z.string().min(1)).optional(),
      sources: z.array(source).optional(),
      /** Platform names, case-insensitive (e.g. alibaba). */
      platforms: z.array(z.string().min(1)).optional(),
    })
    .prefault({}),
  assignTo: assignTargetSchema,
});

export const assignmentSchema = z
  .object({
    /** Team name -> member ids, in round-robin order. */
    teams: z
      .record(z.string(), z.array(userId).min(1, { error: 'a team needs at least one member' }))
      .default(() => ({})),
    rules: z.array(assignRuleSchema).default(() => []),
    /** Who gets a lead no rule matched; without it the lead waits in the shared pool. */
    fallback: assignTargetSchema.optional(),
    /** Users' rule: the same buyer or company stays with the same salesperson. */
    stickyOwner: z.boolean().default(true),
  })
  .superRefine((cfg, ctx) => {
    const teams = Object.keys(cfg.teams);
    const check = (target: z.output<typeof assignTargetSchema> | undefined, path: (string | number)[]) => {
      if (target === undefined || !('team' in target) || target.team in cfg.teams) return;
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'team'],
        message: `'${target.team}' is not a team; define it under teams${teams.length > 0 ? ` or use one of ${teams.join(', ')}` : ''}`,
      });
    };
    cfg.rules.forEach((rule, i) => {
      check(rule.assignTo, ['rules', i, 'assignTo']);
    });
    check(cfg.fallback, ['fallback']);
  });

export type AssignTarget = z.output<typeof assignTargetSchema>;
export type AssignRule = z.output<typeof assignRuleSchema>;
export type AssignmentRules = z.output<typeof assignmentSchema>;
export type AssignmentRulesInput = z.input<typeof assignmentSchema>;
