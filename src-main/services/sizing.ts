import type { ModelRef, SizeRequest } from '../../shared/contract.ts';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { describeModel } from '../../shared/model/from-config.ts';
import { manualModel } from '../../shared/model/manual.ts';
import type { ModelSpec } from '../../shared/model/spec.ts';
import { sizeWorkload, type SizingResult } from '../../shared/memory/size.ts';

export function resolveModel(ref: ModelRef): ModelSpec {
  if ('id' in ref) return builtinModel(ref.id);
  if ('config' in ref) return describeModel(ref.config, { name: ref.name, exactWeightBytes: ref.exactWeightBytes ?? null });
  return manualModel(ref.manual);
}

/** `sizing:size`: the memory of one workload, whole and (with a placement) per card. */
export function size(request: SizeRequest): SizingResult {
  const spec = resolveModel(request.model);
  const placement = request.placement ? { card: cardMemory(request.placement.cardId), tp: request.placement.tp, pp: request.placement.pp } : undefined;
  return sizeWorkload(spec, request.workload, placement);
}
