/**
 * Cost of a configuration: capex (cards, server chassis, extra line items), yearly power, TCO and
 * cost per million output tokens, in the plan's currency. Unknown prices and powers stay unknown
 * (null): they are never priced at zero.
 */
import type { CardSpec, Price } from '../catalog/card-specs.ts';
import { convert, type PlanAssumptions } from './assumptions.ts';

export interface Cost {
  capex: number | null;
  powerPerYear: number | null;
  tcoPerYear: number | null;
  costPerMillionTokens: number | null;
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
  const capex = card.price === null ? null : cards * priceIn(card.price, a) + servers * chassis + extras;
  // TDP × cards × PUE × hours → kWh × price per kWh.
  const powerPerYear = card.tdpWatts === null ? null : ((card.tdpWatts * cards * a.pue * a.hoursPerYear) / 1000) * priceIn(a.electricityPrice, a);
  const tcoPerYear = capex === null || powerPerYear === null ? null : capex / a.years + powerPerYear;
  const tokensPerYear = tokensPerSecond === null ? null : tokensPerSecond * 3600 * a.hoursPerYear * a.loadFraction;
  return {
    capex,
    powerPerYear,
    tcoPerYear,
    costPerMillionTokens: tcoPerYear === null || tokensPerYear === null || tokensPerYear === 0 ? null : (tcoPerYear / tokensPerYear) * 1e6,
  };
}
