/**
 * Products an inquiry is about: catalogue names and synonyms (case-insensitive, plural-tolerant,
 * whole words; Chinese synonyms as plain substrings), the `related` products we do not make, and
 * free-text product phrases ("we are looking for 20W LED panel lights") when neither matches.
 */
import { matchesOf } from '../matches.ts';
import { UNIT_ALT } from './quantity.ts';
import { cleanPhrase, escapeRegExp, WB_END, WB_START } from './text.ts';
import type { Catalogue } from './types.ts';

interface Term {
  product: string;
  matcher: RegExp;
}

interface CompiledCatalogue {
  /** One scan of the text finds every candidate; the `ours`/`related` matchers then name it. */
  scan: RegExp | null;
  ours: Term[];
  related: Term[];
}

/** Nouns whose singular and plural are the same word. */
const INVARIANT = new Set(['series', 'species', 'means', 'news']);

/** A word in both numbers: "light" matches "lights", "battery" "batteries", "shelf" "shelves". */
function pluralTolerant(word: string): string {
  const w = escapeRegExp(word);
  if (!/[a-z]$/i.test(word) || INVARIANT.has(word.toLowerCase())) return w;
  if (/[^aeiou]ies$/i.test(word)) return `${w.slice(0, -3)}(?:y|ies)`;
  if (/[^aeiou]y$/i.test(word)) return `${w.slice(0, -1)}(?:y|ies)`;
  if (/ves$/i.test(word)) return `${w.slice(0, -3)}(?:fs?|fes?|ves)`;
  if (/fe?$/i.test(word)) return `${w.replace(/fe?$/i, '')}(?:fs?|fes?|ves)`;
  if (/(?:ss|sh|ch|x|z)$/i.test(word)) return `${w}(?:es)?`;
  if (/(?:sh|ch|x|z)es$/i.test(word)) return `${w.slice(0, -2)}(?:es)?`;
  if (/[^s]s$/i.test(word)) return `${w.slice(0, -1)}(?:s|es)?`;
  return `${w}(?:s|es)?`;
}

function termSource(term: string): string | null {
  const words = term
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean);
  if (words.length === 0) return null;
  // Every word may be plural: English inflects the last ("panel lights"), Spanish and
  // Portuguese the first ("sillas de oficina"). Short words (de, of) stay as written.
  const body = words.map((w) => (w.length >= 3 ? pluralTolerant(w) : escapeRegExp(w))).join('[\\s-]*');
  const latinEnd = /[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]$/u.test(term.trim());
  return `${body}${latinEnd ? WB_END : ''}`;
}

/** Terms in a Latin or Cyrillic script need a word boundary before them; Chinese ones do not. */
function boundedStart(term: string): boolean {
  return /^[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]/u.test(term.trim());
}

function withStart(term: string): string | null {
  const source = termSource(term);
  return source === null ? null : `${boundedStart(term) ? WB_START : ''}${source}`;
}

/** Longest first, so "LED panel light" wins over "LED" when both are terms. */
function alternation(terms: string[]): string | null {
  const sources = terms
    .map(termSource)
    .filter((s): s is string => s !== null)
    .sort((a, b) => b.length - a.length);
  return sources.length > 0 ? sources.join('|') : null;
}

function compileTerms(product: string, terms: string[]): Term | null {
  const sources = terms.map(withStart).filter((s): s is string => s !== null);
  if (sources.length === 0) return null;
  return { product, matcher: new RegExp(`^(?:${sources.join('|')})$`, 'iu') };
}

const compiled = new WeakMap<Catalogue, CompiledCatalogue>();

function compile(catalogue: Catalogue): CompiledCatalogue {
  const cached = compiled.get(catalogue);
  if (cached) return cached;
  const ours = catalogue.products
    .map((p) => compileTerms(p.name, [p.name, ...p.synonyms]))
    .filter((t): t is Term => t !== null);
  const related = catalogue.related.map((r) => compileTerms(r, [r])).filter((t): t is Term => t !== null);
  const terms = [...catalogue.products.flatMap((p) => [p.name, ...p.synonyms]), ...catalogue.related];
  // One shared boundary before the Latin alternation lets the engine scan far faster than a
  // boundary repeated in front of every term.
  const latin = alternation(terms.filter(boundedStart));
  const other = alternation(terms.filter((t) => !boundedStart(t)));
  const parts = [latin === null ? null : `${WB_START}(?:${latin})`, other].filter(
    (p): p is string => p !== null,
  );
  const result = { scan: parts.length > 0 ? new RegExp(parts.join('|'), 'giu') : null, ours, related };
  compiled.set(catalogue, result);
  return result;
}

