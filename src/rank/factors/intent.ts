/** Factors read from what the buyer asked: grade, specificity, urgency, persistence. */
import { type FactorRule, factor, listShort, percent } from './types.ts';

/**
 * The users' grades for not-yet-won buyers. A sample request is grade A by the users' rule, so
 * one flagged by extraction counts as A even when the classifier gave a lower grade.
 */
export const gradeFactor: FactorRule = (input, { weights }) => {
  if (input.sampleRequest) {
    const note =
      input.grade === 'A' || input.grade === null ? 'grade A' : `grade A rule; classified ${input.grade}`;
    return factor('grade', weights.grade.A, `Asked for samples (${note})`);
  }
  switch (input.grade) {
    case 'A':
      return factor('grade', weights.grade.A, 'Grade A buyer (sample stage, keeps following up)');
    case 'B':
      return factor('grade', weights.grade.B, 'Grade B: asks in detail about specific products');
    case 'C':
      return factor('grade', weights.grade.C, 'Grade C: generic request or full price list');
    case 'D':
      return factor('grade', weights.grade.D, 'Grade D: asks only about related products');
    case null:
      // Grades rank buyers not yet won; an existing customer is ranked by its tier instead.
      return input.customer === null ? factor('grade', weights.grade.ungraded, 'Not graded yet') : null;
  }
};

export const detailFactor: FactorRule = (input, { weights }) =>
  factor(
    'detail',
    weights.detail * input.detailScore,
    `Specific inquiry (detail ${percent(input.detailScore)})`,
  );

export const genericFactor: FactorRule = (input, { weights }) =>
  input.genericRequest ? factor('generic', weights.genericRequest, 'Generic or mass-sent request') : null;

/** Naming one to three products is specific; not when they are products we do not make (grade D) or "everything". */
export const productsFactor: FactorRule = (input, { weights }) => {
  const n = input.products.length;
  if (n === 0 || n > 3 || input.grade === 'D' || input.genericRequest) return null;
  return factor(
    'products',
    weights.specificProducts,
    `Names specific products (${listShort(input.products)})`,
  );
};

export const certificationsFactor: FactorRule = (input, { weights }) =>
  input.certifications.length === 0
    ? null
    : factor(
        'certifications',
        weights.certifications,
        `Asks about certifications (${listShort(input.certifications)})`,
      );

export const targetPriceFactor: FactorRule = (input, { weights }) =>
  input.targetPrice === null
    ? null
    : factor(
        'target_price',
        weights.targetPrice,
        `Gave a target price (${input.currency ?? ''}${input.currency === null ? '' : ' '}${input.targetPrice})`,
      );

export const urgencyFactor: FactorRule = (input, { weights }) =>
  input.urgency === 'high' ? factor('urgency', weights.urgent, 'Buyer says it is urgent') : null;

export const repeatFactor: FactorRule = (input, { weights }) => {
  const n = input.repeatInquiryCount;
  if (n <= 0) return null;
  const points = Math.min(weights.repeatInquiry * n, weights.repeatInquiryMax);
  return factor('repeat', points, `Asked before (${n} earlier ${n === 1 ? 'inquiry' : 'inquiries'})`);
};
