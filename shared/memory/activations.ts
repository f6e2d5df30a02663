/**
 * Activation memory: the transient tensors of a forward (and backward) pass, beyond weights and KV.
 */
import { finiteBytes } from '../checks.ts';
import type { ModelSpec } from '../model/spec.ts';

/** MLP width one token passes through: the dense MLP, or its top-k experts plus shared experts. */
export function activeIntermediateSize(spec: ModelSpec): number {
  if (!spec.moe) return spec.intermediateSize;
  return spec.moe.expertIntermediateSize * (spec.moe.expertsPerToken + spec.moe.sharedExperts);
}

/**
 * Peak activation bytes of a prefill over `tokens` tokens in one forward pass (16-bit
 * activations, FlashAttention so no tokens² score matrix): the MLP's gate, up and product
 * tensors (3 × intermediate) and four hidden-sized tensors (residual, norm output, attention
 * output, MLP output) live at once, 2 bytes each:
 *
 *   bytes = tokens × (3 × intermediate + 4 × hidden) × 2
 *
 * Calibrated on Qwen's transformers benchmark (A100, batch 1): the growth of peak memory from
 * 14,336 to 30,720 input tokens, less the KV cache, is 143 KB/token for Qwen2.5-7B (formula: 142.5),
 * 125 KB for 14B (124.4) and 207 KB for 32B (206.8).
 *
 * @example prefillActivationBytes(qwen25_7b, 1000) // 1000 × (3 × 18944 + 4 × 3584) × 2 = 142_336_000
 */
export function prefillActivationBytes(spec: ModelSpec, tokens: number, tensorParallel = 1): number {
  const perToken = (3 * Math.ceil(activeIntermediateSize(spec) / tensorParallel) + 4 * spec.hiddenSize) * 2;
  return finiteBytes('prefillActivationBytes', 'activations', tokens * perToken);
}

/**
 * Peak activation bytes of an encoder forward (BERT, RoBERTa, XLM-RoBERTa: embedding and reranker
 * inference, 16-bit activations) over `tokens` = sequences × tokens per sequence. Encoders apply
 * the layers one after another and keep nothing between them, so the peak is one layer's working
 * set. It is reached in the MLP, where the residual input, the attention block's output, the
 * intermediate projection and its GELU output live at once:
 *
 *   bytes = tokens × (2 × hidden + 2 × intermediate/tp) × 2
 *
 * This assumes a fused attention kernel (FlashAttention in text-embeddings-inference, SDPA in
 * transformers ≥ 4.41 for BERT and ≥ 4.46 for RoBERTa/XLM-R), so no tokens² score matrix: eager
 * attention would add heads × sequence² × 2 bytes per sequence (2 GiB per 8,192-token bge-m3
 * sequence). An estimate from tensor shapes; no public measurement of encoder peaks was found to
 * check it against (the weights, which dominate at small batches, are exact).
 *
 * @example encoderActivationBytes(bgeM3, 32 × 8192) // 262,144 × (2 × 1024 + 2 × 4096) × 2 = 5_368_709_120
 */
export function encoderActivationBytes(spec: ModelSpec, tokens: number, tensorParallel = 1): number {
  const perToken = (2 * spec.hiddenSize + 2 * Math.ceil(spec.intermediateSize / tensorParallel)) * 2;
  return finiteBytes('encoderActivationBytes', 'activations', tokens * perToken);
}

/** fp32 logits over the vocabulary for `rows` positions (one per sequence when decoding). */
export function logitsBytes(spec: ModelSpec, rows: number): number {
  return finiteBytes('logitsBytes', 'logits', rows * spec.vocabSize * 4);
}

/**
 * Training activations per micro-batch, after Korthikanti et al. 2022 ("Reducing Activation
 * Recomputation in Large Transformer Models", eq. 1–2) with FlashAttention (the 5·a·s/h term of
 * attention scores is never stored) and 16-bit activations:
 * - without checkpointing: layers × 34 · s · b · h / t bytes
 * - with full activation checkpointing: layers × 2 · s · b · h (each layer's input kept) plus one
 *   layer's 34 · s · b · h / t recomputed during the backward pass
 * plus fp32 logits and their gradient: 2 × 4 · s · b · vocab / t.
 * (s: sequence length, b: micro-batch, h: hidden size, t: tensor-parallel degree.)
 *
 * @example trainingActivationBytes(llama31_8b, 4096, 1, false) // 32 × 34 × 4096 × 4096 + 8 × 4096 × 128256 = 22_456_303_616
 */
export function trainingActivationBytes(spec: ModelSpec, sequenceTokens: number, microBatch: number, checkpointing: boolean, tensorParallel = 1): number {
  const sbh = sequenceTokens * microBatch * spec.hiddenSize;
  const perLayerFull = Math.ceil((34 * sbh) / tensorParallel);
  const layers = checkpointing ? spec.layers * 2 * sbh + perLayerFull : spec.layers * perLayerFull;
  const logits = Math.ceil((8 * sequenceTokens * microBatch * spec.vocabSize) / tensorParallel);
  return finiteBytes('trainingActivationBytes', 'activations', layers + logits);
}
