/**
 * Inquiry grade A-D, the users' rule for not-yet-won buyers (shared/DOMAIN.md):
 * A asked for samples; B asks carefully and in detail about specific products; C sends a
 * generic request or wants a full price list of everything; D asks only about related products
 * we do not make.
 *
 * Order of the checks:
 * 1. D before A: samples of a product we do not make are not a sample request for ours.
 * 2. A: any sample request (not a refused one: "we don't need samples").
 * 3. C: generic wording with nothing specific, or "all your products".
 * 4. B: at least one named product and a detail score of GRADE_B_MIN_DETAIL or more, i.e. at
 *    least 3 of the FULL_DETAIL_FACTS facts (e.g. product + wattage + quantity).
 * 5. C otherwise: too little detail to call it careful.
 */
import type { Grade } from '../../domain/types.ts';
import { FULL_DETAIL_FACTS } from './detail.ts';
import type { InquiryFields } from './types.ts';

export const GRADE_B_MIN_FACTS = 3;
export const GRADE_B_MIN_DETAIL = GRADE_B_MIN_FACTS / FULL_DETAIL_FACTS;

export function gradeInquiry(fields: InquiryFields): Grade {
  if (fields.relatedOnly) return 'D';
  if (fields.sampleRequest) return 'A';
  if (fields.genericRequest) return 'C';
  if (fields.products.length > 0 && fields.detailScore >= GRADE_B_MIN_DETAIL) return 'B';
  return 'C';
}
