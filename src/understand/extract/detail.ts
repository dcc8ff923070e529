/**
 * How detailed an inquiry is: one point per specific fact, scaled to 0..1.
 *
 * Facts: a named product; up to SPEC_CAP kinds of specification (power, electrical rating,
 * dimensions, material, colour, technical ratings such as IP65/4000K/180gsm, a model number);
 * and one point each for quantity, Incoterm, port, certification, target price, payment terms,
 * packaging, delivery date/lead time and warranty. FULL_DETAIL_FACTS facts or more score 1:
 * a buyer who names the product, two specs, quantity, Incoterm, port, certificates and a target
 * price has told us all a first quotation needs.
 */

export const FULL_DETAIL_FACTS = 8;
const SPEC_CAP = 4;

const SPEC_PATTERNS: RegExp[] = [
  // power: 20W, 1.5 kW, 450Wp
  /(?<![\p{L}\d])\d+(?:[.,]\d+)?\s*(?:w|watts?|kw|kwp|wp|hp)(?![\p{L}])/iu,
  // electrical: 220V, AC85-265V, 12VDC, 100Ah, 5000mAh
  /(?<![\p{L}\d])(?:\d+(?:[.,]\d+)?\s*(?:v|vac|vdc|kv|ah|mah|amps?|hz)|ac\s?\d+(?:-\d+)?\s?v?|dc\s?\d+\s?v?)(?![\p{L}])/iu,
  // dimensions: 600x600mm, 1200 x 600 x 40 cm, 15 mm, 55 inch
  /(?<![\p{L}\d])\d+(?:[.,]\d+)?\s*(?:[x×*]\s*\d+(?:[.,]\d+)?){1,2}(?!\d|[.,]\d|\s*(?:hq|hc|gp|dc|ft|'|’|containers?))|(?<![\p{L}\d])\d+(?:[.,]\d+)?\s*(?:mm|cm|inch|inches|"|寸)(?![\p{L}])/iu,
  // material
  /(?<![\p{L}])(?:alumin(?:i)?um|steel|stainless|iron|brass|copper|wood(?:en)?|oak|teak|walnut|pine|mdf|plywood|bamboo|rattan|cotton|polyester|nylon|linen|silk|wool|leather|pu\s+leather|velvet|fabric|glass|tempered|pvc|abs|polycarbonate|acrylic|plastic|marble|granite|ceramic|porcelain|monocrystalline|polycrystalline|mono|poly|lifepo4|lithium|madera|algodón|acero|holz|baumwolle|bois|coton|дерево|хлопок|不锈钢|铝|实木|棉)(?![\p{L}])/iu,
  // colour
  /(?<![\p{L}])(?:white|black|red|blue|green|grey|gray|silver|golden|beige|brown|navy|ivory|cream|colou?rs?\s*[:：]|ral\s?\d{4}|pantone|blanco|negro|weiß|schwarz|blanc|noir|белый|черный|白色|黑色)(?![\p{L}])/iu,
  // technical ratings: IP65, 4000K, 100lm/W, CRI>80, 180gsm, 5 years warranty is counted apart
  /(?<![\p{L}])(?:ip\s?\d{2}|\d{4}\s?k|\d+\s?(?:lm|lumens?)(?:\/w)?|cri\s?[>≥]?\s?\d{2}|\d+\s?gsm|\d+\s?(?:rpm|bar|psi|db|kgs?\/h|t\/h|m3\/h|l\/min))(?![\p{L}])/iu,
  // model or item number
  /(?<![\p{L}])(?:model|item|art(?:icle)?|ref|sku|part|型号|货号)\.?\s*(?:no\.?|number|#)?\s*[:：]?\s*[A-Z0-9][A-Z0-9-]{2,}/iu,
];

const FACT_PATTERNS = {
  packaging:
    /(?<![\p{L}])(?:packing|packaging|package|carton|pallet|blister|colou?r\s+box|gift\s+box|private\s+label|oem|odm|logo|embalaje|embalagem|verpackung|emballage|упаковка)(?![\p{L}])|包装/iu,
  delivery:
    /(?<![\p{L}])(?:delivery\s+(?:time|date)|lead\s+time|production\s+time|deliver(?:y|ed)?\s+(?:by|before|within|in)|ship(?:ment|ping|ped)?\s+(?:by|before|within|in)\s+\w+|etd|eta|within\s+\d+\s+days|plazo\s+de\s+entrega|prazo\s+de\s+entrega|lieferzeit|délai\s+de\s+livraison|срок\s+поставки)(?![\p{L}])|交货期|交期|货期/iu,
  warranty: /(?<![\p{L}])(?:warranty|guarantee|garantía|garantia|garantie|гарантия)(?![\p{L}])|质保|保修/iu,
};

/** The facts other extractors already found, as booleans. */
export interface KnownFacts {
  product: boolean;
  quantity: boolean;
  incoterm: boolean;
  port: boolean;
  certification: boolean;
  targetPrice: boolean;
  payment: boolean;
}

function countSpecs(text: string, cap: number): number {
  let n = 0;
  // Past the cap the rest need not be read: a pattern that finds nothing scans the whole text.
  for (const re of SPEC_PATTERNS) if (n === cap || (re.test(text) && ++n === cap)) break;
  return n;
}

/**
 * The facts of `text`, counted no further than FULL_DETAIL_FACTS: more would score no higher,
 * and a detailed inquiry (most of those worth answering first) then skips the patterns left.
 */
export function countDetailFacts(text: string, known: KnownFacts): number {
  let facts = Math.min(FULL_DETAIL_FACTS, Object.values(known).filter(Boolean).length);
  facts += countSpecs(text, Math.min(SPEC_CAP, FULL_DETAIL_FACTS - facts));
  for (const re of Object.values(FACT_PATTERNS)) {
    if (facts === FULL_DETAIL_FACTS) break;
    if (re.test(text)) facts++;
  }
  return facts;
}

export function detailScoreOf(facts: number): number {
  return Math.min(1, Math.round((facts / FULL_DETAIL_FACTS) * 1000) / 1000);
}
