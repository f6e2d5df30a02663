/**
 * Sizes one workload: the memory terms of a model at a precision, context, concurrency, mode and
 * engine, for the whole deployment and (given a card and TP/PP degrees) for one card, each term
 * with its formula and inputs. Pure: the CLI, the window and the workbook all call this.
 */
import { fraction, nonNegativeNumber, oneOf, positiveInt } from '../checks.ts';
import { CardPlanError } from '../errors.ts';
import { paramCount } from '../model/params.ts';
import type { ModelSpec } from '../model/spec.ts';
import { BYTES_PER_GIB } from '../units.ts';
import type { CardMemory } from '../catalog/card-memory.ts';
import { logitsBytes, prefillActivationBytes, trainingActivationBytes } from './activations.ts';
import {
  CUDA_CONTEXT_BYTES,
  DEFAULT_GPU_MEMORY_UTILIZATION,
  DEFAULT_SGLANG_MEM_FRACTION_STATIC,
  DEFAULT_VLLM_VERSION,
  ENGINES,
  frameworkOverheadBytes,
  VLLM_BLOCK_TOKENS,
  vllmActivationBytes,
  vllmNonTorchBytes,
  vllmProfile,
  type Engine,
} from './engines.ts';
import { kvCacheBytesPerSequence, kvCacheBytesPerToken, kvElementsPerTokenPerLayer, slidingLayers, type MlaCacheLayout } from './kv-cache.ts';
import { defaultWeightFormat, KV_DTYPES, kvBytesPerElement, resolveKvDtype, WEIGHT_FORMATS, type ConcreteKvDtype, type KvDtype, type WeightFormat } from './precision.ts';
import { ruleOfThumb } from './rule-of-thumb.ts';
import { LORA_TARGETS, trainingStateBytes, type LoraTargets, type TrainingMode } from './training.ts';
import { largestLinearElements, weightsBytes } from './weights.ts';

export const MODES = ['inference', 'train-full', 'train-lora', 'train-qlora'] as const;
export type Mode = (typeof MODES)[number];
export const SIZING_METHODS = ['detailed', 'rule-of-thumb'] as const;
export type SizingMethod = (typeof SIZING_METHODS)[number];

/** The seed's safety buffer: 20% on top of everything else. */
export const DEFAULT_SAFETY_BUFFER_FRACTION = 0.2;
/** Context used when none is given: never the model's maximum, which may be 128K or more. */
export const DEFAULT_CONTEXT_TOKENS = 4096;

export interface Workload {
  weights?: WeightFormat;
  kvDtype?: KvDtype;
  contextTokens?: number;
  /** Prompt length prefilled at once (transformers activations); defaults to the whole context. */
  promptTokens?: number;
  concurrency?: number;
  mode?: Mode;
  engine?: Engine;
  engineVersion?: string;
  method?: SizingMethod;
  gpuMemoryUtilization?: number;
  memFractionStatic?: number;
  safetyBufferFraction?: number;
  /** Allow a context above the model's `max_position_embeddings`. */
  forceContext?: boolean;
  zeroStage?: 0 | 1 | 2 | 3;
  dataParallel?: number;
  loraRank?: number;
  loraTargets?: LoraTargets;
  activationCheckpointing?: boolean;
}

export interface Placement {
  card: CardMemory;
  tp: number;
  pp: number;
}

export type TermName = 'weights' | 'gradients' | 'optimizer' | 'kv-cache' | 'activations' | 'overhead' | 'buffer';
export type Bucket = 'weights' | 'kvCache' | 'activations' | 'overhead' | 'buffer';

export interface Term {
  term: TermName;
  bucket: Bucket;
  bytes: number;
  formula: string;
  inputs: Record<string, number | string | boolean>;
}

export interface MemoryBytes {
  weights: number;
  kvCache: number;
  activations: number;
  overhead: number;
  buffer: number;
  total: number;
}

export interface SizingResult {
  model: string;
  method: SizingMethod;
  mode: Mode;
  engine: Engine;
  weightFormat: WeightFormat;
  kvDtype: KvDtype;
  contextTokens: number;
  concurrency: number;
  params: number;
  activeParams: number;
  kvCacheBytesPerToken: number;
  bytes: MemoryBytes;
  perCard?: { card: string; tp: number; pp: number; cards: number; capacityBytes: number; fits: boolean; bytes: MemoryBytes };
  engineResult?: { kvPoolBytes: number; kvCacheTokens: number; maxConcurrency: number };
  breakdown: Term[];
  /** Per-card terms, when a placement was given. */
  perCardBreakdown?: Term[];
  warnings: string[];
}

