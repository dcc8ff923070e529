/**
 * Tiers of existing customers from purchase data, per the users' rules:
 * A (core): over 30% of annual purchases and cooperating 2+ years;
 * B (growth): rising purchase volume; C (basic): the rest.
 * Re-grade every six months; revisit A quarterly, B half-yearly, C yearly.
 */
import type { CustomerTier } from '../domain/types.ts';
import { TrademailError } from '../errors.ts';
import { addMonths, isoDay, wholeMonthsBetween } from './months.ts';

export interface PurchaseRecord {
  readonly at: Date;
  /** In one currency across the list. */
  readonly amount: number;
}

export interface CustomerTierInput {
  /**
   * The "share of annual purchases" of the users' rule, 0..1, as the company measures it
   * (typically: this customer's purchases in the last 12 months over the company's annual
   * sales). Null when unknown: the customer then cannot be tier A.
   */
  readonly purchaseShare: number | null;
  /** Start of cooperation (first order). */
  readonly customerSince: Date | null;
  readonly purchases: readonly PurchaseRecord[];
}

export interface CustomerTierOptions {
  /** Users' rule: over 30%. */
  readonly coreShare?: number;
  /** Users' rule: 2 years. */
  readonly coreYears?: number;
  /** Growth of the last 12 months over the 12 before that counts as "rising" (default 10%). */
  readonly risingGrowth?: number;
}

export interface TierDecision {
  readonly tier: CustomerTier;
  readonly reasons: readonly string[];
}

function sumBetween(purchases: readonly PurchaseRecord[], from: Date, to: Date): number {
  let total = 0;
  for (const p of purchases) {
    if (p.at.getTime() >= from.getTime() && p.at.getTime() < to.getTime()) total += p.amount;
  }
  return total;
}

export function customerTier(
  input: CustomerTierInput,
  now: Date,
  options: CustomerTierOptions = {},
): TierDecision {
  const coreShare = options.coreShare ?? 0.3;
  const coreYears = options.coreYears ?? 2;
  const risingGrowth = options.risingGrowth ?? 0.1;
  if (input.purchaseShare !== null && !(input.purchaseShare >= 0 && input.purchaseShare <= 1)) {
    throw new TrademailError('USAGE', `purchaseShare must be between 0 and 1, got ${input.purchaseShare}`);
  }
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const years = input.customerSince === null ? 0 : wholeMonthsBetween(input.customerSince, now) / 12;
  const shareOk = input.purchaseShare !== null && input.purchaseShare > coreShare;
  const yearsOk = years >= coreYears;
  if (shareOk && yearsOk) {
    return {
      tier: 'A',
      reasons: [
        `${pct(input.purchaseShare ?? 0)} of annual purchases (over ${pct(coreShare)})`,
        `Cooperating for ${Math.floor(years)} years (${coreYears}+ required)`,
      ],
    };
  }
  const reasons: string[] = [];
  if (shareOk) reasons.push(`Not A: cooperating ${Math.floor(years)} of ${coreYears} years needed`);
  else if (yearsOk) {
    reasons.push(
      input.purchaseShare === null
        ? 'Not A: purchase share unknown'
        : `Not A: ${pct(input.purchaseShare)} of annual purchases, not over ${pct(coreShare)}`,
    );
  }
  const lastYear = sumBetween(input.purchases, addMonths(now, -12), now);
  const yearBefore = sumBetween(input.purchases, addMonths(now, -24), addMonths(now, -12));
  if (yearBefore > 0 && lastYear >= yearBefore * (1 + risingGrowth)) {
    reasons.unshift(`Purchases rising: ${pct(lastYear / yearBefore - 1)} over the previous 12 months`);
    return { tier: 'B', reasons };
  }
  reasons.unshift(
    yearBefore > 0
      ? `Purchases not rising (${pct(lastYear / yearBefore - 1)} over the previous 12 months)`
      : 'No purchase history before the last 12 months to show a rise',
  );
  return { tier: 'C', reasons };
}

/** Users' revisit cadence per tier, in months. */
export const REVIEW_MONTHS: Readonly<Record<CustomerTier, number>> = { A: 3, B: 6, C: 12 };
/** Users' rule: re-grade every six months from purchase data. */
export const REGRADE_MONTHS = 6;

/** When the customer is next due for a review (A quarterly, B half-yearly, C yearly). */
export function nextReviewAt(tier: CustomerTier, lastReviewAt: Date): Date {
  return addMonths(lastReviewAt, REVIEW_MONTHS[tier]);
}

export function regradeDue(lastGradedAt: Date | null, now: Date, months = REGRADE_MONTHS): boolean {
  return lastGradedAt === null || addMonths(lastGradedAt, months).getTime() <= now.getTime();
}

/**
 * Users' rule: a customer with no inquiry for 3 consecutive months gets a wake-up outreach.
 * Returns why one is due, or null when it is not.
 */
export function needsWakeUp(lastInquiryAt: Date | null, now: Date, months = 3): string | null {
  if (!(Number.isInteger(months) && months > 0)) {
    throw new TrademailError('USAGE', `wake-up months must be a whole number above 0, got ${months}`);
  }
  if (lastInquiryAt === null) return 'No inquiry on record: send a wake-up mail';
  if (addMonths(lastInquiryAt, months).getTime() > now.getTime()) return null;
  const silent = wholeMonthsBetween(lastInquiryAt, now);
  return `No inquiry for ${silent} months (last on ${isoDay(lastInquiryAt)}): send a wake-up mail`;
}
