/**
 * Order quantity and unit: "5,000 pcs", "2x40HQ containers", "1 container", "3000 sets",
 * "10 tons", "5000个", "Quantity: 2000". Mentions of the supplier's MOQ ("MOQ 500 pcs?") and
 * packing counts ("50 pcs per carton") are not an order quantity.
 */
import { matchesOf } from '../matches.ts';
import { numberWord, parseLocaleNumber } from './text.ts';
import type { QuantityUnit } from './types.ts';

export interface Quantity {
  quantity: number;
  unit: QuantityUnit | null;
}

/** Unit spellings (en, es, pt, de, fr, ru, tr, ar, zh) to the canonical unit. */
const UNIT_WORDS: [QuantityUnit, string][] = [
  [
    'pcs',
    'pcs|pc|pce|pces|pieces?|nos|piezas?|peças|peça|pièces?|pezzi|pezzo|sztuk|szt|stuks|stück|stk|шт|штук[аи]?|adet|قطعة|قطع|个|件|只|支|片|条|张|把|顶|盏',
  ],
  ['units', 'units?|unidades|unidad|unités?|unità|einheiten|единиц|台|部'],
  ['sets', 'sets?|juegos?|jogos?|sätze|satz|комплект(?:ов|а)?|套'],
  ['pairs', 'pairs?|prs|pares|paires|paar|пар|双|对'],
  ['tons', 'tons?|tonnes?|mt|mts|metric\\s+tons?|toneladas?|tonnen|тонн[аы]?|طن|吨'],
  ['kg', 'kgs?|kilograms?|kilos?|公斤|千克'],
  ['sqm', 'sqm|m2|square\\s+met(?:er|re)s?|平方米|平米'],
  ['meters', 'meters?|metres?|mtrs|metros?|mètres?|метр(?:ов|а)?|米'],
  ['rolls', 'rolls?|rollos?|卷'],
  ['cartons', 'cartons?|ctns?|箱'],
  ['boxes', 'boxes|box|cajas?'],
  ['bags', 'bags?|sacos?|袋'],
  ['pallets', 'pallets?|paletas?|托盘'],
  [
    'containers',
    'containers?|cntrs?|contenedores|contenedor|contêineres|contêiner|fcl|контейнер(?:ов|а)?|حاويات|حاوية|柜|集装箱',
  ],
];
/** Every unit spelling, as a regex alternation (products.ts strips "5000 pcs of" with it). */
export const UNIT_ALT = UNIT_WORDS.map(([, alt]) => alt).join('|');
const UNIT_LOOKUP: [QuantityUnit, RegExp][] = UNIT_WORDS.map(([unit, alt]) => [
  unit,
  new RegExp(`^(?:${alt})$`, 'iu'),
]);

const NUM = '(\\d{1,3}(?:[,.\\u2009\\u202f ]\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?)(\\s*[kK](?![\\p{L}]))?';
const NUM_WORD = '(a|an|one|two|three|four|five|six|seven|eight|nine|ten)';
const CONTAINER_SIZE = "(20|40|45)\\s*(?:'|’|ft|feet|foot|-foot)?\\s*(hq|hc|gp|dc|std|st|high\\s*cube)?";