interface Resolved {
  weights: WeightFormat;
  kvDtype: KvDtype;
  kv: ConcreteKvDtype;
  context: number;
  prompt: number;
  concurrency: number;
  mode: Mode;
  engine: Engine;
  method: SizingMethod;
  utilization: number;
  memFractionStatic: number;
  bufferFraction: number;
  zeroStage: 0 | 1 | 2 | 3;
  dataParallel: number;
  loraRank: number;
  loraTargets: LoraTargets;
  checkpointing: boolean;
  engineVersion: string;
}

const WHERE = 'sizeWorkload';

function resolve(spec: ModelSpec, w: Workload, warnings: string[]): Resolved {
  const context = positiveInt(WHERE, 'contextTokens', w.contextTokens ?? DEFAULT_CONTEXT_TOKENS);
  if (spec.maxContextTokens !== null && context > spec.maxContextTokens && !w.forceContext) {
    throw new CardPlanError(
      'invalid_input',
      `${WHERE}: contextTokens ${context} is above the model's limit of ${spec.maxContextTokens} (max_position_embeddings); force it to size anyway`,
    );
  }
  if (spec.maxContextTokens !== null && context > spec.maxContextTokens) warnings.push(`context ${context} is above the model's limit of ${spec.maxContextTokens} (forced)`);
  const prompt = positiveInt(WHERE, 'promptTokens', w.promptTokens ?? context);
  if (prompt > context) throw new CardPlanError('invalid_input', `${WHERE}: promptTokens ${prompt} must not exceed contextTokens ${context}`);
  const zero = w.zeroStage ?? 0;
  if (![0, 1, 2, 3].includes(zero)) throw new CardPlanError('invalid_input', `${WHERE}: zeroStage must be 0, 1, 2 or 3 (got ${String(zero)})`);
  const weights = oneOf(WHERE, 'weights', w.weights ?? defaultWeightFormat(spec), WEIGHT_FORMATS);
  const kvDtype = oneOf(WHERE, 'kvDtype', w.kvDtype ?? 'auto', KV_DTYPES);
  return {
    weights,
    kvDtype,
    kv: resolveKvDtype(kvDtype, spec, weights),
    context,
    prompt,
    concurrency: positiveInt(WHERE, 'concurrency', w.concurrency ?? 1),
    mode: oneOf(WHERE, 'mode', w.mode ?? 'inference', MODES),
    engine: oneOf(WHERE, 'engine', w.engine ?? 'generic', ENGINES),
    method: oneOf(WHERE, 'method', w.method ?? 'detailed', SIZING_METHODS),
    utilization: fraction(WHERE, 'gpuMemoryUtilization', w.gpuMemoryUtilization ?? DEFAULT_GPU_MEMORY_UTILIZATION),
    memFractionStatic: fraction(WHERE, 'memFractionStatic', w.memFractionStatic ?? DEFAULT_SGLANG_MEM_FRACTION_STATIC),
    bufferFraction: nonNegativeNumber(WHERE, 'safetyBufferFraction', w.safetyBufferFraction ?? DEFAULT_SAFETY_BUFFER_FRACTION),
    zeroStage: zero,
    dataParallel: positiveInt(WHERE, 'dataParallel', w.dataParallel ?? 1),
    loraRank: positiveInt(WHERE, 'loraRank', w.loraRank ?? 16),
    loraTargets: oneOf(WHERE, 'loraTargets', w.loraTargets ?? 'all-linear', LORA_TARGETS),
    checkpointing: w.activationCheckpointing ?? true,
    engineVersion: w.engineVersion ?? DEFAULT_VLLM_VERSION,
  };
}

function sum(terms: Term[]): MemoryBytes {
  const bytes: MemoryBytes = { weights: 0, kvCache: 0, activations: 0, overhead: 0, buffer: 0, total: 0 };
  for (const t of terms) {
    bytes[t.bucket] += t.bytes;
    bytes.total += t.bytes;
  }
  return bytes;
}

