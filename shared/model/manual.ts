/**
 * A model typed in by hand: totals and the attention shape, enough for weights and KV cache.
 */
import { positiveInt } from '../checks.ts';
import { CardPlanError } from '../errors.ts';
import type { ModelSpec } from './spec.ts';

export interface ManualModelFields {
  params: number;
  activeParams?: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  hiddenSize?: number;
  intermediateSize?: number;
  vocabSize?: number;
  maxContextTokens?: number;
}

/** @example manualModel({ params: 32e9, layers: 64, heads: 40, kvHeads: 8, headDim: 128 }) */
export function manualModel(fields: ManualModelFields): ModelSpec {
  const where = 'manualModel';
  const params = positiveInt(where, 'params', fields.params);
  const layers = positiveInt(where, 'layers', fields.layers);
  const heads = positiveInt(where, 'heads', fields.heads);
  const kvHeads = positiveInt(where, 'kvHeads', fields.kvHeads);
  const headDim = positiveInt(where, 'headDim', fields.headDim);
  if (heads % kvHeads !== 0) throw new CardPlanError('invalid_input', `${where}: heads ${heads} must be a multiple of kvHeads ${kvHeads}`);
  const hiddenSize = fields.hiddenSize === undefined ? heads * headDim : positiveInt(where, 'hiddenSize', fields.hiddenSize);
  const warnings: string[] = [];
  if (fields.intermediateSize === undefined) warnings.push('intermediate size not given: activations assume 4 × hidden');
  if (fields.vocabSize === undefined) warnings.push('vocabulary size not given: logits assume 128,000 entries');
  return {
    name: 'manual model',
    modelType: 'manual',
    layout: 'manual',
    layers,
    hiddenSize,
    heads,
    kvHeads,
    headDim,
    intermediateSize: fields.intermediateSize === undefined ? 4 * hiddenSize : positiveInt(where, 'intermediateSize', fields.intermediateSize),
    vocabSize: fields.vocabSize === undefined ? 128_000 : positiveInt(where, 'vocabSize', fields.vocabSize),
    tiedEmbeddings: false,
    qkvBias: false,
    outputBias: false,
    mlpBias: false,
    qkNorm: false,
    normsPerLayer: 2,
    mla: null,
    moe: null,
    encoder: null,
    defaultKind: 'generation',
    slidingWindow: null,
    maxContextTokens: fields.maxContextTokens ?? null,
    dtype: 'bf16',
    quantization: null,
    exactWeightBytes: null,
    manualParams: { total: params, active: fields.activeParams === undefined ? params : positiveInt(where, 'activeParams', fields.activeParams) },
    warnings,
  };
}
