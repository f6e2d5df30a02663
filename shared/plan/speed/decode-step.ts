/**
 * The time of one decode step of one model replica (tp × pp cards), layer by layer: the GEMMs
 * that stream each layer's weights, the attention that reads its KV cache, two all-reduces under
 * tensor parallelism, the engine's small kernels; then the LM head, the pipeline hand-offs and
 * the engine's per-step work. Every sequence of the batch gets one token per step, so the step is
 * the time per output token (TPOT).
 */
import type { EngineSpeedProfile } from './engine-overhead.ts';
import type { KernelCalibration } from './kernel-calibration.ts';
import type { LayerShapes } from './layer-shapes.ts';
import type { WeightFormat } from '../../memory/precision.ts';
import { allReduceSeconds, pipelineHandoffSeconds, type LinkModel } from './all-reduce.ts';
import { moeKernelEfficiency } from './moe-kernel.ts';
import { bytesPerWeight, formatBandwidthFraction } from './weight-kernels.ts';

export interface DecodeStepInput {
  shapes: LayerShapes;
  kernel: KernelCalibration;
  link: LinkModel;
  engine: EngineSpeedProfile;
  /** The weights' format: its kernels' bandwidth (weight-kernels.ts) and bytes per weight. */
  format: WeightFormat;
  /** The card's spec memory bandwidth and the dense peak the weights compute at, per second. */
  bandwidthBytesPerSecond: number;
  peakFlopsPerSecond: number | null;
  tp: number;
  pp: number;
  /** Sequences decoded together by this replica. */
  batch: number;
  /** KV bytes one layer of one card reads per sequence at the step's context (all KV heads of this rank). */
  kvBytesPerSequencePerLayer: number;
}

export interface DecodeStepSeconds {
  /** Weight-streaming GEMMs, the LM head and MoE routing. */
  weightsSeconds: number;
  /** Attention over the KV cache. */
  kvSeconds: number;
  /** All-reduces and pipeline hand-offs. */
  commSeconds: number;
  /** The engine's small kernels per layer and its per-step work. */
  overheadSeconds: number;
  totalSeconds: number;
}

/**
 * E × (1 − (1 − k/E)^B): the routed experts a batch of B tokens touches, in expectation, when each
 * picks k of E uniformly.
 * @example distinctExperts(128, 8, 1) // 8; distinctExperts(128, 8, 16) // 82.4
 */
export function distinctExperts(experts: number, perToken: number, tokens: number): number {
  return experts * (1 - (1 - perToken / experts) ** tokens);
}

/**
 * One GEMM streaming `bytes` of weights for `tokens` rows: the latency + bandwidth law at the
 * format's kernel efficiency (× `efficiency` for MoE), or compute when that is slower. Embeddings,
 * the LM head and routers stay 16-bit in every format.
 */
function gemmSeconds(bytes: number, tokens: number, i: DecodeStepInput, format: WeightFormat = i.format, efficiency = 1): number {
  const stream = i.kernel.gemmT0Seconds + bytes / (i.kernel.gemmBandwidthFraction * formatBandwidthFraction(format) * efficiency * i.bandwidthBytesPerSecond);
  const compute = i.peakFlopsPerSecond === null ? 0 : (2 * tokens * (bytes / bytesPerWeight(format))) / (i.peakFlopsPerSecond * i.kernel.prefillComputeFraction);
  return Math.max(stream, compute);
}

/**
 * @example
 * // Qwen2.5-7B BF16, one A100, batch 1, 2,048 tokens of context: 28 layers × (4 GEMMs, attention,
 * // small kernels) + LM head + per-step work ≈ 11 ms (vLLM 0.6.3 measured 11.9 ms).
 */
export function decodeStepSeconds(i: DecodeStepInput): DecodeStepSeconds {
  const s = i.shapes;
  const tp = i.tp;
  const B = i.batch;
  const attentionGemms = s.attentionGemmBytes.reduce((t, bytes) => t + gemmSeconds(bytes / tp, B, i), 0);
  const denseMlp = s.mlpGemmBytes.reduce((t, bytes) => t + gemmSeconds(bytes / tp, B, i), 0);
  let moeLayer = 0;
  if (s.moe) {
    const m = s.moe;
    const touched = distinctExperts(m.experts, m.expertsPerToken, B);
    const tokensPerExpert = (B * m.expertsPerToken) / Math.max(1, touched);
    // Gate, up and down of one expert: one matrix is a third of its bytes.
    const efficiency = moeKernelEfficiency(m.expertBytes / 3, tokensPerExpert, i.engine.engine, i.format);
    moeLayer =
      gemmSeconds(m.routerBytes, B, i, 'bf16') +
      (m.sharedBytes ? gemmSeconds(m.sharedBytes / tp, B, i) + i.kernel.gemmT0Seconds : 0) +
      gemmSeconds((touched * m.expertBytes) / tp, tokensPerExpert, i, i.format, efficiency) +
      i.kernel.moeLayerSeconds;
  }
  const moeLayers = s.layers - s.denseLayers;
  const weightsSeconds =
    s.layers * attentionGemms + s.denseLayers * denseMlp + moeLayers * moeLayer + gemmSeconds(s.lmHeadBytes / tp, B, i, 'bf16');
  const kvSeconds = s.layers * (i.kernel.attentionT0Seconds + (B * i.kvBytesPerSequencePerLayer) / (i.kernel.attentionBandwidthFraction * i.bandwidthBytesPerSecond));
  const hiddenBytes = B * s.hiddenSize * 2;
  const commSeconds = s.layers * 2 * allReduceSeconds(i.link, tp, hiddenBytes, i.engine.graph) + (i.pp - 1) * pipelineHandoffSeconds(i.link, hiddenBytes);
  const overheadSeconds = s.layers * i.engine.perLayerSeconds + i.engine.perStepSeconds;
  return { weightsSeconds, kvSeconds, commSeconds, overheadSeconds, totalSeconds: weightsSeconds + kvSeconds + commSeconds + overheadSeconds };
}