export interface ProductMatches {
  ours: string[];
  related: string[];
  /** Where each of ours was named (start offsets), for "300 mesh chairs"-style quantities. */
  oursAt: number[];
  relatedAt: number[];
}

export function matchCatalogue(text: string, catalogue: Catalogue): ProductMatches {
  const { scan, ours, related } = compile(catalogue);
  const out: ProductMatches = { ours: [], related: [], oursAt: [], relatedAt: [] };
  if (!scan) return out;
  for (const m of matchesOf(scan, text)) {
    const hit = m[0];
    const own = ours.find((t) => t.matcher.test(hit));
    if (own) {
      if (!out.ours.includes(own.product)) out.ours.push(own.product);
      out.oursAt.push(m.index);
      continue;
    }
    const rel = related.find((t) => t.matcher.test(hit));
    if (!rel) continue;
    if (!out.related.includes(rel.product)) out.related.push(rel.product);
    out.relatedAt.push(m.index);
  }
  return out;
}

/** Words that introduce what the buyer wants, in the languages our buyers write. */
const TRIGGER_RE =
  /(?<![\p{L}])(?:looking\s+for|interested\s+in|in\s+need\s+of|we\s+need|i\s+need|need\s+to\s+(?:buy|import|order|purchase)|we\s+require|requirement\s+(?:of|for)|(?:inquiry|enquiry|rfq|request\s+for\s+quotation)\s*(?:for|about|on|of|:|-)|(?:quote|quotation|offer|price|prices)\s+(?:for|of|on)|(?:please|pls|plz|kindly)\s+(?:quote|offer)(?:\s+(?:us|me))?|quote\s+(?:us|me)|(?:want|wish|like|plan|intend)\s+to\s+(?:buy|order|purchase|import|source)|(?:to\s+)?(?:purchase|import|source|sourcing)|buscamos|necesitamos|estamos\s+interesados\s+en|procuramos|precisamos\s+de|temos\s+interesse\s+(?:em|nos|nas|no|na)|wir\s+suchen|wir\s+benötigen|interessiert\s+an|nous\s+cherchons|intéressés\s+par|ищем|интересуют|нужны)\s+/giu;

/** Where a product phrase ends: punctuation (not the comma in "10,000"), or a linking word. */
const STOP_RE =
  /[.,](?!\d)|(?<!\d)[.,]|[;:!?()\n]|\s(?:for|from|with|in|at|to|please|and\s+we|and\s+would|which|that|who|as|by|on|if|so|made|can|could|would|will|we|i|our|para|con|für|mit|pour|avec|для|с)\s/iu;

const LEADING_RE =
  /^(?:(?:about|some|your|the|a|an|any|our|new|good|high|quality|best|cheap|top|reliable|bulk|large|quantities\s+of|quantity\s+of|of|seus|suas|sus|os|as|los|las|el|la|unos|unas|des|les|vos|votre|de|die|der|das|ihre|ihren|einen|eine)\s+)+/iu;
/** "5000 pcs of", "5,000 ", "2x40HQ of" before the product; "20W" is a spec and stays. */
const LEADING_QUANTITY_RE = new RegExp(
  `^\\d[\\d,.]*(?:\\s*k)?(?:\\s*(?:${UNIT_ALT})(?![\\p{L}])|\\s*x\\s*\\d+\\s*\\S+)?(?:\\s+|$)(?:(?:of|de)\\s+)?`,
  'iu',
);
const UNIT_ONLY_RE = new RegExp(`^(?:${UNIT_ALT})$`, 'iu');

/** A phrase whose head noun is one of these is not a product ("a reliable supplier"). */
const GENERIC_HEAD_RE =
  /(?<![\p{L}])(?:products?|items?|goods|supplier|suppliers|manufacturer|manufacturers|factory|partner|partners|cooperation|business|price|prices|quotation|quote|catalogue|catalog|list|information|info|details|it|them|this|that|company|range|offer|samples?|something|anything|everything|order|orders|productos|produtos|produkte|produits|товары|продукцию)$/iu;

/** Platform notices and web forms give the product as a field ("Product: 40W LED Panel Light"). */
const PRODUCT_LABEL_RE =
  /^[ \t]*(?:product(?:\s+name)?|products|item|commodity|产品(?:名称)?|producto|produto|produkt|produit|товар)[ \t]*[:：][ \t]*([^\n]{2,120})$/gimu;
