/**
 * Sizes one workload: the memory terms of a model at a precision, context, concurrency, mode and
 * engine, for the whole deployment and (given a card and TP/PP degrees) for one card, each term
 * with its formula and inputs. Pure: the CLI, the window and the workbook all call this.
 */
import { fraction, nonNegativeNumber, oneOf, positiveInt } from '../checks.ts';
import { CardPlanError } from '../errors.ts';
import { paramCount, type ParamCount } from '../model/params.ts';
import { WORKLOAD_KINDS, type ModelSpec, type WorkloadKind } from '../model/spec.ts';
import { BYTES_PER_GIB } from '../units.ts';
import type { CardMemory } from '../catalog/card-memory.ts';
import { encoderActivationBytes, logitsBytes, prefillActivationBytes, trainingActivationBytes } from './activations.ts';
import {
  CUDA_CONTEXT_BYTES,
  DEFAULT_GPU_MEMORY_UTILIZATION,
  DEFAULT_SGLANG_MEM_FRACTION_STATIC,
  DEFAULT_VLLM_VERSION,
  ENGINES,
  frameworkOverheadBytes,
  VLLM_BLOCK_TOKENS,
  VLLM_PROFILES,
  vllmActivationBytes,
  vllmNonTorchBytes,
  vllmProfile,
  type Engine,
  type VllmProfile,
} from './engines.ts';
import { kvCacheBytesPerSequence, kvCacheBytesPerToken, kvElementsPerTokenPerLayer, slidingLayers, type MlaCacheLayout } from './kv-cache.ts';
import { defaultWeightFormat, KV_DTYPES, kvBytesPerElement, resolveKvDtype, WEIGHT_FORMATS, type ConcreteKvDtype, type KvDtype, type WeightFormat } from './precision.ts';
import { ruleOfThumb } from './rule-of-thumb.ts';
import { LORA_TARGETS, trainingStateBytes, type LoraTargets, type TrainingMode, type TrainingState } from './training.ts';
import { largestLinearElements, weightsBytes } from './weights.ts';
import { memoryVerdict, poolMaxContextTokens, poolMaxUsers, poolVerdict, type Verdict } from './verdict.ts';
import {
  CUBLAS_WORKSPACE_BYTES,
  decodeStepBytesPerToken,
  TRANSFORMERS_ATTENTION,
  transformersProfile,
  type TransformersAttention,
  type TransformersProfile,
} from './transformers.ts';

export const MODES = ['inference', 'train-full', 'train-lora', 'train-qlora'] as const;
export type Mode = (typeof MODES)[number];
export const SIZING_METHODS = ['detailed', 'rule-of-thumb'] as const;
export type SizingMethod = (typeof SIZING_METHODS)[number];

/** The seed's safety buffer: 20% on top of everything else. */
export const DEFAULT_SAFETY_BUFFER_FRACTION = 0.2;
/** Context used when none is given: never the model's maximum, which may be 128K or more. */
export const DEFAULT_CONTEXT_TOKENS = 4096;

export interface Workload {
  /** generation (chat, completion), embedding or reranker; defaults to what the model is for. */
  kind?: WorkloadKind;
  weights?: WeightFormat;
  kvDtype?: KvDtype;
  contextTokens?: number;
  /** Prompt length prefilled at once (transformers activations); defaults to the whole context. */
  promptTokens?: number;
  /**
   * Tokens generated per request, for speed (time to first token, time per output token). Defaults
   * to context − prompt when a shorter prompt is given, else min(1,024, context ÷ 4).
   */
  outputTokens?: number;
  /** Latency targets the plan must meet (ms): time to first token, time per output token. */
  ttftTargetMs?: number;
  tpotTargetMs?: number;
  concurrency?: number;
  mode?: Mode;
  engine?: Engine;
  /** vLLM 0.19 | 0.11; transformers 4.51 | 4.46. Defaults to the newest profile of the engine. */
  engineVersion?: string;
  /** transformers: `attn_implementation` (SDPA unless FlashAttention 2 is installed and asked for). */
  attention?: TransformersAttention;
  /** transformers ≥ 4.51: `prefill_chunk_size`, the prompt tokens prefilled per forward pass. */
  prefillChunkTokens?: number;
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
  /**
   * Generation: the slowest decode speed each user may get, tokens/s. Plans never recommend an
   * option below it; sizing ignores it. Defaults to `DEFAULT_MIN_TOKENS_PER_USER`; 0 turns it off.
   */
  minTokensPerSecondPerUser?: number;
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
  /** The same formula in Chinese, for the zh-CN window and workbooks. */
  formulaZh: string;
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
  /** The model's `max_position_embeddings`, when known. */
  modelMaxContextTokens: number | null;
  params: number;
  activeParams: number;
  kvCacheBytesPerToken: number;
  bytes: MemoryBytes;
  kind: WorkloadKind;
  perCard?: {
    card: string;
    tp: number;
    pp: number;
    cards: number;
    capacityBytes: number;
    /** verdict.status === 'fits'. */
    fits: boolean;
    bytes: MemoryBytes;
    /** The fit, and the figure it was made on (see verdict.ts). */
    verdict: Verdict;
    /** Whole users (generation) or sequences per batch (embedding, reranker) that still fit. */
    maxConcurrency: number;
    maxContextTokens: number;
    /** `model` when the model's own limit, not memory, caps the context. */
    maxContextLimitedBy: 'memory' | 'model';
    /** Set when the verdict rests on the user's engine log for this card and split. */
    calibratedFrom: CalibrationSource | null;
  };
  engineResult?: { kvPoolBytes: number; kvCacheTokens: number; maxConcurrency: number };
  /**
   * transformers generation: the engine profile used, and what PyTorch holds between decode steps
   * once the whole context is cached (no prefill working set, no CUDA context), whole and per card.
   */
  transformers?: { version: string; attention: TransformersAttention; prefillChunkTokens: number | null; decodePhaseBytes: number; perCardDecodePhaseBytes?: number };
  breakdown: Term[];
  /** Per-card terms, when a placement was given. */
  perCardBreakdown?: Term[];
  warnings: string[];
}

