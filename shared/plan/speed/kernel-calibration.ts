/**
 * How fast each card runs the kernels of a decode step and a prefill, in a handful of constants
 * per GPU, each derived from public measurements and named with its source.
 *
 * The weight-streaming GEMMs of decode (and a layer's attention over its KV cache) follow a
 * latency + bandwidth law: time = t0 + bytes ÷ (fraction × spec bandwidth). The fits below are
 * least squares over NVIDIA AIConfigurator's per-kernel tables (ai-dynamo/aiconfigurator @095f58a5,
 * aic-core/src/aiconfigurator_core/systems/data/<gpu>/{gemm,attention,moe}/<engine>/<version>/*.parquet,
 * BF16, batch M = 1, weight sizes 8 MiB to ≥ 512 MiB; vLLM, SGLang and TensorRT-LLM kernels
 * averaged; worst residual 6% on Hopper/Blackwell, 18–40% at 8 MiB on A100).
 *
 * Cards AIConfigurator has not measured get the constants of the same architecture ('derived'),
 * or, when no measurement of the family exists (the domestic cards), conservative defaults
 * ('assumed') with a wider band.
 */
import type { CardSpec } from '../../catalog/card-specs.ts';

export type SpeedBasis = 'measured' | 'derived' | 'assumed';

export interface KernelCalibration {
  /** Fixed time of one weight-streaming GEMM at decode batch sizes, seconds. */
  gemmT0Seconds: number;
  /** Fraction of the card's spec memory bandwidth large weight-streaming GEMMs reach. */
  gemmBandwidthFraction: number;
  /** Decode attention of one layer: fixed time, and the fraction of bandwidth its KV reads reach. */
  attentionT0Seconds: number;
  attentionBandwidthFraction: number;
  /** Fraction of the dense BF16/FP16 peak large prefill GEMMs reach (M ≥ 2048). */
  prefillComputeFraction: number;
  /** A MoE layer's fixed time beyond its expert GEMMs: routing, top-k, token sorting, fused-kernel setup. */
  moeLayerSeconds: number;
}

export interface GpuCalibration extends KernelCalibration {
  id: string;
  source: string;
}

const US = 1e-6;

/** Measured GPUs. Figures: /work/research is not shipped; each line restates the AIConfigurator tables it comes from. */
export const MEASURED_GPUS: Record<string, GpuCalibration> = {
  a100: {
    id: 'a100',
    // GEMM t0 7.6/10.2/8.9 µs and fraction 0.835/0.809/0.791 (TRT-LLM 1.0.0, vLLM 0.14.0, SGLang 0.5.10);
    // attention (vLLM 0.14.0): b1·kv4096 29.5 µs, b32·kv4096 419 µs = 1.28 TB/s (TRT-LLM 1.0.0's A100 attention implies
    // more than HBM can give and is not used); prefill 244–282 TFLOPS of 312; MoE layer +27 µs over dense at 1–16 tokens.
    gemmT0Seconds: 8.9 * US,
    gemmBandwidthFraction: 0.81,
    attentionT0Seconds: 16 * US,
    attentionBandwidthFraction: 0.63,
    prefillComputeFraction: 0.84,
    moeLayerSeconds: 27 * US,
    source: 'AIConfigurator a100_sxm kernel tables (TRT-LLM 1.0.0, vLLM 0.14.0, SGLang 0.5.10)',
  },
  h100: {
    id: 'h100',
    // GEMM t0 4.1/3.8/3.6 µs, fraction 0.859/0.903/0.859 (TRT-LLM 1.3.0rc20, vLLM 0.24.0, SGLang 0.5.14);
    // attention b1·kv4096 16.9 µs, b32·kv16384 689 µs = 3.12 TB/s; prefill 729–798 TFLOPS of 989; MoE +15–20 µs.
    gemmT0Seconds: 3.8 * US,
    gemmBandwidthFraction: 0.87,
    attentionT0Seconds: 11.5 * US,
    attentionBandwidthFraction: 0.93,
    prefillComputeFraction: 0.77,
    moeLayerSeconds: 17 * US,
    source: 'AIConfigurator h100_sxm kernel tables (TRT-LLM 1.3.0rc20, vLLM 0.24.0, SGLang 0.5.14)',
  },
  h200: {
    id: 'h200',
    // GEMM t0 4.7/4.4/4.1 µs, fraction 0.868/0.868/0.860; attention b32·kv16384 494 µs = 4.35 TB/s,
    // b1·kv4096 16.6 µs; prefill 694–781 TFLOPS of 989; MoE +14–19 µs.
    gemmT0Seconds: 4.4 * US,
    gemmBandwidthFraction: 0.865,
    attentionT0Seconds: 12.7 * US,
    attentionBandwidthFraction: 0.906,
    prefillComputeFraction: 0.75,
    moeLayerSeconds: 17 * US,
    source: 'AIConfigurator h200_sxm kernel tables (TRT-LLM 1.3.0rc20, vLLM 0.24.0, SGLang 0.5.14)',
  },
  l40s: {
    id: 'l40s',
    // Its 96 MB L2 inflates small kernels: only the ≥ 128 MiB plateau is used. GEMM fraction 0.856, t0 6 µs
    // (vLLM 4.8, SGLang 7.7); attention plateau 0.61–0.72 TB/s of 864 GB/s; prefill 188–231 TFLOPS of 362; MoE +15–50 µs.
    gemmT0Seconds: 6 * US,
    gemmBandwidthFraction: 0.856,
    attentionT0Seconds: 13 * US,
    attentionBandwidthFraction: 0.78,
    prefillComputeFraction: 0.57,
    moeLayerSeconds: 25 * US,
    source: 'AIConfigurator l40s kernel tables (vLLM 0.24.0, SGLang 0.5.14; ≥ 128 MiB plateau)',
  },
  b200: {
    id: 'b200',
    // GEMM t0 4.9/4.4/5.0 µs, fraction 0.824/0.850/0.848; attention b32·kv16384 303 µs = 7.09 TB/s, b1·kv4096 11.1 µs;
    // prefill 1459–1568 TFLOPS of 2250; MoE +1–10 µs.
    gemmT0Seconds: 4.7 * US,
    gemmBandwidthFraction: 0.84,
    attentionT0Seconds: 8.7 * US,
    attentionBandwidthFraction: 0.92,
    prefillComputeFraction: 0.67,
    moeLayerSeconds: 7 * US,
    source: 'AIConfigurator b200_sxm kernel tables (TRT-LLM 1.3.0rc20, vLLM 0.24.0, SGLang 0.5.14)',
  },
  h20: {
    id: 'h20',
    // No AIConfigurator data for the H20. Qwen's Qwen3 speed benchmark (SGLang 0.4.6.post1, batch 1, 2,048
    // tokens; QwenLM/Qwen3 docs/source/getting_started/speed_benchmark.md @7a2f61ff) shows its decode streaming
    // weights at ≈ 1.35 TB/s whatever the model (Qwen3-8B/14B/32B BF16: 16.4 GB in 12.2 ms, 29.5 GB in 21.2 ms,
    // 65.5 GB in 48.3 ms): 0.34 of its 4.0 TB/s. Kernel fixed times as the H100 (same Hopper kernels).
    gemmT0Seconds: 3.8 * US,
    gemmBandwidthFraction: 0.34,
    attentionT0Seconds: 11.5 * US,
    attentionBandwidthFraction: 0.34,
    prefillComputeFraction: 0.77,
    moeLayerSeconds: 17 * US,
    source: 'Qwen3 speed benchmark on H20 (SGLang 0.4.6.post1): decode weight streaming ≈ 0.34 × 4.0 TB/s; H100 kernel fixed times',
  },
};