/** "2x40HQ", "2 x 40' HC", "3*20GP". */
const CONTAINER_TIMES_RE = new RegExp(
  `(?<![\\d.,])(\\d+)\\s*[x×*]\\s*${CONTAINER_SIZE}(?![\\p{L}\\d])`,
  'giu',
);
/** "2 40ft containers", "one 20GP container", "a 40HQ". */
const CONTAINER_SIZED_RE = new RegExp(
  `(?:(?<![\\d.,])(\\d+)|(?<![\\p{L}])${NUM_WORD})\\s+${CONTAINER_SIZE}\\s*(?:containers?|cntrs?|fcl)?(?![\\p{L}])`,
  'giu',
);
/** Cheap test before the costly sized-container pattern: most mails name no container size. */
const CONTAINER_SIZE_HINT_RE = /(?:20|40|45)\s*(?:'|’|ft|feet|foot|-foot|hq|hc|gp|dc|st|high)/i;
/** "one container", "two FCL". */
const CONTAINER_WORD_RE = new RegExp(
  `(?<![\\p{L}])${NUM_WORD}\\s+(?:containers?|cntrs?|fcl)(?![\\p{L}])`,
  'giu',
);
/**
 * What the counted-container pattern needs, with its flags: tried at every letter, that pattern
 * cost a third of this module on a 5 KB inquiry, and most mails say none of these words.
 */
const CONTAINER_WORD_HINT_RE = /container|cntr|fcl/iu;
const AMOUNT_RE = new RegExp(`(?<![\\d.,\\p{L}])${NUM}\\s*(${UNIT_ALT})(?![\\p{L}])`, 'giu');
const HAN_UNIT_ALT = UNIT_WORDS.flatMap(([, alt]) =>
  alt.split('|').filter((u) => /\p{Script=Han}/u.test(u)),
).join('|');
/** Chinese measure words need no word boundary after them ("5000个LED面板灯"). */
const AMOUNT_HAN_RE = new RegExp(`(?<![\\d.,])${NUM}\\s*(${HAN_UNIT_ALT})`, 'gu');
const LABELLED_RE = new RegExp(
  `(?:quantity|qty|q'ty|order\\s+quantity|quantité|quantità|cantidad|quantidade|menge|ilość|aantal|количество|数量|采购量|miktar|الكمية(?:\\s+المطلوبة)?)\\s*(?:[:：=]|is)?\\s*(?:about|approx\\.?|approximately|around|ca\\.?|约|大约)?\\s*${NUM}\\s*(${UNIT_ALT})?(?![\\p{L}])`,
  'iu',
);

/** The supplier's minimum order, asked about or quoted back: not what the buyer orders. */
const MOQ_BEFORE_RE =
  /(?:moq|minimum\s+order(?:\s+quantity)?|min\.?\s+order|起订量|最小起订|最低起订|mínimo|mindestmenge|minimum\s+de\s+commande)[^.?!\n\d]{0,15}$/i;
/** Packing counts: "50 pcs per carton", "20pcs/ctn". */
const PACKING_AFTER_RE =
  /^\s*(?:\/|per|each|in\s+(?:one|a|each)|a)\s*(?:carton|ctn|box|bag|pallet|set|inner|polybag|case)/i;

function unitOf(raw: string | undefined): QuantityUnit | null {
  if (!raw) return null;
  const r = raw.replace(/\s+/g, ' ');
  return UNIT_LOOKUP.find(([, re]) => re.test(r))?.[0] ?? null;
}

function containerUnit(size: string, type: string | undefined): QuantityUnit {
  const t = (type ?? '').toLowerCase().replace(/\s+/g, '');
  if (size === '20') return '20GP';
  if (size === '40') return t === 'hq' || t === 'hc' || t === 'highcube' ? '40HQ' : '40GP';
  return 'containers';
}

interface Hit extends Quantity {
  index: number;
  end: number;
}

function excluded(text: string, index: number, end: number): boolean {
  return (
    MOQ_BEFORE_RE.test(text.slice(Math.max(0, index - 40), index)) ||
    PACKING_AFTER_RE.test(text.slice(end, end + 20))
  );
}

function allHits(text: string): Hit[] {
  const hits: Hit[] = [];
  const push = (index: number, end: number, quantity: number | null, unit: QuantityUnit | null) => {
    if (quantity === null || quantity <= 0 || excluded(text, index, end)) return;
    if (hits.some((h) => index < h.end && h.index < end)) return;
    hits.push({ index, end, quantity, unit });
  };
  for (const m of matchesOf(CONTAINER_TIMES_RE, text)) {
    push(m.index, m.index + m[0].length, Number(m[1]), containerUnit(m[2]!, m[3]));
  }
  const sizes = CONTAINER_SIZE_HINT_RE.test(text);
  for (const m of sizes ? matchesOf(CONTAINER_SIZED_RE, text) : []) {
    const sized = m[0].match(/(?:containers?|cntrs?|fcl)$/i) !== null || m[4] !== undefined;
    if (!sized) continue;
    const n = m[1] !== undefined ? Number(m[1]) : numberWord(m[2]!);
    push(m.index, m.index + m[0].length, n, containerUnit(m[3]!, m[4]));
  }
  for (const m of CONTAINER_WORD_HINT_RE.test(text) ? matchesOf(CONTAINER_WORD_RE, text) : [])
    push(m.index, m.index + m[0].length, numberWord(m[1]!), 'containers');
  for (const re of [AMOUNT_RE, AMOUNT_HAN_RE]) {
    for (const m of matchesOf(re, text)) {
      const unit = unitOf(m[3]);
      // A container count may only follow "2x40HQ" forms handled above ("40 HQ containers" is a size).
      if (unit === 'containers' && /^(?:20|40|45)$/.test(m[1]!) && /[x×*]\s*$/.test(text.slice(0, m.index)))
        continue;
      const n = parseLocaleNumber(
        m[1]! + (m[2] ?? ''),
        unit !== 'tons' && unit !== 'kg' && unit !== 'meters',
      );
      push(m.index, m.index + m[0].length, n, unit);
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Units that measure goods rather than count them; "5 meter LED strips" is a length spec. */
const MEASURE_UNITS = new Set<QuantityUnit | null>(['meters', 'kg', 'tons', 'sqm']);
/**
 * A count right before the product ("120 solar panels", "300 mesh chairs") counts pieces of it.
 * With spec or acronym words between ("40 DC ceiling fans") the count is kept but the unit is
 * left open, as those words may belong to a pack or set description.
 */
const COUNT_BEFORE_RE =
  /(?<![\d.,\p{L}])(\d{1,3}(?:[,.]\d{3})+|\d+)(\s*k)?\s*(?:x\s*)?(?:of\s+)?((?:(?:\p{Lu}{2,5}|\d+[a-z]{1,3})\s+){0,2})$/u;
const COUNT_AT_RE = /^\s*(\d{1,3}(?:[,.]\d{3})+|\d+)(\s*k)?\s+(?!\d)/i;

/** The quantity written before a product mention; `mentions` are offsets where names start. */
export function countBeforeProducts(text: string, mentions: number[]): Quantity | null {
  for (const at of mentions) {
    const m =
      COUNT_BEFORE_RE.exec(text.slice(Math.max(0, at - 30), at)) ?? COUNT_AT_RE.exec(text.slice(at, at + 20));
    if (!m) continue;
    const n = parseLocaleNumber(m[1]! + (m[2] ?? ''), true);
    if (n !== null && n > 0) return { quantity: n, unit: m[3] ? null : 'pcs' };
  }
  return null;
}

export function extractQuantity(text: string): Quantity | null {
  const labelled = LABELLED_RE.exec(text);
  if (labelled && !excluded(text, labelled.index, labelled.index + labelled[0].length)) {
    const unit = unitOf(labelled[3]);
    const n = parseLocaleNumber(labelled[1]! + (labelled[2] ?? ''), unit !== 'tons' && unit !== 'kg');
    if (n !== null && n > 0) {
      const after = allHits(text.slice(labelled.index, labelled.index + labelled[0].length + 30))[0];
      return { quantity: after?.quantity ?? n, unit: after?.unit ?? unit };
    }
  }
  const hits = allHits(text);
  const first = MEASURE_UNITS.has(hits[0]?.unit ?? null)
    ? (hits.find((h) => !MEASURE_UNITS.has(h.unit)) ?? hits[0])
    : hits[0];
  return first ? { quantity: first.quantity, unit: first.unit } : null;
}
