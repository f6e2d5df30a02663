/**
 * Cost of a configuration: capex (cards, server chassis, extra line items), yearly power, TCO and
 * cost per million output tokens, in the plan's currency. Unknown prices and powers stay unknown
 * (null): they are never priced at zero.
 */
import type { CardSpec, Price } from '../catalog/card-specs.ts';
import { convert, type PlanAssumptions } from './assumptions.ts';
import { unitPrices } from './price-point.ts';

export interface Cost {
  capex: number | null;
  powerPerYear: number | null;
  tcoPerYear: number | null;
  costPerMillionTokens: number | null;
  /** The same figures at the low and high ends of the card's price range (equal for a single price). */
  range: { capex: [number, number]; tcoPerYear: [number, number] | null; costPerMillionTokens: [number, number] | null } | null;
}

const priceIn = (price: Price, a: PlanAssumptions): number => convert(price.amount, price.currency, a.currency, a);

/**
 * @example
 * // 8 × H20 at US$12,000 in one 8-card server at 7.1 CNY/USD:
 * // cards 681,600 CNY + chassis 32,010 × 7.1 = 227,271 CNY → capex 908,871 CNY
 */
export function costOf(card: CardSpec, cards: number, servers: number, tokensPerSecond: number | null, a: PlanAssumptions): Cost {
  const chassis = priceIn(a.chassisPrice[card.serverClass], a);
  const extras = a.extraLineItems.reduce((sum, item) => sum + priceIn(item.price, a) * item.quantity, 0);
  const unit = card.price === null ? null : unitPrices(card.price, cards);
  const toQuote = (amount: number) => convert(amount, card.price!.currency, a.currency, a);
  const perServer = chassis + priceIn(a.perServer.capex, a);
  const support = servers * priceIn(a.perServer.supportPerYear, a);
  const capexAt = (amount: number) => cards * toQuote(amount) + servers * perServer + extras;
  const capex = unit === null ? null : capexAt(unit.amount);
  // TDP × cards × PUE × hours → kWh × price per kWh.
  const powerPerYear = card.tdpWatts === null ? null : ((card.tdpWatts * cards * a.pue * a.hoursPerYear) / 1000) * priceIn(a.electricityPrice, a);
  const tokensPerYear = tokensPerSecond === null ? null : tokensPerSecond * 3600 * a.hoursPerYear * a.loadFraction;
  const tcoOf = (c: number | null) => (c === null || powerPerYear === null ? null : c / a.years + powerPerYear + support);
  const perMillionOf = (tco: number | null) => (tco === null || tokensPerYear === null || tokensPerYear === 0 ? null : (tco / tokensPerYear) * 1e6);
  const tcoPerYear = tcoOf(capex);
  let range: Cost['range'] = null;
  if (unit !== null) {
    const capexRange: [number, number] = [capexAt(unit.low), capexAt(unit.high)];
    const tcoRange = powerPerYear === null ? null : ([tcoOf(capexRange[0])!, tcoOf(capexRange[1])!] as [number, number]);
    const perMillion = tcoRange === null || perMillionOf(tcoRange[0]) === null ? null : ([perMillionOf(tcoRange[0])!, perMillionOf(tcoRange[1])!] as [number, number]);
    range = { capex: capexRange, tcoPerYear: tcoRange, costPerMillionTokens: perMillion };
  }
  return { capex, powerPerYear, tcoPerYear, costPerMillionTokens: perMillionOf(tcoPerYear), range };
}
