import type { CustomerTier, Grade } from '../../domain/types.ts';
import type { RankingConfig } from '../ranking-schema.ts';

export type InquiryKind = 'inquiry' | 'platform_inquiry' | 'form_inquiry' | 'forwarded_inquiry';

/** What the ranking needs to know about one inquiry, as produced by classify/extract. */
export interface RankInput {
  readonly kind: InquiryKind;
  readonly grade: Grade | null;
  /** 0..1: how specific the inquiry is (specs, quantities, terms). */
  readonly detailScore: number;
  /** A uniform/mass-sent request, or one asking for a price list of everything. */
  readonly genericRequest: boolean;
  readonly quantity: number | null;
  readonly unit: string | null;
  readonly targetPrice: number | null;
  readonly currency: string | null;
  readonly products: readonly string[];
  readonly certifications: readonly string[];
  readonly sampleRequest: boolean;
  readonly urgency: 'high' | 'normal';
  readonly buyer: {
    readonly email: string | null;
    readonly domainIsFreeMail: boolean;
    readonly hasWebsite: boolean;
    /** 0..1: name, title, company, address, phone present in the signature. */
    readonly signatureCompleteness: number;
    /** ISO 3166-1 alpha-2. */
    readonly country: string | null;
  };
  readonly customer: { readonly tier: CustomerTier | null; readonly isReorder: boolean } | null;
  /** Earlier inquiries from the same buyer. */
  readonly repeatInquiryCount: number;
  readonly platform: string | null;
  readonly spamSignals: readonly string[];
}

/** One named contribution to the score. Points are whole numbers so the factors add up to the score. */
export interface Factor {
  readonly name: string;
  readonly points: number;
  /** What the factor saw, without the points: "Asked for samples (grade A)". */
  readonly reason: string;
}

export type FactorRule = (input: RankInput, config: RankingConfig) => Factor | null;

/** A factor, or nothing when it rounds to zero points (a zero explains nothing). */
export function factor(name: string, points: number, reason: string): Factor | null {
  const rounded = Math.round(points);
  return rounded === 0 ? null : { name, points: rounded, reason };
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function listShort(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} +${items.length - max} more` : shown;
}
