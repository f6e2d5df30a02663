import type { PlanRequestPayload } from '../../shared/contract.ts';
import type { CardSpec, Currency } from '../../shared/catalog/card-specs.ts';
import { cardCatalog } from './cards.ts';
import type { ServiceContext } from './context.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { DEFAULT_ASSUMPTIONS, type PlanAssumptions } from '../../shared/plan/assumptions.ts';
import { planProject as planProjectCore, type ProjectPlan } from '../../shared/plan/project.ts';
import { getSettings } from './settings.ts';
import { getProject, modelSpecOf } from './projects.ts';
import { planWorkload, type Plan } from '../../shared/plan/plan.ts';
import { resolveModel } from './sizing.ts';
import { pricedFromList } from './price-lists.ts';
import type { PriceListRef } from '../../shared/catalog/price-list-apply.ts';
import { atPricePoint, type PricePoint } from '../../shared/plan/price-point.ts';
import { measuredSpeedsFor } from './measured-speeds.ts';
import { calibrationsFor } from './calibrations.ts';

/** `catalog:cards`: the catalog in base units (with the user's edits when there is a store), unknown figures as null. */
export function listCards(ctx: ServiceContext): CardSpec[] {
  return cardCatalog(ctx);
}

export function selectCards(catalog: CardSpec[], ids: string[] | undefined): CardSpec[] {
  if (!ids) return catalog;
  return ids.map((id) => {
    const card = catalog.find((c) => c.id === id.toLowerCase());
    if (!card) throw new CardPlanError('invalid_input', `unknown card id ${JSON.stringify(id)}; see cardplan cards for the ids`);
    return card;
  });
}

/**
 * The cost assumptions of a plan: the defaults, with the user's settings (currency, exchange
 * rates, electricity price, PUE, years) when there is a store.
 */
export function assumptionsFor(ctx: ServiceContext, currency?: Currency): PlanAssumptions {
  if (ctx.storeless) return { ...DEFAULT_ASSUMPTIONS, currency: currency ?? DEFAULT_ASSUMPTIONS.currency };
  const s = getSettings(ctx);
  return {
    ...DEFAULT_ASSUMPTIONS,
    currency: currency ?? s.currency,
    cnyPer: { CNY: 1, USD: s.cnyPerUsd, EUR: s.cnyPerEur },
    electricityPrice: { amount: s.electricityCnyPerKwh, currency: 'CNY', date: null, source: 'settings', indicative: true },
    pue: s.pue,
    years: s.years,
    perServer: {
      capex: { amount: s.serverExtraCny, currency: 'CNY', date: null, source: s.serverExtraCny ? 'settings: networking, rack and installation per server' : DEFAULT_ASSUMPTIONS.perServer.capex.source, indicative: true },
      supportPerYear: { amount: s.supportCnyPerServerPerYear, currency: 'CNY', date: null, source: s.supportCnyPerServerPerYear ? 'settings: support per server per year' : DEFAULT_ASSUMPTIONS.perServer.supportPerYear.source, indicative: true },
    },
  };
}

export interface Pricing {
  cards: CardSpec[];
  assumptions: PlanAssumptions;
  /** The price list applied, if any. */
  priceList: PriceListRef | null;
  pricePoint: PricePoint;
}

/**
 * The catalog and cost assumptions a plan is priced with: the user's card edits, then a price list
 * (the project's, or one named), its chassis prices, and the point of the catalog's price ranges.
 */
export function pricingFor(ctx: ServiceContext, options: { projectId?: string; priceList?: string; pricePoint?: PricePoint; currency?: Currency } = {}): Pricing {
  const project = options.projectId ? getProject(ctx, options.projectId) : null;
  const assumptions = assumptionsFor(ctx, options.currency ?? project?.currency);
  let cards = cardCatalog(ctx);
  let priceList: PriceListRef | null = null;
  const listId = options.priceList ?? project?.priceListId ?? null;
  if (listId !== null && !ctx.storeless) {
    const priced = pricedFromList(ctx, cards, listId);
    cards = priced.cards;
    priceList = priced.list;
    assumptions.chassisPrice = { ...assumptions.chassisPrice, ...priced.chassis };
  }
  const pricePoint = options.pricePoint ?? project?.pricePoint ?? 'mid';
  return { cards: atPricePoint(cards, pricePoint), assumptions, priceList, pricePoint };
}

/** `plan:workload`: every card option for one workload, the recommendation and the Pareto front. */
export function plan(ctx: ServiceContext, request: PlanRequestPayload): Plan {
  const spec = resolveModel(request.model, ctx);
  const pricing = pricingFor(ctx, request);
  const assumptions = pricing.assumptions;
  if (request.targetTokensPerSecond !== undefined && !(request.targetTokensPerSecond > 0)) {
    throw new CardPlanError('invalid_input', `plan: targetTokensPerSecond must be a positive number (got ${request.targetTokensPerSecond})`);
  }
  return planWorkload({
    spec,
    workload: request.workload,
    cards: selectCards(pricing.cards, request.cardIds),
    assumptions,
    targetTokensPerSecond: request.targetTokensPerSecond,
    measuredSpeeds: measuredSpeedsFor(ctx, spec.name),
    calibrations: calibrationsFor(ctx, request.workload.engine),
  });
}

/** `plan:project`: every workload planned, then packed onto shared servers in one bill of materials. */
export function planProject(ctx: ServiceContext, projectId: string): ProjectPlan {
  const project = getProject(ctx, projectId);
  const workloads = project.workloadList.map((w) => {
    const spec = modelSpecOf(ctx.db, w.model);
    return {
      name: w.name,
      spec,
      measuredSpeeds: measuredSpeedsFor(ctx, spec.name),
      calibrations: calibrationsFor(ctx, w.workload.engine),
      workload: w.workload,
      ...(w.targetTokensPerSecond ? { targetTokensPerSecond: w.targetTokensPerSecond } : {}),
    };
  });
  const pricing = pricingFor(ctx, { projectId });
  return planProjectCore(workloads, pricing.cards, pricing.assumptions);
}
