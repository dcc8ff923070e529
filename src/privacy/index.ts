/** Privacy requests (GDPR, CCPA): export and erase everything held about one person. */
export { ERASURE_PLAN, type ErasureReport, erasePerson, scrubPerson } from './erase.ts';
export { exportPerson, toJson } from './export.ts';
export {
  addressHash,
  decodedText,
  type Located,
  locatePerson,
  normaliseAddress,
  type PersonKey,
} from './locate.ts';
