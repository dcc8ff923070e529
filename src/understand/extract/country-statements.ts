/**
 * Countries the buyer states about themselves: "Country: Germany", "we are an importer in
 * Brazil", "somos importadores en México", "мы компания из России", "我们是来自迪拜的贸易公司".
 * A place named without such a cue ("ship to Lagos", "your factory in China") is not the
 * buyer's country and is ignored here.
 */
import { countryFromPlace, findPlaces } from './country-names.ts';
import { labelledValue } from './signature-lines.ts';

const W = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';
const words = (alts: string[]): string => `${W}(?:${alts.join('|')})${E}`;

/** Self-description that must precede the place in the same sentence. */
const SELF_RE = new RegExp(
  `(?:${words([
    'we\\s+are',
    "we're",
    'i\\s+am',
    "i'm",
    'our\\s+(?:company|firm|business|office|shop|store|warehouse)',
    'this\\s+is',
    'somos',
    'soy',
    'wir\\s+sind',
    'ich\\s+bin',
    'nous\\s+sommes',
    'je\\s+suis',
    'мы',
    'я',
    'biz',
  ])}|我们是|我们|我司|本公司)[^.!?\\n。]{0,90}$`,
  'iu',
);

/** Preposition directly before the place. */
const PREP_RE = new RegExp(
  `${words(['in', 'from', 'based\\s+in', 'located\\s+in', 'of', 'en', 'de', 'desde', 'no', 'na', 'em', 'do', 'da', 'aus', 'au', 'aux', 'du', 'des', 'из', 'в'])}\\s+(?:the\\s+)?$|(?:来自|位于|在|是)\\s*$`,
  'iu',
);

/** A business noun followed by in/from: "importer in Brazil", "a distributor from Kenya". */
const BUSINESS_PREP_RE = new RegExp(
  `${words([
    'importers?',
    'distributors?',
    'wholesalers?',
    'retailers?',
    'dealers?',
    'buyers?',
    'company',
    'firm',
    'contractors?',
    'chain',
    'brand',
    'supermarkets?',
    'agents?',
    'importadora?',
    'importadores',
    'distribuidora?',
    'distribuidores',
    'empresa',
    'großhändler',
    'händler',
    'importeur',
    'distributeur',
    'компания',
    'импортер',
  ])}\\s+(?:(?:based|located)\\s+)?${words(['in', 'from', 'of', 'en', 'de', 'no', 'em', 'aus', 'из', 'в'])}\\s+(?:the\\s+)?$`,
  'iu',
);

/** "based in", "located in", "here in", "headquartered in" need no self-description. */
const LOCATED_RE = /\b(?:based|located|headquartered|registered|operating|here)\s+in\s+(?:the\s+)?$/i;

/** China is where our users sell from: "from/in China" usually describes the supplier. */
const SUPPLIER_COUNTRY = 'CN';

/**
 * "a supplier in Vietnam", "our customer in the Philippines", "客户在菲律宾": where the goods come
 * from or go to, not where the buyer is.
 */
const OTHER_PARTY_RE =
  /(?:\b(?:suppliers?|manufacturers?|factory|factories|vendors?|makers?|producers?|exporters?|sources?|customers?|clients?|end\s+users?|projects?|site)\s+(?:(?:based|located)\s+)?(?:in|from|at)\s+(?:the\s+)?|(?:客户|客人|项目|工厂|供应商)\s*(?:在|位于|来自)\s*)$/i;

/** "your company in China", "your factory in Ningbo": the supplier being written to. */
// (?<!\w) and (?!\w) stand for \b, slow under the iu flags (word-boundary-patterns.test.ts).
const YOUR_PREP_RE =
  /(?<!\w)your\s+(?:[\p{L}-]+\s+){0,2}?(?:(?:based|located)\s+)?(?:in|from)\s+(?:the\s+)?$/iu;

function statedBefore(before: string, country: string): boolean {
  if (OTHER_PARTY_RE.test(before) || YOUR_PREP_RE.test(before)) return false;
  if (LOCATED_RE.test(before) || BUSINESS_PREP_RE.test(before)) return true;
  // Buyers write to Chinese factories about China all the time ("we import from China",
  // "our agent in China"); only "based in China" or a business noun counts for it.
  if (country === SUPPLIER_COUNTRY) return false;
  return PREP_RE.test(before) && SELF_RE.test(before);
}

/** The first country the text states as the writer's own, as ISO alpha-2. */
export function statedCountry(text: string): string | null {
  for (const line of text.split('\n')) {
    const labelled = labelledValue(line.trim());
    if (labelled && labelled[0] === 'country') {
      const code = countryFromPlace(labelled[1]);
      if (code) return code;
    }
  }
  for (const place of findPlaces(text)) {
    const before = text.slice(Math.max(0, place.index - 120), place.index);
    if (statedBefore(before, place.country)) return place.country;
  }
  return null;
}
