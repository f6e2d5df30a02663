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
import { measuredSpeedsFor } from './measured-speeds.ts';

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
  };
}

/** `plan:workload`: every card option for one workload, the recommendation and the Pareto front. */
export function plan(ctx: ServiceContext, request: PlanRequestPayload): Plan {
  const spec = resolveModel(request.model, ctx);
  const assumptions = assumptionsFor(ctx, request.currency);
  if (request.targetTokensPerSecond !== undefined && !(request.targetTokensPerSecond > 0)) {
    throw new CardPlanError('invalid_input', `plan: targetTokensPerSecond must be a positive number (got ${request.targetTokensPerSecond})`);
  }
  return planWorkload({
    spec,
    workload: request.workload,
    cards: selectCards(cardCatalog(ctx), request.cardIds),
    assumptions,
    targetTokensPerSecond: request.targetTokensPerSecond,
    measuredSpeeds: measuredSpeedsFor(ctx, spec.name),
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
      workload: w.workload,
      ...(w.targetTokensPerSecond ? { targetTokensPerSecond: w.targetTokensPerSecond } : {}),
    };
  });
  return planProjectCore(workloads, cardCatalog(ctx), assumptionsFor(ctx, project.currency));
}
