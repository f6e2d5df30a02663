/**
 * Reads a Hugging Face / ModelScope `config.json` (any of the supported dialects) into a
 * `ModelSpec`. Field names differ by family (ChatGLM says `multi_query_group_num` for KV heads and
 * `kv_channels` for head_dim); this is the one place that knows them. An unknown `model_type` is
 * read with the generic decoder fields and a warning, never a crash.
 */
import { CardPlanError } from '../errors.ts';
import type { Dtype, EncoderSpec, Layout, ModelSpec, MoeSpec, QuantizationSpec, SlidingWindowSpec, WorkloadKind } from './spec.ts';

type Config = Record<string, unknown>;

const LLAMA_LIKE = ['llama', 'mistral', 'mixtral', 'qwen2', 'qwen3', 'qwen3_moe', 'gemma', 'gemma2', 'internlm2', 'phi3', 'yi'];
const GLM = ['chatglm', 'glm', 'glm4'];
const DEEPSEEK = ['deepseek_v2', 'deepseek_v3'];
/** Encoders with learned absolute positions; RoBERTa's count 2 offset positions (padding_idx + 1). */
const BERT = ['bert'];
const ROBERTA = ['roberta', 'xlm-roberta'];

export const SUPPORTED_MODEL_TYPES: readonly string[] = [...LLAMA_LIKE, ...GLM, ...DEEPSEEK, ...BERT, ...ROBERTA];

const WHERE = 'describeModel';

function fail(message: string): never {
  throw new CardPlanError('invalid_input', `${WHERE}: ${message}`);
}

/** The first of `keys` present in the config, as a positive integer; `undefined` when none is present. */
function intField(config: Config, keys: string[], { required = true, min = 1 } = {}): number | undefined {
  for (const key of keys) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      fail(`config field ${key} must be an integer ≥ ${min} (got ${JSON.stringify(value)})`);
    }
    return value;
  }
  if (required) fail(`config.json has none of ${keys.join(', ')}`);
  return undefined;
}

function boolField(config: Config, key: string, fallback: boolean): boolean {
  const value = config[key];
  return typeof value === 'boolean' ? value : fallback;
}

function dtypeOf(config: Config, warnings: string[]): Dtype {
  const raw = config.torch_dtype ?? config.dtype;
  if (raw === 'bfloat16') return 'bf16';
  if (raw === 'float16' || raw === 'half') return 'fp16';
  if (raw === 'float32' || raw === 'float') return 'fp32';
  warnings.push(`torch_dtype ${raw === undefined ? 'missing' : JSON.stringify(raw)}: weights assumed bf16`);
  return 'bf16';
}

function quantizationOf(config: Config, warnings: string[]): QuantizationSpec | null {
  const q = config.quantization_config as Config | undefined;
  if (!q || typeof q !== 'object') return null;
  const method = String(q.quant_method ?? 'unknown');
  const block = Array.isArray(q.weight_block_size) && q.weight_block_size.length === 2 ? (q.weight_block_size as [number, number]) : null;
  const bits = typeof q.bits === 'number' ? q.bits : method === 'fp8' ? 8 : method === 'mxfp4' ? 4 : q.load_in_4bit ? 4 : q.load_in_8bit ? 8 : null;
  if (bits === null) warnings.push(`quantization_config ${method}: bit width unknown, assumed 8`);
  const notConverted = [q.modules_to_not_convert, q.ignore, q.modules_in_block_to_quantize === undefined ? undefined : []]
    .find(Array.isArray) as string[] | undefined;
  return {
    method,
    bits: bits ?? 8,
    groupSize: typeof q.group_size === 'number' && q.group_size > 0 ? q.group_size : null,
    blockSize: block,
    notConverted: (notConverted ?? []).filter((name): name is string => typeof name === 'string'),
  };
}

function slidingWindowOf(config: Config, modelType: string, maxContext: number | null): SlidingWindowSpec | null {
  const window = config.sliding_window ?? config.sliding_window_size;
  if (typeof window !== 'number' || window <= 0) return null;
  if (config.use_sliding_window === false) return null; // Qwen2/QwQ/Qwen3 ship a window they do not use
  if ((modelType === 'qwen2' || modelType === 'qwen3' || modelType === 'qwen3_moe') && config.use_sliding_window !== true) return null;
  if (maxContext !== null && window >= maxContext) return null;
  return { window, layers: modelType === 'gemma2' ? 'alternate' : 'all' };
}

