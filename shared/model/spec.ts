/**
 * What the sizing core knows about a model, normalised from any config.json dialect (Llama, Qwen,
 * DeepSeek, Gemma, ChatGLM …) or typed in by hand. Counts are integers; nothing here is in bytes
 * except `exactWeightBytes`, the size a checkpoint's safetensors index reports.
 */

export type Dtype = 'fp32' | 'bf16' | 'fp16';

/** Multi-head latent attention (DeepSeek V2/V3): the cache holds a compressed latent per token. */
export interface MlaSpec {
  kvLoraRank: number;
  qLoraRank: number | null;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

export interface MoeSpec {
  /** Routed experts per MoE layer. */
  experts: number;
  expertsPerToken: number;
  expertIntermediateSize: number;
  /** Always-active shared experts (DeepSeek), each of `expertIntermediateSize`. */
  sharedExperts: number;
  /** The first layers that keep a dense MLP of `intermediateSize` (DeepSeek `first_k_dense_replace`). */
  denseLayers: number;
  /** DeepSeek V3's per-expert routing bias (`e_score_correction_bias`, topk_method noaux_tc). */
  routerBias: boolean;
}

export interface SlidingWindowSpec {
  window: number;
  /** `all` layers, or `alternate` (Gemma 2: every other layer, starting with layer 0). */
  layers: 'all' | 'alternate';
}

export interface QuantizationSpec {
  /** `fp8` (block or per-tensor), `gptq`, `awq`, … as the config's `quant_method` says. */
  method: string;
  bits: number;
  groupSize: number | null;
  blockSize: [number, number] | null;
  /** Module name fragments left unquantized (`modules_to_not_convert`). */
  notConverted: string[];
}

/** How the layers are shaped, for the parameter count; `manual` when only totals were typed in. */
export type Layout = 'llama' | 'glm' | 'deepseek' | 'bert' | 'manual';

/**
 * What a workload does with the model: generate text (chat, completion: a KV cache that grows with
 * every token), or turn inputs into vectors (embedding) or scores (reranker) in one forward pass,
 * with no generation KV cache.
 */
export const WORKLOAD_KINDS = ['generation', 'embedding', 'reranker'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** BERT / RoBERTa / XLM-RoBERTa encoders: bidirectional attention, learned positions, no KV cache. */
export interface EncoderSpec {
  /** `max_position_embeddings` as the config gives it (XLM-R counts 2 offset positions in it). */
  positionEmbeddings: number;
  /** Segment (token type) embeddings: 2 for BERT, 1 for the XLM-R family. */
  typeVocabSize: number;
  /** The `pooler.dense` layer `BertModel`/`XLMRobertaModel` carry. */
  pooler: boolean;
  /** A sequence-classification head (cross-encoder rerankers): its style and number of labels. */
  classifier: { style: 'roberta' | 'bert'; labels: number } | null;
}

export interface ModelSpec {
  name: string;
  modelType: string;
  layout: Layout;
  layers: number;
  hiddenSize: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  intermediateSize: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  /** Biases on the q, k and v projections (Qwen2, GLM-4). */
  qkvBias: boolean;
  /** Bias on the output projection and MLP (`attention_bias`/`mlp_bias` in Llama configs). */
  outputBias: boolean;
  mlpBias: boolean;
  /** Per-head RMSNorm on q and k (Qwen3). */
  qkNorm: boolean;
  /** RMSNorms per decoder layer (2; Gemma 2 has 4). */
  normsPerLayer: number;
  mla: MlaSpec | null;
  moe: MoeSpec | null;
  /** Set for encoder models (BERT family); decoders have null. */
  encoder: EncoderSpec | null;
  /** The kind a workload on this model gets unless the user says otherwise. */
  defaultKind: WorkloadKind;
  slidingWindow: SlidingWindowSpec | null;
  maxContextTokens: number | null;
  dtype: Dtype;
  quantization: QuantizationSpec | null;
  /** From `model.safetensors.index.json` `metadata.total_size`, when a folder was imported. */
  exactWeightBytes: number | null;
  /** Typed-in totals for a manual model (no per-layer shapes to count from). */
  manualParams: { total: number; active: number } | null;
  warnings: string[];
}
