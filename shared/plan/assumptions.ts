/**
 * The assumptions a plan's costs and throughput rest on. Every default names its source or says it
 * is an assumption; all are editable per project (settings) and shown in the quote.
 */
import { CardPlanError } from '../errors.ts';
import type { Currency, Price, ServerClass } from '../catalog/card-specs.ts';

export interface PlanAssumptions {
  currency: Currency;
  /** CNY per unit of each currency. */
  cnyPer: { CNY: 1; USD: number; EUR: number };
  exchangeRateNote: string;
  electricityPrice: Price;
  pue: number;
  years: number;
  hoursPerYear: number;
  /** Fraction of the year the deployment runs at its planned load. */
  loadFraction: number;
  /**
   * Fraction of peak dense compute an encoder's forward pass achieves (embedding and reranker
   * models). Chat models' speed comes from the per-step model in plan/speed/, calibrated per card.
   */
  computeEfficiency: number;
  chassisPrice: Record<ServerClass, Price>;
  /** Cards per server when the catalog does not say. */
  defaultPerServer: number;
  maxPipelineParallel: number;
  /** Optional line items added to capex: network, storage, support. */
  extraLineItems: { name: string; price: Price; quantity: number }[];
  /** Per server beyond its chassis: networking, rack and installation (capex), and support a year. */
  perServer: { capex: Price; supportPerYear: Price };
}

export const DEFAULT_ASSUMPTIONS: PlanAssumptions = {
  currency: 'CNY',
  cnyPer: { CNY: 1, USD: 7.1, EUR: 7.7 },
  exchangeRateNote: 'indicative defaults (USD 7.1, EUR 7.7 CNY), not live rates: set the rates of your quote',
  electricityPrice: {
    amount: 0.088,
    currency: 'USD',
    date: '2024',
    source: "China Briefing: China's average industrial power rate, about US$0.088/kWh in 2024",
    indicative: true,
  },
  // National ceiling for new large data centres (2025 target); western hubs require 1.2.
  pue: 1.3,
  years: 3,
  hoursPerYear: 8760,
  loadFraction: 1,
  // Assumption: an encoder forward pass typically reaches 40–60% of dense peak.
  computeEfficiency: 0.5,
  chassisPrice: {
    baseboard: {
      amount: 32_010,
      currency: 'USD',
      date: '2023-05',
      source: 'SemiAnalysis DGX H100 bill of materials without the 8 GPUs and baseboard (CPUs, memory, storage, NICs, chassis, PSU)',
      indicative: true,
    },
    pcie: { amount: 80_000, currency: 'CNY', date: null, source: 'assumption: 8-slot PCIe GPU server without cards (no public source)', indicative: true },
  },
  defaultPerServer: 8,
  maxPipelineParallel: 8,
  extraLineItems: [],
  // Not included unless the user sets them (Settings): no public figure fits every deployment.
  perServer: {
    capex: { amount: 0, currency: 'CNY', date: null, source: 'networking, rack and installation per server: not included (set in Settings)', indicative: true },
    supportPerYear: { amount: 0, currency: 'CNY', date: null, source: 'support and maintenance per server per year: not included (set in Settings)', indicative: true },
  },
};

/** Converts between CNY, USD and EUR through CNY, at the rates of `a` (a plan's assumptions, or the settings'). */
export function convert(amount: number, from: Currency, to: Currency, a: Pick<PlanAssumptions, 'cnyPer'>): number {
  const rate = (c: Currency): number => {
    const value = a.cnyPer[c];
    if (!(value > 0) || !Number.isFinite(value)) throw new CardPlanError('invalid_input', `convert: the exchange rate for ${c} must be a positive number (got ${value})`);
    return value;
  };
  return from === to ? amount : (amount * rate(from)) / rate(to);
}
