/**
 * Incoterm with its named place ("FOB Ningbo", "CIF Hamburg", "FOB宁波") and the destination
 * port ("port of destination: Jebel Ali", "delivery to Santos port", "to Lagos").
 */
import { matchesOf } from '../matches.ts';
import { countryFromName } from './country-names.ts';
import { cleanPhrase } from './text.ts';

export interface TradeTerms {
  incoterm: string | null;
  incotermPlace: string | null;
  port: string | null;
}

const W = '(?<![\\p{L}\\p{N}_])';
const E = '(?![\\p{L}\\p{N}_])';
/** Latin-only boundaries: Chinese writes terms glued to its own words ("请报FOB宁波价格"). */
const LW = '(?<![A-Za-z0-9_])';
const LE = '(?![A-Za-z0-9_])';

/**
 * Upper case for every Incoterms 2020 code; the common ones also in lower case, as buyers type
 * "fob" and "cif". DAT (Incoterms 2010) is still written and kept as such.
 */
const INCOTERM_RE = new RegExp(
  `${LW}(?:(FOB|FCA|FAS|CFR|CIF|CPT|CIP|DAP|DPU|DDP|DAT|EXW|C\\s*&\\s*F|C\\s*\\+\\s*F|CNF)|((?:fob|cif|cfr|exw|ddp|cnf|c&f)|[Ee]x[\\s-]?[Ww]orks?))${LE}`,
  'gu',
);

/** A place name: capitalised words ("Jebel Ali", "Rio de Janeiro", "HAMBURG"), Chinese or Arabic. */
const PLACE_WORD = "(?:St\\.|\\p{Lu}[\\p{L}'’-]*)";
/** Chinese place names end where 港 (port), 价 (price), 报, 的 or punctuation follow. */
const HAN_PLACE = '\\p{Script=Han}{2,6}?(?=港|价|报|的|交|[,.;:!?\\s。，；！？]|$)';
/** Arabic place names: one word ("الدمام"); the next word is usually "مع" (with) or a verb. */
const ARABIC_PLACE = '\\p{Script=Arabic}{3,20}';
/** At most four words: a bound also keeps "Abc Abc Abc ..." from costing quadratic time. */
const PLACE = `(${PLACE_WORD}(?:[ \\t]+(?:${PLACE_WORD}|de|da|do|del|es|el|al|la|le)){0,3}|${HAN_PLACE}|${ARABIC_PLACE})`;
const PLACE_RE = new RegExp(`^\\s*(?:[-:,]\\s*)?(?:port\\s+of\\s+|to\\s+)?${PLACE}`, 'u');

/** Capitalised words after a term that are not a place ("FOB Price", "CIF Terms"). */
const NOT_A_PLACE_RE =
  /^(?:price|prices|term|terms|incoterms?|basis|quotation|quote|offer|and|or|port|please|shipping|cost|rate|value|delivery|condition|conditions|incl|including|plus|by|the|per|for|in|is|we|i|if|our|your|our|preis|precio|preço|prix)$/i;

/** Terms whose named place is at the buyer's end (C- and D-terms): it is the destination. */
const DESTINATION_TERMS = new Set(['CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'DAT']);

function canonicalTerm(raw: string): string {
  const t = raw.toUpperCase().replace(/\s+/g, '');
  if (t === 'C&F' || t === 'C+F' || t === 'CNF') return 'CFR';
  if (t.startsWith('EX')) return 'EXW';
  return t;
}

/** Trims "Port", "港", "Seaport" and trailing words that are not part of the name. */
function cleanPlace(raw: string): string | null {
  const words = cleanPhrase(raw)
    .replace(/(?:港口?|码头)$/u, '')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 0 && /^(?:port|seaport|harbou?r|terminal|airport)$/i.test(words[words.length - 1]!))
    words.pop();
  while (words.length > 0 && NOT_A_PLACE_RE.test(words[words.length - 1]!)) words.pop();
  if (words.length === 0 || NOT_A_PLACE_RE.test(words[0]!) || words.length > 4) return null;
  return words.join(' ');
}

function placeAfter(text: string, from: number): string | null {
  const m = PLACE_RE.exec(text.slice(from, from + 60));
  if (!m) return null;
  const first = m[1]!.split(/\s+/)[0]!;
  if (NOT_A_PLACE_RE.test(first)) return null;
  return cleanPlace(m[1]!);
}

/** Labels and shipping verbs end right before the place; the place itself is matched case-sensitively. */
const PORT_LABEL_RE =
  /(?:port\s+of\s+(?:destination|discharge|delivery|entry)|destination\s+port|discharge\s+port|destination|POD|puerto\s+de\s+destino|porto\s+de\s+destino|zielhafen|port\s+de\s+destination|порт\s+назначения|目的港|卸货港)\s*(?:is|es|é)?\s*[:：-]?\s*/giu;
const SHIP_TO_RE = new RegExp(
  `${W}(?:deliver(?:y|ed)?|ship(?:ping|ped|ment)?|send|sent|export(?:ed)?|import(?:ed)?|freight|transport(?:ed)?|price|cost|quot(?:e|ation)|cif|cfr|c&f|ddp|dap)${E}[^.\\n]{0,40}?${W}to\\s+(?:the\\s+)?(?:port\\s+of\\s+)?`,
  'giu',
);
const PORT_OF_RE = /(?<![\p{L}])(?:port\s+of|puerto\s+de|porto\s+de|port\s+de|hafen)\s+/giu;
const PLACE_PORT_RE = new RegExp(`${PLACE}\\s+(?:port|seaport)${E}`, 'gu');
const PLACE_AT_RE = new RegExp(`^${PLACE}`, 'u');

/** A country ("ship to Nigeria") is a destination but not a port; city-states are both. */
const CITY_STATES = new Set([
  'singapore',
  'hong kong',
  'kuwait',
  'djibouti',
  'panama',
  'monaco',
  'macau',
  'macao',
]);

function portName(raw: string | undefined): string | null {
  if (!raw) return null;
  const place = cleanPlace(raw);
  if (!place) return null;
  if (countryFromName(place) !== null && !CITY_STATES.has(place.toLowerCase())) return null;
  return place;
}

function portAfter(text: string, re: RegExp): string | null {
  for (const m of matchesOf(re, text)) {
    const place = PLACE_AT_RE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 60));
    const port = portName(place?.[1]);
    if (port) return port;
  }
  return null;
}

function findPort(text: string): string | null {
  const labelled =
    portAfter(text, PORT_LABEL_RE) ?? portAfter(text, SHIP_TO_RE) ?? portAfter(text, PORT_OF_RE);
  if (labelled) return labelled;
  for (const m of matchesOf(PLACE_PORT_RE, text)) {
    const port = portName(m[1]);
    if (port) return port;
  }
  return null;
}

export function extractTradeTerms(text: string): TradeTerms {
  const mentions: { term: string; place: string | null }[] = [];
  for (const m of matchesOf(INCOTERM_RE, text)) {
    mentions.push({ term: canonicalTerm(m[1] ?? m[2]!), place: placeAfter(text, m.index + m[0].length) });
  }
  const incoterm = mentions[0]?.term ?? null;
  const incotermPlace = mentions.find((m) => m.term === incoterm && m.place !== null)?.place ?? null;
  // "FOB Ningbo and CIF Santos": the C-/D-term's place is where the goods go.
  const destination =
    mentions.find((m) => DESTINATION_TERMS.has(m.term) && m.place !== null)?.place ?? undefined;
  const port = findPort(text) ?? portName(destination);
  return { incoterm, incotermPlace, port };
}
