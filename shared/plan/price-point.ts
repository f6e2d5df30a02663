/**
 * Which point of a price range plans use: the low end, the middle (the default) or the high end.
 * A price from a price list, or a quote entered by the user, is one figure: every point is it.
 */
import type { CardPrice, CardSpec } from '../catalog/card-specs.ts';

export const PRICE_POINTS = ['low', 'mid', 'high'] as const;
export type PricePoint = (typeof PRICE_POINTS)[number];

/** @example pointOf({ low: 70_000, high: 120_000 }, 'mid') // 95_000 */
export function pointOf(price: Pick<CardPrice, 'low' | 'high'>, point: PricePoint): number {
  return point === 'low' ? price.low : point === 'high' ? price.high : (price.low + price.high) / 2;
}

/** The cards with their price's `amount` at the point (lists and user quotes untouched). */
export function atPricePoint(cards: readonly CardSpec[], point: PricePoint): CardSpec[] {
  return cards.map((c) => (c.price === null || c.price.list !== null || c.price.confidence === 'user' ? c : { ...c, price: { ...c.price, amount: pointOf(c.price, point) } }));
}

/**
 * The unit price for buying `quantity` cards: a price list's break for that quantity, or the
 * price's amount; and the low and high ends the same way.
 * @example unitPrices({ amount: 95_000, low: 95_000, high: 95_000, breaks: [{ minQuantity: 8, amount: 90_000 }] }, 16) // { amount: 90_000, low: 90_000, high: 90_000 }
 */
export function unitPrices(price: Pick<CardPrice, 'amount' | 'low' | 'high' | 'breaks'>, quantity: number): { amount: number; low: number; high: number } {
  const hit = [...price.breaks].reverse().find((b) => quantity >= b.minQuantity);
  return hit ? { amount: hit.amount, low: hit.amount, high: hit.amount } : { amount: price.amount, low: price.low, high: price.high };
}
