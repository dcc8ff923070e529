/**
 * The priority score (0-100) of an inquiry, its tier (P1/P2/P3) and SLA. Rule based: the score
 * is the sum of named factors, each with its points and reason, so a salesperson can see why an
 * inquiry is on top and a manager can retune a weight in the config.
 */
import type { PriorityTier } from '../domain/types.ts';
import { TrademailError } from '../errors.ts';
import {
  domainFactor,
  marketFactor,
  signatureFactor,
  sourceFactor,
  spamFactor,
  websiteFactor,
} from './factors/buyer.ts';
import {
  certificationsFactor,
  detailFactor,
  genericFactor,
  gradeFactor,
  productsFactor,
  repeatFactor,
  targetPriceFactor,
  urgencyFactor,
} from './factors/intent.ts';
import { customerFactor, reorderFactor } from './factors/relationship.ts';
import { type Factor, type FactorRule, factor, type RankInput } from './factors/types.ts';
import { valueFactor } from './factors/value.ts';
import { DEFAULT_RANKING, type RankingConfig } from './ranking-schema.ts';

export type { Factor, InquiryKind, RankInput } from './factors/types.ts';

export interface RankResult {
  /** 0-100, the exact sum of `factors`. */
  readonly score: number;
  readonly tier: PriorityTier;
  /** Working hours to answer. */
  readonly slaHours: number;
  /** Short sentences, largest effect first: "Asked for samples (grade A): +75". */
  readonly reasons: readonly string[];
  readonly factors: readonly Factor[];
}

/** Order of evaluation; it also breaks ties between reasons of equal weight. */
const RULES: readonly FactorRule[] = [
  reorderFactor,
  customerFactor,
  gradeFactor,
  valueFactor,
  detailFactor,
  spamFactor,
  genericFactor,
  urgencyFactor,
  productsFactor,
  certificationsFactor,
  targetPriceFactor,
  repeatFactor,
  marketFactor,
  domainFactor,
  signatureFactor,
  websiteFactor,
  sourceFactor,
];

function checkShare(value: number, field: string): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new TrademailError('USAGE', `rank input ${field} must be between 0 and 1, got ${value}`);
  }
}

function checkInput(input: RankInput): void {
  checkShare(input.detailScore, 'detailScore');
  checkShare(input.buyer.signatureCompleteness, 'buyer.signatureCompleteness');
  if (!(Number.isInteger(input.repeatInquiryCount) && input.repeatInquiryCount >= 0)) {
    throw new TrademailError(
      'USAGE',
      `rank input repeatInquiryCount must be a whole number >= 0, got ${input.repeatInquiryCount}`,
    );
  }
  for (const [field, value] of [
    ['quantity', input.quantity],
    ['targetPrice', input.targetPrice],
  ] as const) {
    if (value !== null && !Number.isFinite(value)) {
      throw new TrademailError('USAGE', `rank input ${field} must be a finite number or null, got ${value}`);
    }
  }
}

export function signed(points: number): string {
  return points >= 0 ? `+${points}` : `${points}`;
}

export function tierFor(score: number, config: RankingConfig): PriorityTier {
  if (score >= config.thresholds.P1) return 'P1';
  if (score >= config.thresholds.P2) return 'P2';
  return 'P3';
}

export function rankInquiry(input: RankInput, config: RankingConfig = DEFAULT_RANKING): RankResult {
  checkInput(input);
  const found: Factor[] = [];
  for (const rule of RULES) {
    const f = rule(input, config);
    if (f !== null) found.push(f);
  }
  const raw = found.reduce((sum, f) => sum + f.points, 0);
  const score = Math.min(100, Math.max(0, raw));
  // The clamp is a factor too, so the factors always add up to the score.
  const clamp = factor('clamp', score - raw, raw > 100 ? 'Score capped at 100' : 'Score floored at 0');
  const ordered = found
    .map((f, i) => ({ f, i }))
    .sort((a, b) => Math.abs(b.f.points) - Math.abs(a.f.points) || a.i - b.i)
    .map(({ f }) => f);
  const reasons = ordered.map((f) => `${f.reason}: ${signed(f.points)}`);

  const tier = tierFor(score, config);
  let slaHours = config.slaHours[tier];
  const customerTier = input.customer?.tier ?? null;
  const customerCap = customerTier === null ? undefined : config.customerSlaHours[customerTier];
  if (customerCap !== undefined && customerCap < slaHours) {
    slaHours = customerCap;
    reasons.push(`Tier ${customerTier} customer: answer within ${customerCap} h (customer rules)`);
  }
  return { score, tier, slaHours, reasons, factors: clamp === null ? ordered : [...ordered, clamp] };
}