function moeOf(config: Config, modelType: string, layers: number, deepseek: boolean): MoeSpec | null {
  if (deepseek) {
    const experts = intField(config, ['n_routed_experts'], { required: false });
    if (!experts) return null;
    return {
      experts,
      expertsPerToken: intField(config, ['num_experts_per_tok'])!,
      expertIntermediateSize: intField(config, ['moe_intermediate_size'])!,
      sharedExperts: intField(config, ['n_shared_experts'], { required: false, min: 0 }) ?? 0,
      denseLayers: intField(config, ['first_k_dense_replace'], { required: false, min: 0 }) ?? 0,
      routerBias: config.topk_method === 'noaux_tc',
    };
  }
  const experts = intField(config, ['num_local_experts', 'num_experts'], { required: false });
  if (!experts) return null;
  const mlpOnly = Array.isArray(config.mlp_only_layers) ? config.mlp_only_layers.length : 0;
  const step = intField(config, ['decoder_sparse_step'], { required: false }) ?? 1;
  if (step !== 1) fail(`decoder_sparse_step ${step} is not supported (only 1: every layer is MoE)`);
  return {
    experts,
    expertsPerToken: intField(config, ['num_experts_per_tok', 'num_experts_per_token'])!,
    // Mixtral's experts are `intermediate_size` wide; Qwen3-MoE names theirs `moe_intermediate_size`.
    expertIntermediateSize: intField(config, modelType === 'mixtral' ? ['intermediate_size'] : ['moe_intermediate_size', 'intermediate_size'])!,
    sharedExperts: 0,
    denseLayers: Math.min(mlpOnly, layers),
    routerBias: false,
  };
}

function architectureOf(config: Config): string {
  return Array.isArray(config.architectures) && typeof config.architectures[0] === 'string' ? config.architectures[0] : '';
}

/** Labels of a classification head: `num_labels`, else the size of `id2label`, else transformers' default of 2. */
function labelsOf(config: Config): number {
  if (typeof config.num_labels === 'number' && Number.isSafeInteger(config.num_labels) && config.num_labels > 0) return config.num_labels;
  if (config.id2label && typeof config.id2label === 'object') return Math.max(1, Object.keys(config.id2label).length);
  return 2;
}

/**
 * BERT-family encoders. `BertModel`/`XLMRobertaModel` carry a pooler; `*ForSequenceClassification`
 * (cross-encoder rerankers) carry a classification head instead: RoBERTa's is dense h→h + out_proj
 * h→labels with no pooler, BERT's is a pooler + h→labels.
 */
function encoderOf(config: Config, modelType: string): EncoderSpec | null {
  if (!BERT.includes(modelType) && !ROBERTA.includes(modelType)) return null;
  const positionType = config.position_embedding_type;
  if (positionType !== undefined && positionType !== 'absolute') fail(`position_embedding_type ${JSON.stringify(positionType)} is not supported (only absolute positions)`);
  const architecture = architectureOf(config);
  const classifying = architecture.endsWith('ForSequenceClassification');
  const roberta = ROBERTA.includes(modelType);
  return {
    positionEmbeddings: intField(config, ['max_position_embeddings'])!,
    typeVocabSize: intField(config, ['type_vocab_size'], { required: false, min: 0 }) ?? 2,
    pooler: classifying ? !roberta : architecture === '' || architecture.endsWith('Model'),
    classifier: classifying ? { style: roberta ? 'roberta' : 'bert', labels: labelsOf(config) } : null,
  };
}

/** Tokens an encoder can take: RoBERTa/XLM-R position ids start at padding_idx + 1, so 8194 positions hold 8192 tokens. */
function encoderMaxTokens(config: Config, modelType: string, encoder: EncoderSpec): number {
  if (!ROBERTA.includes(modelType)) return encoder.positionEmbeddings;
  const pad = intField(config, ['pad_token_id'], { required: false, min: 0 }) ?? 1;
  const tokens = encoder.positionEmbeddings - pad - 1;
  if (tokens < 1) fail(`max_position_embeddings ${encoder.positionEmbeddings} leaves no tokens after the padding offset ${pad + 1}`);
  return tokens;
}

function defaultKindOf(config: Config, encoder: EncoderSpec | null): WorkloadKind {
  if (encoder) return encoder.classifier ? 'reranker' : 'embedding';
  return architectureOf(config).endsWith('ForSequenceClassification') ? 'reranker' : 'generation';
}

export interface DescribeOptions {
  name?: string;
  /** `metadata.total_size` of `model.safetensors.index.json`, when known. */
  exactWeightBytes?: number | null;
  /** The workload kind the model is published for (Qwen3-Embedding is a decoder used for embeddings). */
  kind?: WorkloadKind;
}

/**
 * @example
 * const qwq = describeModel(qwq32bConfig);
 * // { layers: 64, heads: 40, kvHeads: 8, headDim: 128, … }
 */
