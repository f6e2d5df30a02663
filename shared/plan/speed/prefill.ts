/**
 * The time to first token of one request: its prompt's prefill, compute-bound at the card's
 * achieved dense throughput (or bound by reading the weights once, for short prompts), attention's
 * quadratic term, two all-reduces of the prompt's hidden states per layer, pipeline hand-offs and
 * the engine's dispatch; then waiting behind the other requests in flight. The other users'
 * prefills also slow every decode step they land between (`prefillShareOfStepSeconds`).
 */
import type { EngineSpeedProfile } from './engine-overhead.ts';
import type { KernelCalibration } from './kernel-calibration.ts';
import type { LayerShapes } from './layer-shapes.ts';
import { allReduceSeconds, pipelineHandoffSeconds, type LinkModel } from './all-reduce.ts';

export interface PrefillInput {
  shapes: LayerShapes;
  kernel: KernelCalibration;
  link: LinkModel;
  engine: EngineSpeedProfile;
  bandwidthBytesPerSecond: number;
  peakFlopsPerSecond: number;
  tp: number;
  pp: number;
  promptTokens: number;
  /** Prompts prefilled together (1 for a request alone; the batch when all users arrive at once). */
  sequences: number;
  /** Parameters a token passes through, without embeddings (MoE: shared + top-k experts). */
  activeNonEmbeddingParams: number;
  /** Bytes of the weights on one card (read at least once by the prefill). */
  weightsBytesPerCard: number;
  /** Query heads × head_dim of the whole model (attention's FLOPs). */
  attentionWidth: number;
}

export interface PrefillSeconds {
  /** Linear layers, attention and the LM head on the GPU (or the weights' one read, if longer). */
  computeSeconds: number;
  commSeconds: number;
  /** The engine's per-request dispatch and small kernels. */
  engineSeconds: number;
  totalSeconds: number;
}

/**
 * @example
 * // Qwen2.5-7B, 1,000-token prompt, one H100: 2 × 6.5e9 × 1000 FLOPs ÷ (989 TFLOPS × 0.77) ≈ 17 ms,
 * // + attention, + vLLM's dispatch 0.8 ms × 28 layers ≈ 40 ms.
 */
export function prefillSeconds(i: PrefillInput): PrefillSeconds {
  const P = i.promptTokens;
  const n = i.sequences;
  const s = i.shapes;
  const achieved = i.peakFlopsPerSecond * i.kernel.prefillComputeFraction * i.tp;
  // Each prompt's last position only goes through the LM head.
  const linear = (n * (2 * i.activeNonEmbeddingParams * P + 2 * s.hiddenSize * s.vocabSize)) / achieved;
  // Causal attention: QKᵀ and AV over half the square, per layer, per prompt.
  const attention = (n * 2 * s.layers * P * P * i.attentionWidth) / achieved;
  const readWeights = i.weightsBytesPerCard / (i.kernel.gemmBandwidthFraction * i.bandwidthBytesPerSecond);
  const hiddenBytes = n * P * s.hiddenSize * 2;
  const commSeconds = s.layers * 2 * allReduceSeconds(i.link, i.tp, hiddenBytes, i.engine.graph) + (i.pp - 1) * pipelineHandoffSeconds(i.link, hiddenBytes);
  const engineSeconds = s.layers * (i.engine.prefillPerLayerSeconds + i.engine.perLayerSeconds) + i.engine.perStepSeconds;
  const computeSeconds = Math.max(linear + attention, readWeights);
  return { computeSeconds, commSeconds, engineSeconds, totalSeconds: computeSeconds + commSeconds + engineSeconds };
}

/**
 * Requests in flight wait behind each other's prefills: AIConfigurator's vLLM backend multiplies
 * the time to first token by 1 + log₂(batch)/8, at most 2 (_ttft_queuing_factor). Arrivals spread
 * out in time; when all users arrive at once the wait is every prompt's prefill (the band's high end).
 * @example ttftQueueFactor(16) // 1.5
 */
export function ttftQueueFactor(batch: number): number {
  return Math.min(2, 1 + Math.log2(Math.max(1, batch)) / 8);
}

/**
 * What the other users' prompts add to each decode step, seconds: each of the batch − 1 others
 * starts a new request about once every `outputTokens` steps, and its prefill (compute and
 * communication; chunked prefill shares the step's weight reads) runs between or inside the steps.
 * @example prefillShareOfStepSeconds(0.172, 16, 128) // 15 × 0.172 ÷ 128 ≈ 20 ms: Qwen3-32B, 4,096-token prompts, TP 2 on H100
 */
export function prefillShareOfStepSeconds(prefillComputeSeconds: number, batch: number, outputTokens: number): number {
  return ((Math.max(1, batch) - 1) * prefillComputeSeconds) / Math.max(1, outputTokens);
}
