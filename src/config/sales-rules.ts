/**
 * Config sections for ranking and SLA clocks: working hours (company default, per salesperson
 * override), absences, ranking weights, assignment rules, the shared pool, known customers and
 * where internal notices are sent from. The rank module's own schemas validate each section; a
 * thin wrapper makes them strict, so a misspelt key is an error here too.
 */
import { z } from 'zod';
import { type AssignmentRules, assignmentSchema } from '../rank/assign.ts';
import { parseIsoDate, zonedToInstant } from '../rank/calendar/zone.ts';
import { poolRulesSchema } from '../rank/pool.ts';
import { rankingSchema } from '../rank/ranking-schema.ts';
import { type WorkingCalendar, workingCalendarSchema } from '../rank/working-hours.ts';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Paths of keys in `value` that `schema` does not know (zod's plain objects drop them silently). */
export function unknownKeyPaths(schema: z.ZodType, value: unknown, path: (string | number)[] = []) {
  const out: (string | number)[][] = [];
  const def = defOf(schema);
  const inner = def.innerType ?? def.in;
  if (inner !== undefined) return unknownKeyPaths(inner, value, path);
  if (value === null || typeof value !== 'object') return out;
  if (def.type === 'object' && def.shape !== undefined && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) {
      const child = def.shape[key];
      if (child === undefined) out.push([...path, key]);
      else out.push(...unknownKeyPaths(child, v, [...path, key]));
    }
  } else if (def.type === 'record' && def.valueType !== undefined) {
    for (const [key, v] of Object.entries(value))
      out.push(...unknownKeyPaths(def.valueType, v, [...path, key]));
  } else if (def.type === 'array' && def.element !== undefined && Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push(...unknownKeyPaths(def.element!, v, [...path, i]));
    });
  }
  return out;
}

/** A section validated by `schema`, refusing keys it does not know; absent means all defaults. */
function strictSection<S extends z.ZodType>(schema: S, forbidden: Record<string, string> = {}) {
  // The section's own schema reads the value as its input type once the keys are checked.
  const typed = schema as unknown as z.ZodType<z.output<S>, unknown>;
  return z
    .unknown()
    .superRefine((value, ctx) => {
      for (const path of unknownKeyPaths(schema, value)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `unknown setting '${String(path.at(-1))}'; check the spelling against trademail.example.yaml`,
        });
      }
      for (const [key, hint] of Object.entries(forbidden)) {
        if (value !== null && typeof value === 'object' && key in value) {
          ctx.addIssue({ code: 'custom', path: [key], message: hint });
        }
      }
    })
    .pipe(typed)
    .prefault({});
}

/** A working calendar as written, every field optional: a salesperson's override of the company's. */
export const calendarInputSchema = z.record(z.string(), z.unknown(), {
  error:
    "must be a working calendar; write e.g. { timeZone: Europe/Berlin, hours: { mon: ['09:00-18:00'] } }",
});

const isoDay = z.string().refine((s) => parseIsoDate(s) !== null, {
  error: (issue) => `'${String(issue.input)}' is not a date (YYYY-MM-DD); write e.g. 2026-05-01`,
});

/** Time away, as local dates of the salesperson, both days included. */
export const awaySchema = z
  .object({
    from: z.union([isoDay, z.date().transform((d) => d.toISOString().slice(0, 10))]),
    to: z.union([isoDay, z.date().transform((d) => d.toISOString().slice(0, 10))]),
    /** Colleague who takes the person's new and open inquiries meanwhile. */
    delegate: z.string().trim().toLowerCase().optional(),
  })
  .strict()
  .refine((a) => a.from <= a.to, {
    error: 'from must not be after to (both days are included)',
    path: ['to'],
  });

export const customerAccountSchema = z
  .object({
    /** The customer's mail domain: everyone writing from it is this customer. */
    domain: z.string().trim().toLowerCase().min(3).optional(),
    /** One buyer's address, for customers on free-mail (gmail.com, qq.com ...). */
    email: z.string().trim().toLowerCase().min(3).optional(),
    tier: z.enum(['A', 'B', 'C']).optional(),
    name: z.string().optional(),
  })
  .strict()
  .refine((c) => (c.domain === undefined) !== (c.email === undefined), {
    error: 'give exactly one of domain or email, e.g. { domain: acme-imports.de, tier: A }',
  });

