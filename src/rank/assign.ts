/**
 * Who owns a new lead. Pure: the caller passes the previous owner of the buyer/company, the
 * absences and the round-robin counters, and stores the counter this returns.
 */

import type { AssignmentRules, AssignRule, AssignTarget } from './assign-schema.ts';
import type { InquiryKind } from './factors/types.ts';
import { countryInRegion, type RegionName } from './regions.ts';

export {
  type AssignmentRules,
  type AssignmentRulesInput,
  type AssignRule,
  type AssignTarget,
  assignmentSchema,
} from './assign-schema.ts';

export interface AssignInput {
  /** ISO 3166-1 alpha-2 of the buyer. */
  readonly country: string | null;
  readonly products: readonly string[];
  readonly kind: InquiryKind;
  readonly platform: string | null;
}

export interface Absence {
  readonly userId: string;
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  /** Colleague covering the absence, if any. */
  readonly delegateId?: string | null;
}

export interface AssignContext {
  readonly now: Date;
  /** Current owner of the same buyer or company, if any. */
  readonly previousOwnerId: string | null;
  readonly absences: readonly Absence[];
  /** Team name -> index of the member who got the team's last lead (-1 or absent: none yet). */
  readonly roundRobin: Readonly<Record<string, number>>;
}

export type AssignVia = 'sticky' | 'rule' | 'fallback' | 'none';

export interface Assignment {
  /** Null: no one available; the lead waits in the shared pool. */
  readonly ownerId: string | null;
  readonly via: AssignVia;
  /** Name (or "rules[i]") of the rule that decided, when one did. */
  readonly rule: string | null;
  /** Counter to store when a team's round robin picked the owner. */
  readonly roundRobin: { readonly team: string; readonly lastIndex: number } | null;
  readonly reasons: readonly string[];
}

function absenceOf(userId: string, ctx: AssignContext): Absence | null {
  const t = ctx.now.getTime();
  return ctx.absences.find((a) => a.userId === userId && a.from.getTime() <= t && t < a.to.getTime()) ?? null;
}

/** The user, or their delegate while they are away; null when neither is available. */
function available(userId: string, ctx: AssignContext, reasons: string[]): string | null {
  const away = absenceOf(userId, ctx);
  if (away === null) return userId;
  const until = away.to.toISOString().slice(0, 10);
  const delegate = away.delegateId ?? null;
  if (delegate !== null && absenceOf(delegate, ctx) === null) {
    reasons.push(`${userId} is away until ${until}; ${delegate} covers`);
    return delegate;
  }
  reasons.push(`${userId} is away until ${until}`);
  return null;
}

function matches(rule: AssignRule, input: AssignInput): boolean {
  const w = rule.when;
  const country = input.country?.toUpperCase() ?? null;
  if (w.countries !== undefined && (country === null || !w.countries.includes(country))) return false;
  if (
    w.regions !== undefined &&
    (country === null || !w.regions.some((r) => countryInRegion(country, r as RegionName)))
  ) {
    return false;
  }
  if (w.products !== undefined) {
    const names = input.products.map((p) => p.toLowerCase());
    if (!w.products.some((k) => names.some((n) => n.includes(k.toLowerCase())))) return false;
  }
  if (w.sources !== undefined && !w.sources.includes(input.kind)) return false;
  if (w.platforms !== undefined) {
    const platform = input.platform?.toLowerCase() ?? null;
    if (platform === null || !w.platforms.some((p) => p.toLowerCase() === platform)) return false;
  }
  return true;
}

interface Choice {
  readonly ownerId: string;
  readonly roundRobin: Assignment['roundRobin'];
}

function pickTarget(
  target: AssignTarget,
  rules: AssignmentRules,
  ctx: AssignContext,
  reasons: string[],
): Choice | null {
  if ('user' in target) {
    const owner = available(target.user, ctx, reasons);
    return owner === null ? null : { ownerId: owner, roundRobin: null };
  }
  const members = rules.teams[target.team] ?? [];
  const last = ctx.roundRobin[target.team] ?? -1;
  for (let step = 1; step <= members.length; step++) {
    const index = (((last + step) % members.length) + members.length) % members.length;
    const member = members[index]!;
    if (absenceOf(member, ctx) === null) {
      reasons.push(`Round robin in team ${target.team}: ${member} is next`);
      return { ownerId: member, roundRobin: { team: target.team, lastIndex: index } };
    }
    reasons.push(`${member} is away; skipped in team ${target.team}`);
  }
  return null;
}

export function assignLead(input: AssignInput, rules: AssignmentRules, ctx: AssignContext): Assignment {
  const reasons: string[] = [];
  const prev = ctx.previousOwnerId;
  if (rules.stickyOwner && prev !== null) {
    const owner = available(prev, ctx, reasons);
    if (owner !== null) {
      reasons.unshift(`Same buyer or company as ${prev}'s existing lead`);
      return { ownerId: owner, via: 'sticky', rule: null, roundRobin: null, reasons };
    }
  }
  for (const [i, rule] of rules.rules.entries()) {
    if (!matches(rule, input)) continue;
    const label = rule.name ?? `rules[${i}]`;
    reasons.push(`Rule ${label} matches`);
    const pick = pickTarget(rule.assignTo, rules, ctx, reasons);
    if (pick !== null) return { ...pick, via: 'rule', rule: label, reasons };
  }
  if (rules.fallback !== undefined) {
    reasons.push('No rule found an available owner; using the fallback');
    const pick = pickTarget(rules.fallback, rules, ctx, reasons);
    if (pick !== null) return { ...pick, via: 'fallback', rule: null, reasons };
  }
  reasons.push('No available salesperson: the lead waits in the shared pool');
  return { ownerId: null, via: 'none', rule: null, roundRobin: null, reasons };
}