export interface Resolved {
  kind: WorkloadKind;
  weights: WeightFormat;
  kvDtype: KvDtype;
  kv: ConcreteKvDtype;
  context: number;
  prompt: number;
  /** The prompt and output lengths speed is estimated at (see `Workload.outputTokens`). */
  speedPrompt: number;
  speedOutput: number;
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
  attention: TransformersAttention;
  prefillChunkTokens: number | null;
}

const WHERE = 'sizeWorkload';

export function resolveWorkload(spec: ModelSpec, w: Workload, warnings: string[]): Resolved {
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
  const speed = speedLengths(context, w);
  for (const field of ['ttftTargetMs', 'tpotTargetMs'] as const) {
    const value = w[field];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new CardPlanError('invalid_input', `${WHERE}: ${field} must be a positive number of milliseconds (got ${String(value)})`);
    }
  }
  const zero = w.zeroStage ?? 0;
  if (![0, 1, 2, 3].includes(zero)) throw new CardPlanError('invalid_input', `${WHERE}: zeroStage must be 0, 1, 2 or 3 (got ${String(zero)})`);
  const weights = oneOf(WHERE, 'weights', w.weights ?? defaultWeightFormat(spec), WEIGHT_FORMATS);
  const kvDtype = oneOf(WHERE, 'kvDtype', w.kvDtype ?? 'auto', KV_DTYPES);
  const kind = oneOf(WHERE, 'kind', w.kind ?? spec.defaultKind, WORKLOAD_KINDS);
  const mode = oneOf(WHERE, 'mode', w.mode ?? 'inference', MODES);
  if (spec.encoder && kind === 'generation') {
    throw new CardPlanError('invalid_input', `${WHERE}: ${spec.name} is an encoder (${spec.modelType}): it cannot generate text; its workload kind is embedding or reranker`);
  }
  if (spec.encoder && mode !== 'inference') {
    throw new CardPlanError('invalid_input', `${WHERE}: training an encoder (${spec.modelType}) is not modelled; size it for inference`);
  }
  if (w.minTokensPerSecondPerUser !== undefined) nonNegativeNumber(WHERE, 'minTokensPerSecondPerUser', w.minTokensPerSecondPerUser);
  const engine = oneOf(WHERE, 'engine', w.engine ?? 'generic', ENGINES);
  return {
    kind,
    weights,
    kvDtype,
    kv: resolveKvDtype(kvDtype, spec, weights),
    context,
    prompt,
    speedPrompt: speed.prompt,
    speedOutput: speed.output,
    concurrency: positiveInt(WHERE, 'concurrency', w.concurrency ?? 1),
    mode,
    engine,
    method: oneOf(WHERE, 'method', w.method ?? 'detailed', SIZING_METHODS),
    utilization: fraction(WHERE, 'gpuMemoryUtilization', w.gpuMemoryUtilization ?? DEFAULT_GPU_MEMORY_UTILIZATION),
    memFractionStatic: fraction(WHERE, 'memFractionStatic', w.memFractionStatic ?? DEFAULT_SGLANG_MEM_FRACTION_STATIC),
    bufferFraction: nonNegativeNumber(WHERE, 'safetyBufferFraction', w.safetyBufferFraction ?? DEFAULT_SAFETY_BUFFER_FRACTION),
    zeroStage: zero,
    dataParallel: positiveInt(WHERE, 'dataParallel', w.dataParallel ?? 1),
    loraRank: positiveInt(WHERE, 'loraRank', w.loraRank ?? 16),
    loraTargets: oneOf(WHERE, 'loraTargets', w.loraTargets ?? 'all-linear', LORA_TARGETS),
    checkpointing: w.activationCheckpointing ?? true,
    engineVersion: engineVersionOf(engine, w.engineVersion),
    attention: oneOf(WHERE, 'attention', w.attention ?? 'sdpa', TRANSFORMERS_ATTENTION),
    prefillChunkTokens: prefillChunk(engine, w),
  };
}

/** The prompt and output a request has, for speed: given, or context − prompt, or a quarter of the context. */
function speedLengths(context: number, w: Workload): { prompt: number; output: number } {
  if (w.outputTokens !== undefined) {
    const output = positiveInt(WHERE, 'outputTokens', w.outputTokens);
    const prompt = w.promptTokens ?? context - output;
    if (output >= context || prompt + output > context) throw new CardPlanError('invalid_input', `${WHERE}: promptTokens + outputTokens (${prompt} + ${output}) must fit in contextTokens ${context}`);
    return { prompt, output };
  }
  if (w.promptTokens !== undefined && w.promptTokens < context) return { prompt: w.promptTokens, output: context - w.promptTokens };
  const output = Math.max(1, Math.min(1024, Math.ceil(context / 4)));
  return { prompt: Math.max(1, context - output), output };
}

/** The engine's version profile: vLLM and transformers have several; the other engines none (''). */
function engineVersionOf(engine: Engine, version: string | undefined): string {
  if (engine === 'vllm') {
    const v = version ?? DEFAULT_VLLM_VERSION;
    if (!VLLM_PROFILES[v]) throw new CardPlanError('invalid_input', `${WHERE}: engineVersion ${JSON.stringify(v)} is not a vLLM profile CardPlan knows; one of ${Object.keys(VLLM_PROFILES).join(', ')}`);
    return v;
  }
  if (engine === 'transformers') return transformersProfile(version).version;
  return '';
}