export function describeModel(raw: unknown, options: DescribeOptions = {}): ModelSpec {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('config.json must be a JSON object');
  const config = raw as Config;
  const warnings: string[] = [];
  const modelType = typeof config.model_type === 'string' ? config.model_type : 'unknown';
  const deepseek = DEEPSEEK.includes(modelType);
  const glm = GLM.includes(modelType);
  if (!SUPPORTED_MODEL_TYPES.includes(modelType)) {
    warnings.push(`model_type ${JSON.stringify(modelType)} is not one CardPlan knows; read as a generic decoder (Llama-style layers, no biases)`);
  }

  const layers = intField(config, ['num_hidden_layers', 'num_layers', 'n_layer'])!;
  const hiddenSize = intField(config, ['hidden_size', 'n_embd', 'd_model'])!;
  const heads = intField(config, ['num_attention_heads', 'n_head'])!;
  const kvHeads = glm
    ? config.multi_query_attention === false
      ? heads
      : intField(config, ['multi_query_group_num', 'num_key_value_heads'])!
    : (intField(config, ['num_key_value_heads', 'n_head_kv'], { required: false }) ?? heads);
  // Never derive head_dim when the config gives it (Qwen3, Gemma 2: heads × head_dim ≠ hidden).
  const headDim = intField(config, ['head_dim', 'kv_channels'], { required: false }) ?? hiddenSize / heads;
  if (!Number.isInteger(headDim)) fail(`hidden_size ${hiddenSize} is not a multiple of num_attention_heads ${heads} and no head_dim is given`);
  if (heads % kvHeads !== 0) fail(`num_attention_heads ${heads} must be a multiple of the KV heads ${kvHeads}`);
  const intermediateSize = intField(config, ['intermediate_size', 'ffn_hidden_size', 'n_inner'])!;
  const vocabSize = intField(config, ['vocab_size', 'padded_vocab_size'])!;
  const encoder = encoderOf(config, modelType);
  const maxContextTokens = encoder
    ? encoderMaxTokens(config, modelType, encoder)
    : (intField(config, ['max_position_embeddings', 'seq_length', 'max_sequence_length', 'n_positions'], { required: false }) ?? null);

  const attentionBias = boolField(config, 'attention_bias', false);
  const qkvBias =
    modelType === 'qwen2' || (glm && boolField(config, 'add_qkv_bias', false)) || (modelType === 'internlm2' && boolField(config, 'bias', false)) || attentionBias;
  const outputBias = attentionBias || (modelType === 'internlm2' && boolField(config, 'bias', false)) || (glm && boolField(config, 'add_bias_linear', false));
  const mlpBias = boolField(config, 'mlp_bias', false) || (glm && boolField(config, 'add_bias_linear', false));
  const tiedDefault = modelType === 'gemma' || modelType === 'gemma2';
  const layout: Layout = encoder ? 'bert' : deepseek ? 'deepseek' : glm ? 'glm' : 'llama';

  const mla = deepseek
    ? {
        kvLoraRank: intField(config, ['kv_lora_rank'])!,
        qLoraRank: intField(config, ['q_lora_rank'], { required: false }) ?? null,
        qkNopeHeadDim: intField(config, ['qk_nope_head_dim'])!,
        qkRopeHeadDim: intField(config, ['qk_rope_head_dim'])!,
        vHeadDim: intField(config, ['v_head_dim'])!,
      }
    : null;

  return {
    name: options.name ?? (typeof config._name_or_path === 'string' ? config._name_or_path : modelType),
    modelType,
    layout,
    layers,
    hiddenSize,
    heads,
    kvHeads,
    headDim: mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : headDim,
    intermediateSize,
    vocabSize,
    // Encoders have no LM head at all; counting them "tied" adds nothing for it.
    tiedEmbeddings: encoder !== null || boolField(config, 'tie_word_embeddings', tiedDefault),
    qkvBias: qkvBias || encoder !== null,
    outputBias: outputBias || encoder !== null,
    mlpBias: mlpBias || encoder !== null,
    qkNorm: modelType === 'qwen3' || modelType === 'qwen3_moe',
    normsPerLayer: modelType === 'gemma2' ? 4 : 2,
    mla,
    moe: encoder ? null : moeOf(config, modelType, layers, deepseek),
    encoder,
    defaultKind: options.kind ?? defaultKindOf(config, encoder),
    slidingWindow: slidingWindowOf(config, modelType, maxContextTokens),
    maxContextTokens,
    dtype: dtypeOf(config, warnings),
    quantization: quantizationOf(config, warnings),
    exactWeightBytes: options.exactWeightBytes ?? null,
    manualParams: null,
    warnings,
  };
}
