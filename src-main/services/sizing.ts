import type { ModelRef, SizeRequest } from '../../shared/contract.ts';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { appliedCalibration } from '../../shared/engine-log/calibration.ts';
import { calibrationsFor } from './calibrations.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { describeModel } from '../../shared/model/from-config.ts';
import { manualModel } from '../../shared/model/manual.ts';
import type { ModelSpec } from '../../shared/model/spec.ts';
import { sizeWorkload, type SizingResult } from '../../shared/memory/size.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { BUILTIN_MODELS } from '../../shared/model/catalog.ts';
import { paramCount } from '../../shared/model/params.ts';
import { defaultWeightFormat } from '../../shared/memory/precision.ts';
import type { CatalogModelSummary } from '../../shared/contract.ts';
import type { ServiceContext } from './context.ts';
import { modelSpecOf } from './projects.ts';

/** `catalog:models`: the built-in models with their exact parameter counts. */
export function catalogModels(): CatalogModelSummary[] {
  return BUILTIN_MODELS.map((m) => {
    const spec = builtinModel(m.id);
    const count = paramCount(spec);
    return {
      id: m.id,
      name: m.name,
      modelType: spec.modelType,
      params: count.total,
      activeParams: count.active,
      maxContextTokens: spec.maxContextTokens,
      defaultWeights: defaultWeightFormat(spec),
      kind: spec.defaultKind,
      encoder: spec.encoder !== null,
      source: m.source,
    };
  });
}

export function resolveModel(ref: ModelRef, ctx?: ServiceContext): ModelSpec {
  if ('id' in ref) return builtinModel(ref.id);
  if ('stored' in ref) {
    if (!ctx || ctx.storeless) throw new CardPlanError('invalid_input', 'a stored model needs the database');
    return modelSpecOf(ctx.db, { stored: ref.stored });
  }
  if ('config' in ref) return describeModel(ref.config, { name: ref.name, exactWeightBytes: ref.exactWeightBytes ?? null });
  return manualModel(ref.manual);
}

/** `sizing:size`: the memory of one workload, whole and (with a placement) per card. */
export function size(ctx: ServiceContext, request: SizeRequest): SizingResult {
  const spec = resolveModel(request.model, ctx);
  const placement = request.placement ? { card: cardMemory(request.placement.cardId), tp: request.placement.tp, pp: request.placement.pp } : undefined;
  // A card and engine the user calibrated on: the verdict rests on what the engine really did.
  const calibration = placement ? calibrationsFor(ctx, request.workload.engine).get(placement.card.id) : undefined;
  return sizeWorkload(spec, request.workload, placement, calibration ? appliedCalibration(calibration, spec.name) : null);
}
