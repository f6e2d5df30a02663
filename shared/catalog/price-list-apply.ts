/**
 * A price list applied: the cards it prices get its unit price (low = high = the list's price,
 * quantity breaks kept), the server classes it prices get its chassis price; everything else
 * keeps the catalog's range. Plans and quotes then say which list a price came from.
 */
import type { Price, ServerClass } from './card-specs.ts';
import type { CardPrice, CardSpec } from './card-specs.ts';
import type { PriceListItem } from './price-list.ts';

export interface PriceListRef {
  name: string;
  /** Who sent it (vendor, distributor), as the user named it. */
  source: string;
  importedAtMs: number;
}

export function applyPriceList(cards: readonly CardSpec[], items: readonly PriceListItem[], list: PriceListRef): CardSpec[] {
  const byCard = new Map<string, PriceListItem[]>();
  for (const i of items) if (i.cardId) byCard.set(i.cardId, [...(byCard.get(i.cardId) ?? []), i]);
  return cards.map((card) => {
    const mine = byCard.get(card.id);
    if (!mine) return card;
    const sorted = [...mine].sort((a, b) => a.minQuantity - b.minQuantity);
    const base = sorted[0]!;
    const price: CardPrice = {
      amount: base.unitPrice,
      low: base.unitPrice,
      high: base.unitPrice,
      currency: base.currency,
      date: base.date,
      source: `price list "${list.name}" (${base.source ?? list.source}, line ${base.line})`,
      indicative: false,
      confidence: 'list',
      list: list.name,
      breaks: sorted.slice(1).map((i) => ({ minQuantity: i.minQuantity, amount: i.unitPrice })),
    };
    return { ...card, price, priceSearched: null };
  });
}

/** Server chassis prices a list gives (its lowest-quantity price per class). */
export function chassisFromPriceList(items: readonly PriceListItem[], list: PriceListRef): Partial<Record<ServerClass, Price>> {
  const out: Partial<Record<ServerClass, Price>> = {};
  for (const i of [...items].sort((a, b) => b.minQuantity - a.minQuantity)) {
    if (!i.serverClass) continue;
    out[i.serverClass] = { amount: i.unitPrice, currency: i.currency, date: i.date, source: `price list "${list.name}" (${i.source ?? list.source}, line ${i.line})`, indicative: false };
  }
  return out;
}