function prefillChunk(engine: Engine, w: Workload): number | null {
  if (w.prefillChunkTokens === undefined) return null;
  const tokens = positiveInt(WHERE, 'prefillChunkTokens', w.prefillChunkTokens);
  if (engine !== 'transformers') throw new CardPlanError('invalid_input', `${WHERE}: prefillChunkTokens is transformers' prefill_chunk_size; the ${engine} engine does not take it`);
  const profile = transformersProfile(w.engineVersion);
  if (!profile.prefillChunking) throw new CardPlanError('invalid_input', `${WHERE}: prefill_chunk_size needs transformers 4.51 or newer (profile ${profile.version} prefills in one pass)`);
  return tokens;
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
      formulaZh: '安全冗余比例 ×（以上各项之和）',
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
      formulaZh: training ? '参数量 × 每参数字节数 × 2（训练时权重翻倍）' : '参数量 × 每参数字节数',
      inputs: { params, bytesPerParam },
    },
    {
      term: 'kv-cache',
      bucket: 'kvCache',
      bytes: rot.kvCacheBytes,
      formula: 'layers × 2 × attention heads × head_dim × context × bytes × concurrency (no GQA)',
      formulaZh: '层数 × 2 × 注意力头数 × 头维度 × 上下文 × 字节 × 并发数（未考虑 GQA）',
      inputs: { layers: spec.layers, heads: spec.heads, headDim: spec.headDim, contextTokens: r.context, bytesPerParam, concurrency: r.concurrency },
    },
    {
      term: 'buffer',
      bucket: 'buffer',
      bytes: rot.totalBytes - rot.weightsBytes - rot.kvCacheBytes,
      formula: '(weights + KV) × 0.2: the rule of thumb’s × 1.2',
      formulaZh: '（权重 + KV）× 0.2：经验公式中的 × 1.2',
      inputs: { factor: 1.2 },
    },
  ];
}

