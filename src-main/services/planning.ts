import type { PlanRequestPayload } from '../../shared/contract.ts';
import type { CardSpec } from '../../shared/catalog/card-specs.ts';
import { cardCatalog } from './cards.ts';
import type { ServiceContext } from './context.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { DEFAULT_ASSUMPTIONS } from '../../shared/plan/assumptions.ts';
import { planWorkload, type Plan } from '../../shared/plan/plan.ts';
import { resolveModel } from './sizing.ts';

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

/** `plan:workload`: every card option for one workload, the recommendation and the Pareto front. */
export function plan(ctx: ServiceContext, request: PlanRequestPayload): Plan {
  const spec = resolveModel(request.model, ctx);
  const assumptions = { ...DEFAULT_ASSUMPTIONS, currency: request.currency ?? DEFAULT_ASSUMPTIONS.currency };
  if (request.targetTokensPerSecond !== undefined && !(request.targetTokensPerSecond > 0)) {
    throw new CardPlanError('invalid_input', `plan: targetTokensPerSecond must be a positive number (got ${request.targetTokensPerSecond})`);
  }
  return planWorkload({ spec, workload: request.workload, cards: selectCards(cardCatalog(ctx), request.cardIds), assumptions, targetTokensPerSecond: request.targetTokensPerSecond });
}
