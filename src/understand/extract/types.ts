/**
 * Shapes of the extract stage: what we read out of one inquiry's text (buyer identity and the
 * trade facts of the request) and the catalogue it is matched against. Pure data, no I/O.
 *
 * Words used here (see also src/domain/types.ts):
 * - catalogue: the products WE make (from config), each with synonyms, plus `related`
 *   products buyers ask about that we do not make (those make an inquiry grade D).
 * - Incoterm: ICC trade term (FOB, CIF, EXW...) with its named place ("FOB Ningbo").
 * - detail score: 0..1, how many specific facts (specs, quantity, terms...) an inquiry gives.
 */

export interface CatalogueProduct {
  name: string;
  synonyms: string[];
}

export interface Catalogue {
  products: CatalogueProduct[];
  /** Products we do NOT make but buyers ask about (grade D when they are all a buyer asks for). */
  related: string[];
}

export interface BuyerFields {
  /** Lowercased address. */
  email: string | null;
  name: string | null;
  title: string | null;
  company: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  /** E.164 (`+4940123456`). */
  phone: string | null;
  /** Lowercased host name without scheme, path or a leading `www.` (e.g. `acme-trading.com`). */
  website: string | null;
}

/**
 * Canonical quantity units. Container sizes keep their size because "2x40HQ" and "2x20GP" are
 * very different orders; a container of unstated size is `containers`.
 */
export const QUANTITY_UNITS = [
  'pcs',
  'units',
  'sets',
  'pairs',
  'tons',
  'kg',
  'meters',
  'sqm',
  'rolls',
  'cartons',
  'boxes',
  'bags',
  'pallets',
  'containers',
  '20GP',
  '40GP',
  '40HQ',
] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export interface InquiryFields {
  /**
   * Catalogue product names (canonical `name`) in order of first mention. When none of ours is
   * named: the `related` products named (then `relatedOnly` is true); when neither: free-text
   * product phrases such as "20W LED panel lights".
   */
  products: string[];
  /** Order quantity: a labelled one ("Quantity: 5000") first, else the first one in the text. */
  quantity: number | null;
  /** One of QUANTITY_UNITS, or null when the quantity had no unit. */
  unit: string | null;
  /** Upper-case Incoterms 2020 code (C&F/CNF map to CFR, "ex works" to EXW). */
  incoterm: string | null;
  incotermPlace: string | null;
  /** Destination port; a C- or D-term's named place when no port is written out. */
  port: string | null;
  /** Unit price the buyer names (target, budget, "can accept"). */
  targetPrice: number | null;
  /** ISO 4217 code (RMB and ¥ map to CNY; a bare $ to USD). */
  currency: string | null;
  /** Canonical labels ('CE', 'RoHS', 'ISO 9001'...) in order of first mention. */
  certifications: string[];
  /** Canonical terms joined by ', ' (e.g. 'T/T 30/70, L/C at sight'). */
  paymentTerms: string | null;
  sampleRequest: boolean;
  urgency: 'high' | 'normal';
  /** ISO 639-1. */
  language: string | null;
  /** 0..1: how detailed/specific the request is (see detail.ts for the scale). */
  detailScore: number;
  /** Catalogue/price-list of everything, mass-mail wording, nothing specific. */
  genericRequest: boolean;
  relatedOnly: boolean;
}

export interface SignatureResult {
  signature: string | null;
  fields: Partial<BuyerFields>;
}

export interface BuyerInput {
  email: string | null;
  displayName: string | null;
  body: string;
  signature: string | null;
  /** Platform or form fields: most trusted. */
  explicit?: Partial<BuyerFields>;
}
