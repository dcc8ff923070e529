/**
 * Inquiry field extraction and grading: pure functions over text.
 *
 * - parseSignature(text): the signature block of a mail and the fields it gives.
 * - extractBuyer(input): who the buyer is (explicit platform/form fields win).
 * - extractInquiry(body, subject, catalogue): the trade facts of the request.
 * - gradeInquiry(fields): A-D by the users' rules.
 * - detectLanguage(text): ISO 639-1 or null.
 * - isFreeMailDomain(domain): gmail.com, 163.com... (a lead on such a domain has no company domain).
 */
export { extractBuyer } from './buyer.ts';
export { emailDomain, isFreeMailDomain } from './domains.ts';
export { GRADE_B_MIN_DETAIL, GRADE_B_MIN_FACTS, gradeInquiry } from './grade.ts';
export { extractInquiry } from './inquiry.ts';
export { detectLanguage } from './language.ts';
export { parseSignature } from './signature.ts';
export type {
  BuyerFields,
  BuyerInput,
  Catalogue,
  CatalogueProduct,
  InquiryFields,
  QuantityUnit,
  SignatureResult,
} from './types.ts';
export { QUANTITY_UNITS } from './types.ts';