function withBuffer(terms: Term[], fractionOfRest: number): Term[] {
  const rest = terms.reduce((acc, t) => acc + t.bytes, 0);
  return [
    ...terms,
    {
      term: 'buffer',
      bucket: 'buffer',
      bytes: Math.ceil(rest * fractionOfRest),
      formula: 'safety buffer fraction × (all terms above)',
      inputs: { safetyBufferFraction: fractionOfRest, bytesAbove: rest },
    },
  ];
}

/** The seed article's method, exactly (see rule-of-thumb.ts). */
function ruleOfThumbTerms(spec: ModelSpec, r: Resolved, params: number): Term[] {
  const bytesPerParam = r.weights === 'fp32' ? 4 : r.weights === 'bf16' || r.weights === 'fp16' ? 2 : r.weights.includes('4') ? 0.5 : 1;
  const rot = ruleOfThumb({
    params,
    bytesPerParam,
    layers: spec.layers,
    heads: spec.heads,
    headDim: spec.headDim,
    contextTokens: r.context,
    concurrency: r.concurrency,
    training: r.mode !== 'inference',
  });
  const training = r.mode !== 'inference';
  return [
    {
      term: 'weights',
      bucket: 'weights',
      bytes: rot.weightsBytes,
      formula: training ? 'params × bytes per param × 2 (training doubles the weights)' : 'params × bytes per param',
      inputs: { params, bytesPerParam },
    },
    {
      term: 'kv-cache',
      bucket: 'kvCache',
      bytes: rot.kvCacheBytes,
      formula: 'layers × 2 × attention heads × head_dim × context × bytes × concurrency (no GQA)',
      inputs: { layers: spec.layers, heads: spec.heads, headDim: spec.headDim, contextTokens: r.context, bytesPerParam, concurrency: r.concurrency },
    },
    {
      term: 'buffer',
      bucket: 'buffer',
      bytes: rot.totalBytes - rot.weightsBytes - rot.kvCacheBytes,
      formula: '(weights + KV) × 0.2: the rule of thumb’s × 1.2',
      inputs: { factor: 1.2 },
    },
  ];
}

interface Split {
  tp: number;
  pp: number;
}

/** Weights on the busiest card: its share of the layers plus the embedding or LM head its stage holds. */
function weightsOnCard(total: number, embedding: number, lmHead: number, spec: ModelSpec, split: Split): number {
  const layerBytes = total - embedding - lmHead;
  const layersOnStage = Math.ceil(spec.layers / split.pp);
  const ends = split.pp === 1 ? embedding + lmHead : Math.max(embedding, lmHead);
  return Math.ceil((layerBytes * layersOnStage) / spec.layers / split.tp) + Math.ceil(ends / split.tp);
}

/** KV elements per token per layer that one TP rank stores: KV heads are split, or replicated past their count; MLA latents are replicated. */
function kvElementsOnRank(spec: ModelSpec, tp: number, mla: MlaCacheLayout): number {
  if (spec.mla) return kvElementsPerTokenPerLayer(spec, mla);
  return 2 * Math.max(1, spec.kvHeads / tp) * spec.headDim;
}

function validateSplit(spec: ModelSpec, split: Split, warnings: string[]): void {
  positiveInt(WHERE, 'tp', split.tp);
  positiveInt(WHERE, 'pp', split.pp);
  if (spec.heads % split.tp !== 0) {
    throw new CardPlanError('invalid_input', `${WHERE}: tp ${split.tp} must divide the ${spec.heads} attention heads`);
  }
  if (!spec.mla && spec.kvHeads % split.tp !== 0 && split.tp % spec.kvHeads !== 0) {
    throw new CardPlanError('invalid_input', `${WHERE}: tp ${split.tp} must divide the ${spec.kvHeads} KV heads or be a multiple of them`);
  }
  if (!spec.mla && split.tp > spec.kvHeads) warnings.push(`tp ${split.tp} exceeds the ${spec.kvHeads} KV heads: each rank keeps a replica of one KV head (as vLLM does)`);
  if (split.pp > spec.layers) throw new CardPlanError('invalid_input', `${WHERE}: pp ${split.pp} must not exceed the ${spec.layers} layers`);
}

/**
 * Sizes a workload.
 *
 * @example
 * const r = sizeWorkload(builtinModel('qwq-32b'), { contextTokens: 16_000, concurrency: 1 });
 * r.kvCacheBytesPerToken // 262_144; r.bytes.kvCache // 4_194_304_000
 */