export type CustomerAccount = z.output<typeof customerAccountSchema>;

export const customersSchema = z
  .object({
    /** Users' rule: a customer with no inquiry for 3 months gets a wake-up mail. */
    wakeUpAfterMonths: z.number().int().min(1).default(3),
    /** Existing customers known outside trademail; a tier here wins over the one from order data. */
    accounts: z.array(customerAccountSchema).default(() => []),
  })
  .strict();

export const notificationsSchema = z
  .object({
    /** Mailbox whose SMTP sends SLA reminders, escalations and pool warnings; default: the owner's. */
    mailbox: z.string().optional(),
    /**
     * Inquiries whose deadline passed longer ago than this get no mail (they stay in the queue):
     * a first backfill of months of history must not flood managers.
     */
    ignoreOlderThanDays: z.number().int().min(1).default(7),
  })
  .strict();

export const rankingSection = strictSection(rankingSchema, {
  targetMarkets: 'set the target markets once, in the top-level markets list',
  slaHours: 'set the SLA in sla.priorityHours (P1) and sla.standardHours (P2 and P3)',
});
export const assignmentSection = strictSection(assignmentSchema);
export const poolSection = strictSection(poolRulesSchema);
export const workingHoursSection = calendarInputSchema.optional();

/** Issues of a calendar, with their paths under `prefix`. */
export function calendarIssues(input: Record<string, unknown>) {
  const result = workingCalendarSchema.safeParse(input);
  return result.success ? [] : result.error.issues;
}

export function parseCalendar(input: Record<string, unknown>): WorkingCalendar {
  return workingCalendarSchema.parse(input);
}

/** Start and (exclusive) end instants of an absence in the person's time zone. */
export function awayInstants(away: { from: string; to: string }, timeZone: string): { from: Date; to: Date } {
  const from = parseIsoDate(away.from)!;
  const to = parseIsoDate(away.to)!;
  return {
    from: new Date(zonedToInstant(timeZone, from, 0)),
    to: new Date(zonedToInstant(timeZone, to, 1440)),
  };
}

/** Every user id an assignment section names (team members, rule and fallback targets). */
export function assignmentUsers(rules: AssignmentRules): { user: string; path: (string | number)[] }[] {
  const out: { user: string; path: (string | number)[] }[] = [];
  // Cross-field checks also run on a section that failed its own validation: read it warily.
  for (const [team, members] of Object.entries(rules.teams ?? {})) {
    if (!Array.isArray(members)) continue;
    members.forEach((user, i) => {
      out.push({ user, path: ['assignment', 'teams', team, i] });
    });
  }
  (Array.isArray(rules.rules) ? rules.rules : []).forEach((rule, i) => {
    if (typeof rule?.assignTo === 'object' && 'user' in rule.assignTo) {
      out.push({ user: rule.assignTo.user, path: ['assignment', 'rules', i, 'assignTo', 'user'] });
    }
  });
  if (typeof rules.fallback === 'object' && 'user' in rules.fallback) {
    out.push({ user: rules.fallback.user, path: ['assignment', 'fallback', 'user'] });
  }
  return out;
}

/** Assignment rules with every user id in lower case, as salespeople's emails are. */
export function lowerCaseUsers(rules: AssignmentRules): AssignmentRules {
  const lower = <T extends { user: string } | { team: string }>(t: T): T =>
    'user' in t ? { ...t, user: t.user.toLowerCase() } : t;
  return {
    ...rules,
    teams: Object.fromEntries(
      Object.entries(rules.teams).map(([k, m]) => [k, m.map((u) => u.toLowerCase())]),
    ),
    rules: rules.rules.map((r) => ({ ...r, assignTo: lower(r.assignTo) })),
    ...(rules.fallback === undefined ? {} : { fallback: lower(rules.fallback) }),
  };
}
