/**
 * Yes/no signals of an inquiry: does the buyer ask for samples, is it urgent, and does it read
 * like a generic or mass-mailed request.
 */
import { matchesOf } from '../matches.ts';

const W = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';

/**
 * "sample", "muestra", "amostra", "Muster", "échantillon", "образец", "numune", "样品", and Arabic
 * "عينة" with the prefixes Arabic writes attached ("والعينة", "and the sample").
 */
const SAMPLE_RE = new RegExp(
  `${W}(?:samples?|sampling|muestras?|amostras?|muster|mustern|échantillons?|echantillons?|campioni|campione|образ(?:ец|цы|ца|цов|ец)|numune(?:ler|si)?)${E}|(?:و|ب|ف)?(?:ال)?عين(?:ة|ات)|样品|样板|打样|寄样|样机`,
  'giu',
);
/** Words after "sample" that make it something else ("sample photo", "sample of your work"). */
const NOT_A_REQUEST_AFTER_RE =
  /^\s*(?:photos?|pictures?|pics?|images?|drawings?|of\s+your\s+(?:work|previous))/i;
/** Negation earlier in the same clause: "we don't need samples", "sin muestras", "不需要样品". */
const NEGATION_BEFORE_RE = new RegExp(
  `(?:${W}(?:don'?t|do\\s+not|does\\s+not|doesn'?t|no|not|without|never|nor|kein(?:e|en)?|nicht|sin|sem|não|pas|не|нет|без|gerek\\s+yok)${E}|不需要|不要|无需|不用|没有)[^,.;!?\\n，。；]{0,30}$`,
  'iu',
);
const NEGATION_AFTER_RE =
  /^\s*(?:is|are)?\s*(?:not\s+(?:needed|required|necessary)|unnecessary|no\s+(?:necesari[ao]s?|necessári[ao]s?)|nicht\s+nötig|不需要)/iu;

export function detectSampleRequest(text: string): boolean {
  for (const m of matchesOf(SAMPLE_RE, text)) {
    // "no problem to pay the sample cost" is not a refusal.
    const before = text
      .slice(Math.max(0, m.index - 50), m.index)
      .replace(/\bno\s+(?:problem|issue|worries)\b/gi, '');
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (NEGATION_BEFORE_RE.test(before)) continue;
    if (NEGATION_AFTER_RE.test(after) || NOT_A_REQUEST_AFTER_RE.test(after)) continue;
    return true;
  }
  return false;
}

const URGENT_RE = new RegExp(
  `${W}(?:urgent(?:ly)?|asap|a\\.s\\.a\\.p\\.?|as\\s+soon\\s+as\\s+possible|rush\\s+order|immediately|right\\s+away|top\\s+priority|dringend|eilig|sofort|urgente|urgentemente|urgencia|lo\\s+antes\\s+posible|lo\\s+más\\s+pronto\\s+posible|o\\s+mais\\s+rápido\\s+possível|o\\s+quanto\\s+antes|le\\s+plus\\s+tôt\\s+possible|au\\s+plus\\s+vite|срочно|срочный|срочная|как\\s+можно\\s+скорее|acil|عاجل)${E}|紧急|急需|急单|尽快|加急`,
  'giu',
);
const DAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|eod|cob|end\\s+of\\s+(?:the\\s+)?(?:day|week))';
const DEADLINE_RE = new RegExp(
  `${W}(?:by|before|until|no\\s+later\\s+than)\\s+(?:this\\s+|next\\s+|the\\s+)?${DAY}${E}|${W}(?:quot\\w*|price|prices|offer|reply|answer|respon\\w*|send|need|revert)${E}[^.\\n]{0,30}${W}(?:today|tonight|tomorrow|within\\s+(?:12|24|48)\\s*h(?:ours?|rs?)?)${E}|${W}within\\s+(?:12|24)\\s*h(?:ours?|rs?)?${E}`,
  'iu',
);
const NOT_URGENT_BEFORE_RE = /(?<![\p{L}])(?:not|no|nicht|no\s+es|não\s+é|не)\s+(?:so\s+|very\s+|too\s+)?$/iu;

export function detectUrgency(text: string): 'high' | 'normal' {
  for (const m of matchesOf(URGENT_RE, text)) {
    if (!NOT_URGENT_BEFORE_RE.test(text.slice(Math.max(0, m.index - 20), m.index))) return 'high';
  }
  return DEADLINE_RE.test(text) ? 'high' : 'normal';
}

/** Asks for everything: a generic request even when other details are given. */
const ALL_PRODUCTS_RE =
  /(?<![\p{L}])(?:all\s+(?:of\s+)?your\s+(?:products|items|goods|models|range)|(?:full|complete|whole|entire|all)\s+(?:product\s+)?(?:catalogue|catalog|price\s*list|range|product\s+list|products\s+list)|quot(?:e|ation)\s+(?:for\s+|of\s+)?(?:all|every)|every\s+product|todos\s+(?:sus|los)\s+productos|catálogo\s+completo|todos\s+os\s+(?:seus\s+)?produtos|alle\s+(?:ihre\s+)?produkte|tous\s+vos\s+produits|все\s+(?:ваши\s+)?товары|所有产品|全部产品)(?![\p{L}])/iu;

/** Catalogue/price-list wording and mass-mail greetings: generic unless something specific follows. */
const GENERIC_RE =
  /(?<![\p{L}])(?:catalogues?|catalogs?|e-?catalog(?:ue)?|catálogo|katalog|каталог|price\s*lists?|pricelist|lista\s+de\s+precios|lista\s+de\s+preços|preisliste|liste\s+de\s+prix|прайс(?:-лист)?|your\s+(?:company'?s?\s+)?products|your\s+items|your\s+goods|dear\s+(?:sir|madam|sirs|sir\s*\/\s*madam|sir\s+or\s+madam|supplier|manufacturer|seller|friend|valued\s+supplier|purchasing\s+manager|sales\s+manager|sales)|to\s+whom\s+it\s+may\s+concern|hello\s+sir|estimado\s+proveedor|sehr\s+geehrte\s+damen\s+und\s+herren|messieurs)(?![\p{L}])|产品目录|价格表|报价单/iu;

/** "All your products", "full catalogue": the buyer asks for everything. */
export function asksForEverything(text: string): boolean {
  return ALL_PRODUCTS_RE.test(text);
}

/** Catalogue, price-list or mass-mail wording (see GENERIC_RE). */
export function hasGenericWording(text: string): boolean {
  return GENERIC_RE.test(text);
}