/**
 * Cards nothing comparable has measured: the fixed times of an eager engine's kernels and a
 * bandwidth fraction at the low end of the measured GPUs', an assumption labelled as one. Ascend
 * 910B's two public vLLM-Ascend runs (vllm-ascend #776: Qwen2.5-VL-7B TP 1, TPOT 30.8 ms; #1605:
 * Qwen3-30B-A3B TP 4, TPOT 23.9 ms) sit near this and well below its spec sheet.
 */
export const ASSUMED_GPU: GpuCalibration = {
  id: 'assumed',
  gemmT0Seconds: 10 * US,
  gemmBandwidthFraction: 0.5,
  attentionT0Seconds: 25 * US,
  attentionBandwidthFraction: 0.5,
  prefillComputeFraction: 0.5,
  moeLayerSeconds: 40 * US,
  source: 'assumption: no public kernel measurements for this card; conservative defaults (50% of spec bandwidth and peak)',
};

/** Which measured GPU a card is, or is built like; null when none. */
function familyOf(card: CardSpec): { id: string; exact: boolean } | null {
  if (card.domestic) return null;
  const id = card.id;
  if (/^nvidia-a100-sxm/.test(id)) return { id: 'a100', exact: true };
  if (/^nvidia-(a100-pcie|a800|a30|a10)/.test(id)) return { id: 'a100', exact: false };
  if (/^nvidia-h100-sxm/.test(id)) return { id: 'h100', exact: true };
  if (/^nvidia-(h100|h800)/.test(id)) return { id: 'h100', exact: false };
  if (/^nvidia-h200-sxm/.test(id)) return { id: 'h200', exact: true };
  if (/^nvidia-h200/.test(id)) return { id: 'h200', exact: false };
  if (/^nvidia-h20-/.test(id)) return { id: 'h20', exact: true };
  if (/^nvidia-l40s/.test(id)) return { id: 'l40s', exact: true };
  if (/^nvidia-(l40|l20|rtx-4090|rtx-6000-ada)/.test(id)) return { id: 'l40s', exact: false };
  if (/^nvidia-b200/.test(id)) return { id: 'b200', exact: true };
  if (/^nvidia-(gb200|rtx-5090|rtx-pro)/.test(id)) return { id: 'b200', exact: false };
  return null;
}

/** The kernel constants for a card and how well they are founded. */
export function gpuCalibrationFor(card: CardSpec): { calibration: GpuCalibration; basis: SpeedBasis } {
  const family = familyOf(card);
  if (!family) return { calibration: ASSUMED_GPU, basis: 'assumed' };
  return { calibration: MEASURED_GPUS[family.id]!, basis: family.exact ? 'measured' : 'derived' };
}