const MAX_LABELLED_WORDS = 12;

/** Platform notices quote the listing title: 'interested in your product "40W LED Panel Light"'. */
const QUOTED_PRODUCT_RE = /(?:product|item|model|listing)s?\s*[:：]?\s*["“«]([^"”»\n]{3,100})["”»]/giu;
const HAN_TRIGGER_RE = /(?:求购|采购|需要|想买|询价)\s*([^，。,;；！!？?\n]{2,40})/u;
const HAN_STOP_RE = /请|的价格|价格|报价|，|。/u;
const TRAILING_QUANTITY_RE = new RegExp(`\\s*\\d[\\d,.]*\\s*(?:${UNIT_ALT})?$`, 'iu');
const MAX_PHRASE_WORDS = 6;

function phraseAfter(rest: string): string | null {
  const stop = STOP_RE.exec(rest);
  let phrase = stop ? rest.slice(0, stop.index) : rest.slice(0, 80);
  phrase = cleanPhrase(phrase)
    .replace(LEADING_RE, '')
    .replace(LEADING_QUANTITY_RE, '')
    .replace(LEADING_RE, '');
  phrase = cleanPhrase(phrase);
  const words = phrase.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_PHRASE_WORDS) return null;
  if (GENERIC_HEAD_RE.test(phrase) || UNIT_ONLY_RE.test(phrase) || !/\p{L}{2}/u.test(phrase)) return null;
  // What is left of a measure ("2 contêineres de 40 pés" -> "40 pés") is not a product.
  if (/^\d[\d.,]*\s+\p{L}+$/u.test(phrase)) return null;
  // A verb right after the trigger ("interested in cooperating") is not a product.
  if (/^\p{L}+ing$/iu.test(words[0]!) && words.length === 1) return null;
  return phrase;
}

function hanPhrase(raw: string): string | null {
  const stop = HAN_STOP_RE.exec(raw);
  let phrase = (stop ? raw.slice(0, stop.index) : raw).trim();
  while (TRAILING_QUANTITY_RE.test(phrase) && phrase.replace(TRAILING_QUANTITY_RE, '') !== phrase) {
    phrase = phrase.replace(TRAILING_QUANTITY_RE, '').trim();
  }
  return phrase.length >= 2 && phrase.split(/\s+/).length <= MAX_PHRASE_WORDS ? phrase : null;
}

export interface FreeTextProducts {
  products: string[];
  /** Offsets where each phrase's raw text starts (a leading "5000" there is the quantity). */
  at: number[];
}

/** Free-text product phrases, for when no catalogue or related product is named. */
export function freeTextProducts(text: string): FreeTextProducts {
  const out: FreeTextProducts = { products: [], at: [] };
  // "LED Lights" (a platform category) and "all kinds of LED lights" (the buyer's words) are one
  // product: the longer phrase stays, in the place of the first.
  const add = (phrase: string | null, at: number) => {
    if (!phrase) return;
    const p = phrase.toLowerCase();
    if (out.products.some((o) => o.toLowerCase().includes(p))) return;
    const shorter = out.products.findIndex((o) => p.includes(o.toLowerCase()));
    if (shorter >= 0) {
      out.products[shorter] = phrase;
      out.at[shorter] = at;
      return;
    }
    out.products.push(phrase);
    out.at.push(at);
  };
  for (const m of matchesOf(PRODUCT_LABEL_RE, text)) {
    const value = cleanPhrase(m[1]!);
    if (value.split(/\s+/).length <= MAX_LABELLED_WORDS) add(value, m.index + m[0].length - m[1]!.length);
  }
  const subject = /^(?:inquiry|enquiry|rfq|request\s+for\s+quotation|order)\s*[:-]\s*([^\n]{2,60})/im.exec(
    text,
  );
  if (subject) add(phraseAfter(subject[1]!), subject.index + subject[0].length - subject[1]!.length);
  for (const m of matchesOf(QUOTED_PRODUCT_RE, text)) add(cleanPhrase(m[1]!), m.index);
  for (const m of matchesOf(TRIGGER_RE, text)) {
    const start = m.index + m[0].length;
    add(phraseAfter(text.slice(start, start + 120)), start);
  }
  const han = HAN_TRIGGER_RE.exec(text);
  if (han) add(hanPhrase(han[1]!), han.index + han[0].length - han[1]!.length);
  return out;
}