export function sizeWorkload(spec: ModelSpec, workload: Workload = {}, placement?: Placement): SizingResult {
  const warnings = [...spec.warnings];
  const r = resolve(spec, workload, warnings);
  const params = paramCount(spec);
  const mlaLayout: MlaCacheLayout = r.engine === 'transformers' ? 'expanded' : 'latent';
  const perToken = kvCacheBytesPerToken(spec, r.kv, mlaLayout);
  const training = r.mode !== 'inference';
  const base = {
    model: spec.name,
    method: r.method,
    mode: r.mode,
    engine: r.engine,
    weightFormat: r.weights,
    kvDtype: r.kvDtype,
    contextTokens: r.context,
    concurrency: r.concurrency,
    params: params.total,
    activeParams: params.active,
    kvCacheBytesPerToken: perToken,
  };
  if (r.method === 'rule-of-thumb') {
    const breakdown = ruleOfThumbTerms(spec, r, params.total);
    if (spec.mla || spec.kvHeads < spec.heads || spec.slidingWindow) {
      const detailed = kvCacheBytesPerSequence(spec, r.context, r.kv, 'latent') * r.concurrency;
      const why = spec.mla ? 'MLA caches one latent per layer' : spec.kvHeads < spec.heads ? `the model has ${spec.kvHeads} KV heads for ${spec.heads} attention heads (GQA)` : 'sliding-window layers hold at most the window';
      warnings.push(`the rule of thumb counts every attention head as a KV head; ${why}: the detailed KV cache is ${detailed.toLocaleString('en-US')} bytes`);
    }
    return { ...base, bytes: sum(breakdown), breakdown, warnings };
  }
  if (spec.layout === 'manual' && r.mode !== 'inference' && r.mode !== 'train-full') {
    throw new CardPlanError('invalid_input', `${WHERE}: ${r.mode} needs the layer shapes; describe the model from its config.json`);
  }

  const weights = weightsBytes(spec, r.weights);
  let weightTotal = weights.total;
  if (spec.exactWeightBytes !== null && r.weights === defaultWeightFormat(spec)) weightTotal = spec.exactWeightBytes;
  if (r.weights === 'fp8' || r.weights === 'fp8-block' || r.weights === 'nvfp4' || r.weights === 'mxfp4') {
    // Formats some engines and most domestic cards cannot run natively; planning falls back later.
    if (spec.dtype === 'fp32') warnings.push(`${r.weights} weights from an fp32 checkpoint`);
  }

  const split: Split = placement ? { tp: placement.tp, pp: placement.pp } : { tp: 1, pp: 1 };
  if (placement) validateSplit(spec, split, warnings);

  const buildTerms = (onCard: boolean): Term[] => {
    const s: Split = onCard ? split : { tp: 1, pp: 1 };
    const terms: Term[] = [];
    const layersShare = onCard ? Math.ceil(spec.layers / s.pp) / spec.layers : 1;
    if (training) {
      const state = trainingStateBytes(spec, r.mode as TrainingMode, {
        totalParams: params.total,
        baseWeightsBytes: weightsBytes(spec, 'bf16').total,
        zeroStage: r.zeroStage,
        dataParallel: r.dataParallel,
        loraRank: r.loraRank,
        loraTargets: r.loraTargets,
      });
      const share = (bytes: number): number => Math.ceil((bytes * layersShare) / s.tp);
      const zeroNote = r.zeroStage > 0 ? `, ZeRO-${r.zeroStage} over ${r.dataParallel} data-parallel cards` : '';
      terms.push(
        { term: 'weights', bucket: 'weights', bytes: share(state.weightsBytes), formula: `${r.mode === 'train-qlora' ? 'NF4 base (4.127 bits) + 16-bit LoRA' : r.mode === 'train-lora' ? '16-bit base + 16-bit LoRA' : 'params × 2 B (bf16)'}${zeroNote}`, inputs: { params: params.total, trainableParams: state.trainableParams } },
        { term: 'gradients', bucket: 'weights', bytes: share(state.gradientsBytes), formula: `trainable params × 2 B${zeroNote}`, inputs: { trainableParams: state.trainableParams } },
        { term: 'optimizer', bucket: 'weights', bytes: share(state.optimizerBytes), formula: `trainable params × 12 B (fp32 master + Adam m, v)${zeroNote}`, inputs: { trainableParams: state.trainableParams } },
      );
      const act = trainingActivationBytes(spec, r.context, r.concurrency, r.checkpointing, s.tp);
      terms.push({
        term: 'activations',
        bucket: 'activations',
        bytes: onCard ? Math.ceil(act * layersShare) : act,
        formula: r.checkpointing
          ? 'layers × 2·s·b·h + 34·s·b·h/t (one layer recomputed) + 8·s·b·vocab/t (Korthikanti et al. 2022, FlashAttention)'
          : 'layers × 34·s·b·h/t + 8·s·b·vocab/t (Korthikanti et al. 2022, FlashAttention)',
        inputs: { sequenceTokens: r.context, microBatch: r.concurrency, hiddenSize: spec.hiddenSize, layers: spec.layers, vocabSize: spec.vocabSize, tp: s.tp, checkpointing: r.checkpointing },
      });
      terms.push({ term: 'overhead', bucket: 'overhead', bytes: frameworkOverheadBytes(s.tp), formula: 'CUDA context (0.51 GiB) + TP communication buffers (1.85 GiB when tp > 1)', inputs: { tp: s.tp } });
      return withBuffer(terms, r.bufferFraction);
    }

    // Inference.
    const w = onCard ? weightsOnCard(weightTotal, weights.embedding, weights.lmHead, spec, s) : weightTotal;
    terms.push({
      term: 'weights',
      bucket: 'weights',
      bytes: w,
      formula:
        spec.exactWeightBytes !== null && weightTotal === spec.exactWeightBytes
          ? 'safetensors index total_size'
          : `each tensor at ${r.weights}${r.weights === 'bf16' || r.weights === 'fp16' || r.weights === 'fp32' ? '' : ' (+ scales/zeros; embeddings, LM head, norms at 16 bits)'}${onCard ? `; layers ÷ (tp × pp), embedding/LM head ÷ tp` : ''}`,
      inputs: { params: params.total, format: r.weights, ...(onCard ? { tp: s.tp, pp: s.pp } : {}) },
    });
    const kvPerSeqAll = kvCacheBytesPerSequence(spec, r.context, r.kv, mlaLayout);
    const kvShare = onCard ? kvElementsOnRank(spec, s.tp, mlaLayout) / kvElementsPerTokenPerLayer(spec, mlaLayout) : 1;
    const kv = Math.ceil(kvPerSeqAll * r.concurrency * kvShare * layersShare);
    terms.push({
      term: 'kv-cache',
      bucket: 'kvCache',
      bytes: kv,
      formula: spec.mla
        ? mlaLayout === 'latent'
          ? 'layers × (kv_lora_rank + qk_rope_head_dim) × bytes × context × concurrency (MLA latent, replicated on every TP rank)'
          : 'layers × heads × (qk_nope + qk_rope + v_head_dim) × bytes × context × concurrency (transformers caches MLA expanded)'
        : `layers × 2 × KV heads × head_dim × bytes × context × concurrency${slidingLayers(spec) ? ` (${slidingLayers(spec)} sliding-window layers capped at ${spec.slidingWindow!.window} tokens)` : ''}${onCard ? ' ÷ tp (KV heads) ÷ pp (layers)' : ''}`,
      inputs: {
        layers: spec.layers,
        kvHeads: spec.kvHeads,
        headDim: spec.headDim,
        kvBytesPerElement: kvBytesPerElement(r.kv, spec),
        contextTokens: r.context,
        concurrency: r.concurrency,
        ...(onCard ? { tp: s.tp, pp: s.pp } : {}),
      },
    });
    if (r.engine === 'vllm' || r.engine === 'sglang') {
      const profile = vllmProfile(r.engineVersion);
      const act = vllmActivationBytes(spec, profile);
      terms.push({
        term: 'activations',
        bucket: 'activations',
        bytes: act,
        formula: `vLLM ${profile.version} profile-run peak ≈ base + vocab × per-entry (fitted on measured logs)`,
        inputs: { baseBytes: profile.activationBaseBytes, vocabSize: spec.vocabSize, bytesPerVocabEntry: profile.activationBytesPerVocabEntry, source: profile.source },
      });
      const nonTorch = vllmNonTorchBytes(s.tp, s.pp, profile);
      terms.push({
        term: 'overhead',
        bucket: 'overhead',
        bytes: CUDA_CONTEXT_BYTES + nonTorch,
        formula: 'CUDA context + non-torch memory (all-reduce buffers when tp > 1)',
        inputs: { cudaContextBytes: CUDA_CONTEXT_BYTES, nonTorchBytes: nonTorch, tp: s.tp, pp: s.pp },
      });
    } else {
      const prefill = prefillActivationBytes(spec, r.prompt * r.concurrency, s.tp);
      const logits = logitsBytes(spec, r.concurrency);
      terms.push({
        term: 'activations',
        bucket: 'activations',
        bytes: prefill + logits,
        formula: 'prompt × concurrency × (3 × intermediate/tp + 4 × hidden) × 2 B + concurrency × vocab × 4 B (last-token logits)',
        inputs: { promptTokens: r.prompt, concurrency: r.concurrency, intermediateSize: spec.intermediateSize, hiddenSize: spec.hiddenSize, vocabSize: spec.vocabSize, tp: s.tp },
      });
      if (r.engine === 'transformers' && r.weights === 'gptq-int4' && !spec.manualParams) {
        const elements = largestLinearElements(spec);
        terms.push({
          term: 'activations',
          bucket: 'activations',
          bytes: elements * 2,
          formula: 'GPTQ exllama dequantization buffer: largest quantized linear × 2 B (fp16)',
          inputs: { largestLinearElements: elements },
        });
      }
      terms.push({ term: 'overhead', bucket: 'overhead', bytes: frameworkOverheadBytes(s.tp), formula: 'CUDA context (0.51 GiB) + TP communication buffers (1.85 GiB when tp > 1)', inputs: { tp: s.tp } });
    }
    return withBuffer(terms, r.bufferFraction);
  };

  const breakdown = buildTerms(false);
  const result: SizingResult = { ...base, bytes: sum(breakdown), breakdown, warnings };
  if (!placement) {
    if (r.engine === 'vllm' || r.engine === 'sglang') warnings.push(`${r.engine}: give a card to see the KV tokens its pool holds`);
    return result;
  }

  const cardTerms = buildTerms(true);
  const cardBytes = sum(cardTerms);
  const capacity = placement.card.usableBytes;
  let fits = cardBytes.total <= capacity;
  if (!training && (r.engine === 'vllm' || r.engine === 'sglang')) {
    const weightsCard = cardBytes.weights;
    const pool =
      r.engine === 'vllm'
        ? Math.floor(r.utilization * capacity) - weightsCard - (cardTerms.find((t) => t.term === 'activations')?.bytes ?? 0) - vllmNonTorchBytes(split.tp, split.pp, vllmProfile(r.engineVersion))
        : Math.floor(r.memFractionStatic * capacity) - weightsCard;
    const perTokenOnCard = Math.ceil(
      (Math.ceil(spec.layers / split.pp) * kvElementsOnRank(spec, split.tp, mlaLayout) * kvBytesPerElement(r.kv, spec)),
    );
    const block = r.engine === 'vllm' ? VLLM_BLOCK_TOKENS : 1;
    const tokens = pool > 0 ? Math.floor(pool / perTokenOnCard / block) * block : 0;
    result.engineResult = { kvPoolBytes: Math.max(0, pool), kvCacheTokens: tokens, maxConcurrency: Math.round((tokens / r.context) * 100) / 100 };
    if (tokens === 0) warnings.push(`${r.engine}: no room for a KV cache on ${placement.card.name} (weights and activations exceed ${r.engine === 'vllm' ? 'gpu_memory_utilization' : 'mem_fraction_static'} of the card)`);
    // A preallocating engine fits when its KV pool holds the workload; it keeps (1 − utilization)
    // of the card as its own margin, so the buffer term is shown but not charged against capacity.
    fits = tokens >= r.context * r.concurrency;
  }
  result.perCard = {
    card: placement.card.id,
    tp: split.tp,
    pp: split.pp,
    cards: split.tp * split.pp,
    capacityBytes: capacity,
    fits,
    bytes: cardBytes,
  };
  result.perCardBreakdown = cardTerms;
  if (cardBytes.total > capacity) {
    warnings.push(`needs ${(cardBytes.total / BYTES_PER_GIB).toFixed(2)} GiB per card, ${placement.card.name} has ${(capacity / BYTES_PER_GIB).toFixed(2)} GiB usable`);
  }
  return result;
}