export interface Split {
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

export function validateSplit(spec: ModelSpec, split: Split, warnings: string[]): void {
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
 * Everything about a workload that does not depend on how it is split: computed once, then
 * `*OnCard` gives each memory term for any TP × PP split. `sizeWorkload` and the planner's search
 * both use these, so a plan and a sizing can never disagree about a byte.
 */
export interface Prepared {
  spec: ModelSpec;
  r: Resolved;
  params: ParamCount;
  mlaLayout: MlaCacheLayout;
  weightTotal: number;
  weightsFromIndex: boolean;
  embedding: number;
  lmHead: number;
  /** Bytes a decode step reads per token of weights (MoE: shared + top-k experts). */
  activeWeights: number;
  kvPerSequence: number;
  kvElementsFull: number;
  state: TrainingState | null;
  gptqBuffer: number;
  vllm: VllmProfile;
  /** The transformers profile, when the engine is transformers. */
  transformers: TransformersProfile | null;
  warnings: string[];
  /** What a start-up log of this card and engine measured (shared/engine-log/calibration.ts), if any. */
  calibration: PoolCalibration | null;
}

/**
 * A KV-pool engine's memory as measured on the card at one split: the device memory it saw, and
 * what it kept besides weights and KV. `sameModel`: the log loaded this model, so its weights are used too.
 */
export interface PoolCalibration {
  id: string;
  /** Where it comes from: the engine, the day the log was calibrated on, the model it loaded. */
  from: CalibrationSource;
  tp: number;
  pp: number;
  usableBytes: number | null;
  weightsBytes: number;
  nonKvExtraBytes: number;
  sameModel: boolean;
}

export interface CalibrationSource {
  engine: 'vllm' | 'sglang';
  /** YYYY-MM-DD */
  date: string;
  model: string | null;
  sameModel: boolean;
}

/** The calibration that applies at this split, if any. */
export function calibrationAt(p: Prepared, tp: number, pp: number): PoolCalibration | null {
  const c = p.calibration;
  return c && pooled(p) && c.tp === tp && c.pp === pp ? c : null;
}

export function prepareSizing(spec: ModelSpec, workload: Workload = {}): Prepared {
  const warnings = [...spec.warnings];
  const r = resolveWorkload(spec, workload, warnings);
  const params = paramCount(spec);
  const mlaLayout: MlaCacheLayout = r.engine === 'transformers' ? 'expanded' : 'latent';
  const training = r.mode !== 'inference';
  if (spec.layout === 'manual' && r.method === 'detailed' && r.mode !== 'inference' && r.mode !== 'train-full') {
    throw new CardPlanError('invalid_input', `${WHERE}: ${r.mode} needs the layer shapes; describe the model from its config.json`);
  }
  const weights = weightsBytes(spec, r.weights);
  const fromIndex = spec.exactWeightBytes !== null && r.weights === defaultWeightFormat(spec);
  const weightTotal = fromIndex ? spec.exactWeightBytes! : weights.total;
  const state = training
    ? trainingStateBytes(spec, r.mode as TrainingMode, {
        totalParams: params.total,
        baseWeightsBytes: weightsBytes(spec, 'bf16').total,
        zeroStage: r.zeroStage,
        dataParallel: r.dataParallel,
        loraRank: r.loraRank,
        loraTargets: r.loraTargets,
      })
    : null;
  return {
    spec,
    r,
    params,
    mlaLayout,
    weightTotal,
    weightsFromIndex: fromIndex,
    embedding: weights.embedding,
    lmHead: weights.lmHead,
    activeWeights: weights.total > 0 ? Math.round(weightTotal * (weights.active / weights.total)) : weightTotal,
    // Encoders cache nothing; a decoder used for embeddings holds its batch's keys and values only
    // during the one forward pass, which is still the peak.
    kvPerSequence: training || spec.encoder ? 0 : kvCacheBytesPerSequence(spec, r.context, r.kv, mlaLayout),
    kvElementsFull: kvElementsPerTokenPerLayer(spec, mlaLayout),
    state,
    gptqBuffer: r.engine === 'transformers' && r.weights === 'gptq-int4' && !spec.manualParams ? largestLinearElements(spec) * 2 : 0,
    vllm: vllmProfile(r.engine === 'vllm' ? r.engineVersion : undefined),
    transformers: r.engine === 'transformers' ? transformersProfile(r.engineVersion) : null,
    warnings,
    // Always present (null when none), so every Prepared has one shape for the engine's inline caches.
    calibration: null,
  };
}

/** Fraction of the layers the busiest pipeline stage holds. */
export function layersShare(spec: ModelSpec, pp: number): number {
  return Math.ceil(spec.layers / pp) / spec.layers;
}

const preallocates = (p: Prepared): boolean => p.r.engine === 'vllm' || p.r.engine === 'sglang';
/** Generation on vLLM/SGLang: a KV pool sized at start-up, judged in tokens (verdict.ts). */
const pooled = (p: Prepared): boolean => p.state === null && p.r.kind === 'generation' && preallocates(p);

/** Weights on one card (training: weights + gradients + optimizer states, see `trainingStateOnCard`). */
export function weightsBytesOnCard(p: Prepared, tp: number, pp: number): number {
  if (p.state) {
    const t = trainingStateOnCard(p, tp, pp);
    return t.weights + t.gradients + t.optimizer;
  }
  return weightsOnCard(p.weightTotal, p.embedding, p.lmHead, p.spec, { tp, pp });
}

export function trainingStateOnCard(p: Prepared, tp: number, pp: number): { weights: number; gradients: number; optimizer: number } {
  const share = layersShare(p.spec, pp);
  const on = (bytes: number): number => Math.ceil((bytes * share) / tp);
  const s = p.state!;
  return { weights: on(s.weightsBytes), gradients: on(s.gradientsBytes), optimizer: on(s.optimizerBytes) };
}

/** KV-cache bytes per token on one card: its layers, its KV heads (or replicas), its dtype. */
export function kvBytesPerTokenOnCard(p: Prepared, tp: number, pp: number): number {
  if (p.spec.encoder) return 0;
  return Math.ceil(p.spec.layers / pp) * kvElementsOnRank(p.spec, tp, p.mlaLayout) * kvBytesPerElement(p.r.kv, p.spec);
}

/** KV bytes one sequence of `contextTokens` holds on one card (its KV heads, its layers), sliding windows capped. */
export function kvBytesPerSequenceOnCard(p: Prepared, tp: number, pp: number, contextTokens: number): number {
  if (p.state || p.spec.encoder) return 0;
  const share = (kvElementsOnRank(p.spec, tp, p.mlaLayout) / p.kvElementsFull) * layersShare(p.spec, pp);
  return Math.ceil(kvCacheBytesPerSequence(p.spec, contextTokens, p.r.kv, p.mlaLayout) * share);
}

export function kvBytesOnCard(p: Prepared, tp: number, pp: number): number {
  if (p.state) return 0;
  const share = (kvElementsOnRank(p.spec, tp, p.mlaLayout) / p.kvElementsFull) * layersShare(p.spec, pp);
  return Math.ceil(p.kvPerSequence * p.r.concurrency * share);
}

export function activationBytesOnCard(p: Prepared, tp: number, pp: number): number {
  if (p.state) {
    const act = trainingActivationBytes(p.spec, p.r.context, p.r.concurrency, p.r.checkpointing, tp);
    return pp === 1 ? act : Math.ceil(act * layersShare(p.spec, pp));
  }
  if (pooled(p)) return vllmActivationBytes(p.spec, p.vllm);
  return activationBytesPerSequenceOnCard(p, tp, pp) * p.r.concurrency + p.gptqBuffer;
}

/**
 * Activations one more sequence adds on one card (on-demand engines, and every embedding or
 * reranker workload): the prefill of its prompt plus its last-token logits (generation, reranker
 * on a decoder), or one encoder pass (BERT family). Linear in the tokens: perToken × tokens + fixed.
 */
function activationBytesPerSequenceOnCard(p: Prepared, tp: number, pp: number): number {
  if (p.transformers && p.r.kind === 'generation') return transformersPeakAboveCacheOnCard(p, tp, pp) + activationBytesPerSequenceFixed(p);
  const tokens = p.r.kind === 'generation' ? p.r.prompt : p.r.context;
  return activationBytesPerTokenOnCard(p, tp) * tokens + activationBytesPerSequenceFixed(p);
}

/**
 * transformers, per sequence: what its peak holds above weights and the full KV cache. Either the
 * prefill (one pass, or `prefill_chunk_size` tokens at a time), when the cache holds only the
 * prompt — its working set less the KV of the tokens not yet generated — or a decode step's copies
 * at the full context, whichever is larger (transformers.ts).
 */
function transformersPeakAboveCacheOnCard(p: Prepared, tp: number, pp: number): number {
  const chunk = Math.min(p.r.prompt, p.r.prefillChunkTokens ?? p.r.prompt);
  const prefill = prefillActivationBytes(p.spec, chunk, tp);
  const perSequenceKv = p.kvPerSequence * ((kvElementsOnRank(p.spec, tp, p.mlaLayout) / p.kvElementsFull) * layersShare(p.spec, pp));
  const notYetGenerated = Math.floor((perSequenceKv * (p.r.context - p.r.prompt)) / p.r.context);
  return Math.max(prefill - notYetGenerated, decodeStepBytesOnCard(p, tp));
}

/** transformers: one decode step's copies at the full context (DynamicCache's cat, SDPA's repeat_kv), per sequence. */
function decodeStepBytesOnCard(p: Prepared, tp: number): number {
  return decodeStepBytesPerToken(p.spec, p.r.attention, tp) * p.r.context;
}

function activationBytesPerTokenOnCard(p: Prepared, tp: number): number {
  return p.spec.encoder ? encoderActivationBytes(p.spec, 1, tp) : prefillActivationBytes(p.spec, 1, tp);
}

/** Last-token logits: generation and decoder rerankers score from them; embeddings and encoders have none. */
function activationBytesPerSequenceFixed(p: Prepared): number {
  return p.spec.encoder || p.r.kind === 'embedding' ? 0 : logitsBytes(p.spec, 1);
}

export function overheadBytesOnCard(p: Prepared, tp: number, pp: number): number {
  if (pooled(p)) return CUDA_CONTEXT_BYTES + vllmNonTorchBytes(tp, pp, p.vllm);
  return frameworkOverheadBytes(tp) + (p.transformers ? CUBLAS_WORKSPACE_BYTES : 0);
}

/**
 * transformers: the memory PyTorch holds between decode steps once the whole context is cached —
 * weights, KV cache, one step's copies, last-position logits and the cuBLAS workspace, without the
 * prefill's working set and outside CUDA's own context. What Qwen's Qwen3 table reports.
 */
export function decodePhaseBytesOnCard(p: Prepared, tp: number, pp: number): number {
  const c = p.r.concurrency;
  return weightsBytesOnCard(p, tp, pp) + kvBytesOnCard(p, tp, pp) + (decodeStepBytesOnCard(p, tp) + activationBytesPerSequenceFixed(p)) * c + p.gptqBuffer + CUBLAS_WORKSPACE_BYTES;
}

/**
 * The safety buffer: `bufferFraction` of everything else; for a KV pool (vLLM, SGLang), of the
 * KV cache the workload asks for — headroom in the pool, since the engine holds back
 * (1 − utilization) of the card itself.
 */
export function bufferBytes(p: Prepared, rest: number, kvBytes = 0): number {
  return Math.ceil((pooled(p) ? kvBytes : rest) * p.r.bufferFraction);
}

/** `gpu_memory_utilization` (vLLM) or `mem_fraction_static` (SGLang); 1 for engines that allocate on demand. */
function engineFraction(p: Prepared): number {
  return p.r.engine === 'vllm' ? p.r.utilization : p.r.engine === 'sglang' ? p.r.memFractionStatic : 1;
}

/**
 * Does the workload fit one card of `capacity` usable bytes at this split? See verdict.ts for
 * the rule; the planner and `sizeWorkload` both call this.
 */
export function verdictOnCard(p: Prepared, tp: number, pp: number, capacity: number): Verdict {
  const w = weightsBytesOnCard(p, tp, pp);
  const act = activationBytesOnCard(p, tp, pp);
  if (pooled(p)) {
    const vllm = p.r.engine === 'vllm';
    const cal = calibrationAt(p, tp, pp);
    return poolVerdict({
      engine: vllm ? 'vllm' : 'sglang',
      fraction: engineFraction(p),
      usableBytes: cal?.usableBytes ?? capacity,
      nonKvBytes: cal ? (cal.sameModel ? cal.weightsBytes : w) + cal.nonKvExtraBytes : vllm ? w + act + vllmNonTorchBytes(tp, pp, p.vllm) : w,
      outsideBytes: vllm ? CUDA_CONTEXT_BYTES : act + overheadBytesOnCard(p, tp, pp),
      kvBytesPerToken: kvBytesPerTokenOnCard(p, tp, pp),
      blockTokens: vllm ? VLLM_BLOCK_TOKENS : 1,
      concurrency: p.r.concurrency,
      contextTokens: p.r.context,
      bufferFraction: p.r.bufferFraction,
    });
  }
  // An embedding or reranker model on vLLM/SGLang still gets only the engine's share of the card.
  const need = w + kvBytesOnCard(p, tp, pp) + act + overheadBytesOnCard(p, tp, pp);
  return memoryVerdict(need, p.r.bufferFraction, Math.floor(engineFraction(p) * capacity), engineFraction(p) < 1 ? engineFraction(p) : null);
}

export interface Headroom {
  /** Whole users (generation) or sequences per batch that still "fit" at the workload's context. */
  maxConcurrency: number;
  /** Tokens per sequence that still "fit" at the workload's concurrency, never above the model's limit. */
  maxContextTokens: number;
  maxContextLimitedBy: 'memory' | 'model';
}

/**
 * How far the workload could grow on this split and still "fit" by the same rule: memory grows
 * by the KV cache (and, on demand, the activations) of each sequence and token.
 */
export function headroomOnCard(p: Prepared, tp: number, pp: number, v: Verdict): Headroom {
  const limit = p.spec.maxContextTokens;
  const cap = (memory: number): Pick<Headroom, 'maxContextTokens' | 'maxContextLimitedBy'> =>
    limit !== null && memory > limit ? { maxContextTokens: limit, maxContextLimitedBy: 'model' } : { maxContextTokens: memory, maxContextLimitedBy: 'memory' };
  if (v.basis === 'kv-pool') {
    const block = v.engine === 'vllm' ? VLLM_BLOCK_TOKENS : 1;
    return { maxConcurrency: poolMaxUsers(v.poolTokens, p.r.context, block, v.bufferFraction), ...cap(poolMaxContextTokens(v.poolTokens, p.r.concurrency, block, v.bufferFraction)) };
  }
  // need(users, context) = fixed + users × perSequence(context), and "fits" is need × (1 + b) ≤ usable.
  const room = Math.floor(v.usableBytes / (1 + v.bufferFraction));
  const kvPerToken = kvBytesPerTokenOnCard(p, tp, pp);
  const perSequence = kvPerToken * p.r.context + activationBytesPerSequenceOnCard(p, tp, pp);
  const fixed = v.needBytes - perSequence * p.r.concurrency;
  const users = perSequence > 0 ? Math.max(0, Math.floor((room - fixed) / perSequence)) : 0;
  // Per token of context: its KV, and its prefill activations when the prompt is the whole context.
  const growsWithContext = p.r.kind !== 'generation' || p.r.prompt === p.r.context;
  const perToken = (kvPerToken + (growsWithContext ? activationBytesPerTokenOnCard(p, tp) : 0)) * p.r.concurrency;
  const fixedForContext = v.needBytes - perToken * p.r.context;
  const tokens = perToken > 0 ? Math.max(0, Math.floor((room - fixedForContext) / perToken)) : 0;
  return { maxConcurrency: users, ...cap(tokens) };
}

/**
 * Sizes a workload.
 *
 * @example
 * const r = sizeWorkload(builtinModel('qwq-32b'), { contextTokens: 16_000, concurrency: 1 });
 * r.kvCacheBytesPerToken // 262_144; r.bytes.kvCache // 4_194_304_000
 */
export function sizeWorkload(spec: ModelSpec, workload: Workload = {}, placement?: Placement, calibration?: PoolCalibration | null): SizingResult {
  const p = prepareSizing(spec, workload);
  p.calibration = calibration ?? null;
  const { r, params, mlaLayout, warnings } = p;
  const perToken = kvCacheBytesPerToken(spec, r.kv, mlaLayout);
  const training = p.state !== null;
  const base = {
    model: spec.name,
    method: r.method,
    mode: r.mode,
    engine: r.engine,
    weightFormat: r.weights,
    kvDtype: r.kvDtype,
    contextTokens: r.context,
    concurrency: r.concurrency,
    modelMaxContextTokens: spec.maxContextTokens,
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
    return { ...base, kind: r.kind, bytes: sum(breakdown), breakdown, warnings };
  }

  const split: Split = placement ? { tp: placement.tp, pp: placement.pp } : { tp: 1, pp: 1 };
  if (placement) validateSplit(spec, split, warnings);

  const buildTerms = (onCard: boolean): Term[] => {
    const { tp, pp } = onCard ? split : { tp: 1, pp: 1 };
    const terms: Term[] = [];
    const where: Record<string, number> = onCard ? { tp, pp } : {};
    if (training) {
      const state = trainingStateOnCard(p, tp, pp);
      const trainable = p.state!.trainableParams;
      const zeroNote = r.zeroStage > 0 ? `, ZeRO-${r.zeroStage} over ${r.dataParallel} data-parallel cards` : '';
      const zeroNoteZh = r.zeroStage > 0 ? `，ZeRO-${r.zeroStage} 切分到 ${r.dataParallel} 张数据并行卡` : '';
      terms.push(
        {
          term: 'weights',
          bucket: 'weights',
          bytes: state.weights,
          formula: `${r.mode === 'train-qlora' ? 'NF4 base (4.127 bits) + 16-bit LoRA' : r.mode === 'train-lora' ? '16-bit base + 16-bit LoRA' : 'params × 2 bytes (bf16)'}${zeroNote}`,
          formulaZh: `${r.mode === 'train-qlora' ? 'NF4 基座（4.127 位）+ 16 位 LoRA' : r.mode === 'train-lora' ? '16 位基座 + 16 位 LoRA' : '参数量 × 2 字节（BF16）'}${zeroNoteZh}`,
          inputs: { params: params.total, trainableParams: trainable, ...where },
        },
        { term: 'gradients', bucket: 'weights', bytes: state.gradients, formula: `trainable params × 2 bytes${zeroNote}`, formulaZh: `可训练参数 × 2 字节${zeroNoteZh}`, inputs: { trainableParams: trainable, ...where } },
        { term: 'optimizer', bucket: 'weights', bytes: state.optimizer, formula: `trainable params × 12 bytes (fp32 master + Adam m, v)${zeroNote}`, formulaZh: `可训练参数 × 12 字节（FP32 主权重 + Adam 一阶、二阶矩）${zeroNoteZh}`, inputs: { trainableParams: trainable, ...where } },
        {
          term: 'activations',
          bucket: 'activations',
          bytes: activationBytesOnCard(p, tp, pp),
          formula: r.checkpointing
            ? 'layers × 2·s·b·h + 34·s·b·h/t (one layer recomputed) + 8·s·b·vocab/t (Korthikanti et al. 2022, FlashAttention)'
            : 'layers × 34·s·b·h/t + 8·s·b·vocab/t (Korthikanti et al. 2022, FlashAttention)',
          formulaZh: r.checkpointing
            ? '层数 × 2·s·b·h + 34·s·b·h/t（重算一层）+ 8·s·b·词表/t（Korthikanti 等 2022，FlashAttention）'
            : '层数 × 34·s·b·h/t + 8·s·b·词表/t（Korthikanti 等 2022，FlashAttention）',
          inputs: { sequenceTokens: r.context, microBatch: r.concurrency, hiddenSize: spec.hiddenSize, layers: spec.layers, vocabSize: spec.vocabSize, checkpointing: r.checkpointing, tp, pp },
        },
        { term: 'overhead', bucket: 'overhead', bytes: overheadBytesOnCard(p, tp, pp), formula: 'CUDA context (0.51 GiB) + TP communication buffers (1.85 GiB when tp > 1)', formulaZh: 'CUDA 上下文（0.51 GiB）+ 张量并行通信缓冲（tp > 1 时 1.85 GiB）', inputs: { tp } },
      );
      return withBuffer(terms, r.bufferFraction);
    }

    terms.push({
      term: 'weights',
      bucket: 'weights',
      bytes: weightsBytesOnCard(p, tp, pp),
      formula: p.weightsFromIndex
        ? 'safetensors index total_size'
        : `each tensor at ${r.weights}${r.weights === 'bf16' || r.weights === 'fp16' || r.weights === 'fp32' ? '' : ' (+ scales/zeros; embeddings, LM head, norms at 16 bits)'}${onCard ? '; layers ÷ (tp × pp), embedding/LM head ÷ tp' : ''}`,
      formulaZh: p.weightsFromIndex
        ? 'safetensors 索引中的 total_size'
        : `每个张量按 ${r.weights} 存储${r.weights === 'bf16' || r.weights === 'fp16' || r.weights === 'fp32' ? '' : '（含缩放/零点；嵌入层、LM head、归一化层为 16 位）'}${onCard ? '；各层 ÷（tp × pp），嵌入层/LM head ÷ tp' : ''}`,
      inputs: { params: params.total, format: r.weights, ...where },
    });
    const encoderNote = spec.encoder !== null;
    const batchOnly = r.kind !== 'generation';
    terms.push({
      term: 'kv-cache',
      bucket: 'kvCache',
      bytes: kvBytesOnCard(p, tp, pp),
      formula: encoderNote
        ? 'none: an encoder keeps no KV cache (one forward pass per batch)'
        : `${spec.mla
          ? mlaLayout === 'latent'
            ? 'layers × (kv_lora_rank + qk_rope_head_dim) × bytes × context × concurrency (MLA latent, replicated on every TP rank)'
            : 'layers × heads × (qk_nope + qk_rope + v_head_dim) × bytes × context × concurrency (transformers caches MLA expanded)'
          : `layers × 2 × KV heads × head_dim × bytes × context × concurrency${slidingLayers(spec) ? ` (${slidingLayers(spec)} sliding-window layers capped at ${spec.slidingWindow!.window} tokens)` : ''}${onCard ? ' ÷ tp (KV heads; at least one per card) ÷ pp (layers)' : ''}`}${batchOnly ? '; held only during the batch’s forward pass' : ''}`,
      formulaZh: encoderNote
        ? '无：编码器不保留 KV 缓存（每批一次前向计算）'
        : `${spec.mla
          ? mlaLayout === 'latent'
            ? '层数 ×（kv_lora_rank + qk_rope_head_dim）× 字节 × 上下文 × 并发数（MLA 潜向量，每个 TP 分片各存一份）'
            : '层数 × 头数 ×（qk_nope + qk_rope + v_head_dim）× 字节 × 上下文 × 并发数（transformers 以展开形式缓存 MLA）'
          : `层数 × 2 × KV 头数 × 头维度 × 字节 × 上下文 × 并发数${slidingLayers(spec) ? `（${slidingLayers(spec)} 个滑动窗口层最多 ${spec.slidingWindow!.window} 个 Token）` : ''}${onCard ? ' ÷ tp（KV 头，每卡至少一个）÷ pp（层）' : ''}`}${batchOnly ? '；仅在该批次前向计算期间占用' : ''}`,
      inputs: encoderNote ? { kind: r.kind } : { layers: spec.layers, kvHeads: spec.kvHeads, headDim: spec.headDim, kvBytesPerElement: kvBytesPerElement(r.kv, spec), contextTokens: r.context, concurrency: r.concurrency, ...where },
    });
    if (pooled(p)) {
      terms.push({
        term: 'activations',
        bucket: 'activations',
        bytes: activationBytesOnCard(p, tp, pp),
        formula: `vLLM ${p.vllm.version} profile-run peak ≈ base + vocab × per-entry (fitted on measured logs)`,
        formulaZh: `vLLM ${p.vllm.version} 预分析峰值 ≈ 基数 + 词表 × 每项字节（按实测日志拟合）`,
        inputs: { baseBytes: p.vllm.activationBaseBytes, vocabSize: spec.vocabSize, bytesPerVocabEntry: p.vllm.activationBytesPerVocabEntry, source: p.vllm.source },
      });
      terms.push({
        term: 'overhead',
        bucket: 'overhead',
        bytes: overheadBytesOnCard(p, tp, pp),
        formula: 'CUDA context + non-torch memory (all-reduce buffers when tp > 1)',
        formulaZh: 'CUDA 上下文 + 非 PyTorch 显存（tp > 1 时含 all-reduce 缓冲）',
        inputs: { cudaContextBytes: CUDA_CONTEXT_BYTES, nonTorchBytes: vllmNonTorchBytes(tp, pp, p.vllm), tp, pp },
      });
      const kv = kvBytesOnCard(p, tp, pp);
      const rest = terms.reduce((acc, t) => acc + t.bytes, 0);
      terms.push({
        term: 'buffer',
        bucket: 'buffer',
        bytes: bufferBytes(p, rest, kv),
        formula: `safety headroom in the KV pool: buffer fraction × KV cache (${r.engine} holds back 1 − ${r.engine === 'vllm' ? 'gpu_memory_utilization' : 'mem_fraction_static'} of the card itself)`,
        formulaZh: `KV 池中的安全余量：安全冗余比例 × KV 缓存（${r.engine} 自身已预留卡上 1 − ${r.engine === 'vllm' ? 'gpu_memory_utilization' : 'mem_fraction_static'} 的显存）`,
        inputs: { safetyBufferFraction: r.bufferFraction, kvCacheBytes: kv },
      });
      return terms;
    }
    terms.push({
      term: 'activations',
      bucket: 'activations',
      bytes: activationBytesOnCard(p, tp, pp),
      ...(p.transformers && !batchOnly
        ? {
            formula: `transformers ${p.transformers.version}: concurrency × max(${r.prefillChunkTokens ? 'prefill_chunk_size' : 'prompt'} × (3 × intermediate/tp + 4 × hidden) × 2 bytes − KV of the tokens not yet generated during the prefill, context × one decode step's copies per token (${r.attention === 'sdpa' ? 'DynamicCache cat + SDPA repeat_kv' : 'DynamicCache cat'})) + concurrency × vocab × 4 bytes (last-position logits)${p.gptqBuffer ? ' + GPTQ exllama dequantization buffer (largest quantized linear × 2 bytes)' : ''}`,
            formulaZh: `transformers ${p.transformers.version}：并发数 × max(${r.prefillChunkTokens ? 'prefill_chunk_size' : '提示长度'} ×（3 × 中间层宽度/tp + 4 × 隐藏层宽度）× 2 字节 − 预填充时尚未生成的 Token 的 KV，上下文 × 每 Token 的单步解码副本（${r.attention === 'sdpa' ? 'DynamicCache 拼接 + SDPA repeat_kv' : 'DynamicCache 拼接'}））+ 并发数 × 词表 × 4 字节（末位置 logits）${p.gptqBuffer ? ' + GPTQ exllama 反量化缓冲（最大量化线性层 × 2 字节）' : ''}`,
            inputs: {
              engineVersion: p.transformers.version,
              attention: r.attention,
              promptTokens: r.prompt,
              prefillChunkTokens: r.prefillChunkTokens ?? r.prompt,
              contextTokens: r.context,
              concurrency: r.concurrency,
              intermediateSize: spec.intermediateSize,
              hiddenSize: spec.hiddenSize,
              decodeStepBytesPerToken: decodeStepBytesPerToken(spec, r.attention, tp),
              vocabSize: spec.vocabSize,
              gptqBufferBytes: p.gptqBuffer,
              tp,
            },
          }
        : encoderNote
        ? {
            formula: 'concurrency × context × (2 × hidden + 2 × intermediate/tp) × 2 bytes (one encoder layer’s working set, fused attention)',
            formulaZh: '并发数 × 上下文 ×（2 × 隐藏层宽度 + 2 × 中间层宽度/tp）× 2 字节（一个编码层的工作集，融合注意力）',
            inputs: { contextTokens: r.context, concurrency: r.concurrency, hiddenSize: spec.hiddenSize, intermediateSize: spec.intermediateSize, tp },
          }
        : {
            formula: `${batchOnly ? 'context' : 'prompt'} × concurrency × (3 × intermediate/tp + 4 × hidden) × 2 bytes${r.kind === 'embedding' ? '' : ' + concurrency × vocab × 4 bytes (last-token logits)'}${p.gptqBuffer ? ' + GPTQ exllama dequantization buffer (largest quantized linear × 2 bytes)' : ''}`,
            formulaZh: `${batchOnly ? '上下文' : '提示长度'} × 并发数 ×（3 × 中间层宽度/tp + 4 × 隐藏层宽度）× 2 字节${r.kind === 'embedding' ? '' : ' + 并发数 × 词表 × 4 字节（末 Token logits）'}${p.gptqBuffer ? ' + GPTQ exllama 反量化缓冲（最大量化线性层 × 2 字节）' : ''}`,
            inputs: { promptTokens: batchOnly ? r.context : r.prompt, concurrency: r.concurrency, intermediateSize: spec.intermediateSize, hiddenSize: spec.hiddenSize, vocabSize: spec.vocabSize, gptqBufferBytes: p.gptqBuffer, tp },
          }),
    });
    terms.push(
      p.transformers
        ? {
            term: 'overhead',
            bucket: 'overhead',
            bytes: overheadBytesOnCard(p, tp, pp),
            formula: 'CUDA context (0.51 GiB) + PyTorch’s cuBLAS workspace (32 MiB) + TP communication buffers (1.85 GiB when tp > 1)',
            formulaZh: 'CUDA 上下文（0.51 GiB）+ PyTorch 的 cuBLAS 工作区（32 MiB）+ 张量并行通信缓冲（tp > 1 时 1.85 GiB）',
            inputs: { cudaContextBytes: CUDA_CONTEXT_BYTES, cublasWorkspaceBytes: CUBLAS_WORKSPACE_BYTES, tp },
          }
        : { term: 'overhead', bucket: 'overhead', bytes: overheadBytesOnCard(p, tp, pp), formula: 'CUDA context (0.51 GiB) + TP communication buffers (1.85 GiB when tp > 1)', formulaZh: 'CUDA 上下文（0.51 GiB）+ 张量并行通信缓冲（tp > 1 时 1.85 GiB）', inputs: { tp } },
    );
    return withBuffer(terms, r.bufferFraction);
  };

  const breakdown = buildTerms(false);
  const result: SizingResult = { ...base, kind: r.kind, bytes: sum(breakdown), breakdown, warnings };
  if (p.transformers && !training && r.kind === 'generation') {
    result.transformers = { version: p.transformers.version, attention: r.attention, prefillChunkTokens: r.prefillChunkTokens, decodePhaseBytes: decodePhaseBytesOnCard(p, 1, 1) };
    if (placement) result.transformers.perCardDecodePhaseBytes = decodePhaseBytesOnCard(p, split.tp, split.pp);
  }
  if (!placement) {
    if (pooled(p)) warnings.push(`${r.engine}: give a card to see the KV tokens its pool holds`);
    return result;
  }

  const cardTerms = buildTerms(true);
  const cardBytes = sum(cardTerms);
  const capacity = placement.card.usableBytes;
  const verdict = verdictOnCard(p, split.tp, split.pp, capacity);
  if (verdict.basis === 'kv-pool') {
    result.engineResult = { kvPoolBytes: verdict.poolBytes, kvCacheTokens: verdict.poolTokens, maxConcurrency: Math.round((verdict.poolTokens / r.context) * 100) / 100 };
    if (verdict.poolTokens === 0) warnings.push(`${r.engine}: no room for a KV cache on ${placement.card.name} (weights and activations exceed ${r.engine === 'vllm' ? 'gpu_memory_utilization' : 'mem_fraction_static'} of the card)`);
  }
  const headroom = headroomOnCard(p, split.tp, split.pp, verdict);
  result.perCard = {
    card: placement.card.id,
    tp: split.tp,
    pp: split.pp,
    cards: split.tp * split.pp,
    capacityBytes: capacity,
    fits: verdict.status === 'fits',
    bytes: cardBytes,
    verdict,
    ...headroom,
    calibratedFrom: calibrationAt(p, split.tp, split.pp)?.from ?? null,
  };
  result.perCardBreakdown = cardTerms;
  return result;
}
