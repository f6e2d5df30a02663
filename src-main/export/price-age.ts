/**
 * Whether a catalog price is too old to quote without checking: its latest date ("2024-02..2025-04"
 * → 2025-04) more than 12 months before the quote. Prices from a price list or typed in by the user
 * are the user's own, and dated by them.
 */
import type { CardPrice } from '../../shared/catalog/card-specs.ts';

export const PRICE_MAX_AGE_MONTHS = 12;

/** The latest year-month a price's date mentions, as months since year 0; null when it has none. */
function latestMonth(date: string | null): number | null {
  const found = [...(date ?? '').matchAll(/(\d{4})(?:-(\d{1,2}))?/g)].map((m) => Number(m[1]) * 12 + (m[2] ? Number(m[2]) - 1 : 11));
  return found.length ? Math.max(...found) : null;
}

/**
 * @example isPriceStale({ date: '2024-02..2025-04', confidence: 'reported', list: null }, Date.UTC(2026, 11, 4)) // true
 */
export function isPriceStale(price: Pick<CardPrice, 'date' | 'confidence' | 'list'>, quoteMs: number): boolean {
  if (price.list !== null || price.confidence === 'list' || price.confidence === 'user') return false;
  const latest = latestMonth(price.date);
  const quote = new Date(quoteMs);
  const now = quote.getUTCFullYear() * 12 + quote.getUTCMonth();
  return latest === null || now - latest > PRICE_MAX_AGE_MONTHS;
}
