/** Types for trade-ngrams.mjs (plain JavaScript: npm's postinstall runs it before any TypeScript loader). */
export interface TradeNgrams {
  type: string;
  languages: Record<string, string>;
  cutFor: string[];
  ngrams: Record<string, Record<string, number>>;
}
export const TRADE_NGRAMS_FILE: string;
export function cutTradeNgrams(languages: readonly string[]): Promise<TradeNgrams>;
export function writeTradeNgrams(root: string): Promise<void>;
