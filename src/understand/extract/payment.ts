/**
 * Payment terms the buyer proposes or asks about, in canonical form: "T/T 30/70",
 * "L/C at sight", "L/C 60 days", "D/P", "D/A", "O/A 60 days", "Western Union", "PayPal".
 */
import { matchesOf } from '../matches.ts';

interface Found {
  index: number;
  term: string;
}

const TT_RE =
  /(?<![\p{L}])(?:T\/T|TT|T\.T\.|telegraphic\s+transfer|wire\s+transfer|bank\s+transfer|transferencia\s+bancaria|transferência\s+bancária|virement|überweisung|电汇)(?![\p{L}])/giu;
/** "30/70", "30% / 70%", "30:70". */
const SPLIT_RE = /^[^.\n]{0,25}?(?<!\d)(\d{1,2})\s*%?\s*[/:]\s*(\d{1,2})\s*%?(?!\d)/;
/** "30% deposit ... 70% balance/before shipment". */
const DEPOSIT_RE =
  /(?<!\d)(\d{1,2})\s*%\s*(?:deposit|advance|down\s*payment|prepayment|in\s+advance|anticipo|adelanto|depósito|sinal|anzahlung|acompte|предоплата|预付款?|定金)(?:[^.\n]{0,80}?(?<!\d)(\d{1,2})\s*%|[^.\n]{0,20}?(?<![\p{L}])(?:balance|rest|remaining|saldo|resto|restzahlung|solde|остаток|余款|尾款))/iu;
const LC_RE =
  /(?<![\p{L}])(?:L\/C|LC|L\.C\.|letter\s+of\s+credit|carta\s+de\s+cr[ée]dito|akkreditiv|lettre\s+de\s+crédit|аккредитив|信用证)(?![\p{L}])/gu;
const LC_LOWER_RE = /(?<![\p{L}])(?:l\/c|letter\s+of\s+credit)(?![\p{L}])/giu;
const SIGHT_RE = /^\s*(?:at\s+sight|a\s+la\s+vista|à\s+vue|à\s+vista|即期)/iu;
const LC_DAYS_RE = /^\s*(?:at\s+|usance\s+)?(\d{2,3})\s*days/i;
const SIMPLE_TERMS: [RegExp, string][] = [
  [/(?<![\p{L}])(?:D\/P|D\.P\.|documents\s+against\s+payment)(?![\p{L}])/giu, 'D/P'],
  [/(?<![\p{L}])(?:D\/A|D\.A\.|documents\s+against\s+acceptance)(?![\p{L}])/giu, 'D/A'],
  [/(?<![\p{L}])western\s+union(?![\p{L}])/giu, 'Western Union'],
  [/(?<![\p{L}])moneygram(?![\p{L}])/giu, 'MoneyGram'],
  [/(?<![\p{L}])pay\s?pal(?![\p{L}])/giu, 'PayPal'],
  [/(?<![\p{L}])trade\s+assurance(?![\p{L}])/giu, 'Trade Assurance'],
  [/(?<![\p{L}])escrow(?![\p{L}])/giu, 'Escrow'],
  [/(?<![\p{L}])credit\s+card(?![\p{L}])/giu, 'Credit card'],
];
/** "O/A 60 days", "open account 90 days", "net 30". */
const OA_RE = /(?<![\p{L}])(?:O\/A|OA|open\s+account)(?![\p{L}])\s*(?:of\s+|at\s+)?(?:(\d{2,3})\s*days)?/giu;
/** "Net 30" but not "net 30 kg". */
const NET_RE =
  /(?<![\p{L}])net\s*(30|45|60|90|120)(?:\s*days)?(?![\p{L}\d])(?!\s*(?:kgs?|g|lbs?|tons?|pcs)(?![\p{L}]))/giu;

function ttTerms(text: string): Found[] {
  const out: Found[] = [];
  for (const m of matchesOf(TT_RE, text)) {
    // Lower-case "tt" is not the abbreviation.
    if (m[0] === 'tt' || m[0] === 'Tt') continue;
    const split = SPLIT_RE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    const a = split ? Number(split[1]) : 0;
    const b = split ? Number(split[2]) : 0;
    out.push({ index: m.index, term: split && a + b === 100 ? `T/T ${a}/${b}` : 'T/T' });
    break;
  }
  const deposit = DEPOSIT_RE.exec(text);
  // "30% deposit, balance before shipment" names only the deposit; the balance is the rest.
  const rest = deposit ? (deposit[2] !== undefined ? Number(deposit[2]) : 100 - Number(deposit[1])) : 0;
  if (deposit && Number(deposit[1]) + rest === 100) {
    const term = `T/T ${deposit[1]}/${rest}`;
    const tt = out[0];
    if (tt && tt.term === 'T/T') tt.term = term;
    else if (!tt) out.push({ index: deposit.index, term });
  }
  return out;
}

function lcTerms(text: string): Found[] {
  for (const re of [LC_RE, LC_LOWER_RE]) {
    for (const m of matchesOf(re, text)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30);
      const days = LC_DAYS_RE.exec(after);
      const term = SIGHT_RE.test(after) ? 'L/C at sight' : days ? `L/C ${days[1]} days` : 'L/C';
      return [{ index: m.index, term }];
    }
  }
  return [];
}

function otherTerms(text: string): Found[] {
  const out: Found[] = [];
  for (const [re, term] of SIMPLE_TERMS) {
    for (const m of matchesOf(re, text)) {
      out.push({ index: m.index, term });
      break;
    }
  }
  for (const m of matchesOf(OA_RE, text)) {
    if (m[0].startsWith('oa') || (m[0].startsWith('OA') && !m[1])) continue;
    out.push({ index: m.index, term: m[1] ? `O/A ${m[1]} days` : 'O/A' });
    break;
  }
  for (const m of matchesOf(NET_RE, text)) {
    out.push({ index: m.index, term: `O/A ${m[1]} days` });
    break;
  }
  return out;
}

export function extractPaymentTerms(text: string): string | null {
  const found = [...ttTerms(text), ...lcTerms(text), ...otherTerms(text)].sort((a, b) => a.index - b.index);
  const terms: string[] = [];
  for (const f of found) if (!terms.includes(f.term)) terms.push(f.term);
  return terms.length > 0 ? terms.join(', ') : null;
}
