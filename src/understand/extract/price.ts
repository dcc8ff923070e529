/**
 * Target price and currency: "$2.50/pc", "US$ 3", "EUR 1.20", "target price 2.5 USD",
 * "precio objetivo 3 dólares", "目标价15元". A money amount counts as the buyer's target when a
 * price word precedes it or a per-unit marker follows it; otherwise only its currency is kept.
 */
import { matchesOf } from '../matches.ts';
import { parseLocaleNumber } from './text.ts';

export interface PriceFacts {
  targetPrice: number | null;
  currency: string | null;
}

/** Currency spellings to ISO 4217. Order matters: longer symbols before "$". */
const CURRENCY_TOKENS: [string, string][] = [
  ['US\\$|U\\.S\\.\\$|USD|US\\s+[Dd]ollars?|[Dd]ollars?|dólares|dolares|usd', 'USD'],
  ['HK\\$|HKD', 'HKD'],
  ['NT\\$|TWD', 'TWD'],
  ['S\\$|SGD', 'SGD'],
  ['A\\$|AU\\$|AUD', 'AUD'],
  ['C\\$|CA\\$|CAD', 'CAD'],
  ['MX\\$|MXN', 'MXN'],
  ['R\\$|BRL|reais', 'BRL'],
  ['\\$', 'USD'],
  ['€|EUR|[Ee]uros?', 'EUR'],
  ['£|GBP|pounds?\\s+sterling', 'GBP'],
  ['¥|RMB|CNY|rmb|yuan|元|人民币', 'CNY'],
  ['AED|dirhams?', 'AED'],
  ['SAR|riyals?', 'SAR'],
  ['₹|INR|rupees?', 'INR'],
  ['₽|RUB|руб\\.?|рублей|рубля', 'RUB'],
  ['₺|TRY|TL', 'TRY'],
  ['₦|NGN|naira', 'NGN'],
  ['ZAR|rand', 'ZAR'],
  ['JPY', 'JPY'],
  ['KRW|₩', 'KRW'],
  ['CHF', 'CHF'],
  ['PLN|zł', 'PLN'],
];
const CURRENCY_ALT = CURRENCY_TOKENS.map(([alt]) => alt).join('|');
const CURRENCY_LOOKUP = CURRENCY_TOKENS.map(
  ([alt, code]) => [new RegExp(`^(?:${alt})$`, 'i'), code] as const,
);

const AMOUNT = '(\\d{1,3}(?:[,.]\\d{3})+(?:[.,]\\d{1,4})?|\\d+(?:[.,]\\d{1,4})?)';
/** Latin-only boundary: Chinese glues amounts to words ("目标价15元"). */
const W = '(?<![A-Za-z0-9_$])';
/** "USD 2.50", "$2.50", "2.50 USD", "2,5€", "15元". */
const MONEY_RE = new RegExp(`${W}(?:(${CURRENCY_ALT})\\s*${AMOUNT}|${AMOUNT}\\s?(${CURRENCY_ALT}))`, 'gu');

/** Price words that make an amount the buyer's target ("target price", "budget", "can accept"). */
const TARGET_BEFORE_RE =
  /(?:target|budget|accept|acceptable|our\s+price|price\s+(?:should|must|needs?\s+to)\s+be|price\s+(?:is|of|at|around|about)|below|under|less\s+than|lower\s+than|around|about|approx\.?|max(?:imum)?\.?|at\s+most|not\s+(?:more\s+than|exceed)|offered|price|pricing|cost|precio(?:\s+objetivo)?|preço(?:\s+alvo)?|zielpreis|preis|prix(?:\s+cible)?|целевая\s+цена|цена|fiyat|سعر|目标价|价格|单价|期望价)[^.\n\d]{0,25}$/iu;
/** Per-unit markers after the amount: "/pc", "per set", "each". */
const PER_UNIT_AFTER_RE =
  /^\s*(?:(?:\/|per|a|an|por|pro|за|每)\s*(?:pc|pcs|piece|unit|set|pair|meter|metre|m|kg|ton|sqm|pieza|unidad|peça|stück|stk|шт|个|件|套|只)(?![a-z])|each(?![\p{L}])|\/)/iu;
/** Standalone currency codes ("please quote in USD"). */
const CURRENCY_CODE_RE =
  /(?<![\p{L}])(USD|EUR|GBP|RMB|CNY|AED|SAR|INR|RUB|TRY|NGN|ZAR|JPY|KRW|CHF|PLN|HKD|SGD|AUD|CAD|MXN|BRL|US\s+dollars?|euros?)(?![\p{L}])/u;

function currencyOf(token: string): string | null {
  const t = token.trim();
  return CURRENCY_LOOKUP.find(([re]) => re.test(t))?.[1] ?? null;
}

export function extractPrice(text: string): PriceFacts {
  let fallbackCurrency: string | null = null;
  for (const m of matchesOf(MONEY_RE, text)) {
    const token = m[1] ?? m[4];
    const raw = m[2] ?? m[3];
    if (!token || !raw) continue;
    // "TL" and "rand" are words too; only trust them right after a number.
    if (m[1] !== undefined && /^(?:TL|rand|dollars?|euros?)$/i.test(token)) continue;
    // A code glued to more letters ("2 USDT", "5 Rands") is some other word.
    const next = text.charAt(m.index + m[0].length);
    if (/[A-Za-z]$/.test(token) && /\p{L}/u.test(next)) continue;
    const currency = currencyOf(token);
    const amount = parseLocaleNumber(raw, false);
    if (!currency || amount === null || amount <= 0) continue;
    fallbackCurrency ??= currency;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
    if (TARGET_BEFORE_RE.test(before) || PER_UNIT_AFTER_RE.test(after))
      return { targetPrice: amount, currency };
  }
  if (fallbackCurrency) return { targetPrice: null, currency: fallbackCurrency };
  const code = CURRENCY_CODE_RE.exec(text);
  return { targetPrice: null, currency: code ? currencyOf(code[1]!) : null };
}
