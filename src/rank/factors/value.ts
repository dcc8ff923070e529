/**
 * Purchase potential from the quantity and price the buyer named. Containers, bulk weight,
 * piece counts and price x quantity all measure the same thing, so only the strongest counts.
 */
import type { RankingConfig } from '../ranking-schema.ts';
import { type Factor, type FactorRule, factor, type RankInput } from './types.ts';

// 20GP, 40'HQ, 40 ft HC, FCL, TEU, "containers". Not CTN: that is a carton.
const CONTAINER_UNIT =
  /container|\bcntrs?\b|\bfcl\b|\bteu\b|\b(?:20|40|45)\s*(?:gp|hq|hc|dc)\b|\b(?:20|40|45)\s*(?:['’]|ft\b|feet\b|foot\b)/i;
const TON_UNIT = /^(?:t|mt|tons?|tonnes?|metric\s+tons?)$/i;
const KG_UNIT = /^(?:kgs?|kilos?|kilograms?)$/i;

// toLocaleString with options builds a new Intl.NumberFormat on every call; this one is shared.
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function fmt(n: number): string {
  return NUMBER.format(n);
}

function quantitySignal(input: RankInput, cfg: RankingConfig): Factor | null {
  const qty = input.quantity;
  if (qty === null || qty <= 0) return null;
  const w = cfg.weights.value;
  const s = cfg.valueSignals;
  const unit = (input.unit ?? '').trim();
  if (unit !== '' && CONTAINER_UNIT.test(unit)) {
    const many = qty >= s.manyContainers;
    return factor(
      'value',
      many ? w.manyContainers : w.oneContainer,
      `Container volume (${fmt(qty)} x ${unit})`,
    );
  }
  const tons = TON_UNIT.test(unit) ? qty : KG_UNIT.test(unit) ? qty / 1000 : null;
  if (tons !== null) {
    return tons >= s.bulkTons ? factor('value', w.bulkWeight, `Bulk quantity (${fmt(qty)} ${unit})`) : null;
  }
  const label = `${fmt(qty)}${unit === '' ? ' pieces' : ` ${unit}`}`;
  if (qty >= s.largePieceCount) return factor('value', w.largePieceCount, `Large quantity (${label})`);
  if (qty >= s.mediumPieceCount) return factor('value', w.mediumPieceCount, `Sizeable quantity (${label})`);
  return null;
}

function orderValueSignal(input: RankInput, cfg: RankingConfig): Factor | null {
  if (
    input.quantity === null ||
    input.targetPrice === null ||
    input.quantity <= 0 ||
    input.targetPrice <= 0
  ) {
    return null;
  }
  // Export quotes without a currency are in US dollars in practice.
  const currency = (input.currency ?? 'USD').toUpperCase();
  const rate = cfg.valueSignals.fxToUsd[currency];
  if (rate === undefined) return null;
  const usd = input.quantity * input.targetPrice * rate;
  const band = [...cfg.weights.value.orderValue]
    .sort((a, b) => b.minUsd - a.minUsd)
    .find((b) => usd >= b.minUsd);
  if (band === undefined) return null;
  const assumed = input.currency === null ? ', currency assumed USD' : '';
  return factor('value', band.points, `Order worth about USD ${fmt(Math.round(usd))}${assumed}`);
}

export const valueFactor: FactorRule = (input, config) => {
  const candidates = [quantitySignal(input, config), orderValueSignal(input, config)].filter(
    (f): f is Factor => f !== null,
  );
  if (candidates.length === 0) return null;
  return candidates.reduce((best, f) => (f.points > best.points ? f : best));
};
