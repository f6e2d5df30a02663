/**
 * How a weight format's kernels stream weights at decode batch sizes, relative to a BF16 GEMM of
 * the same bytes on the same card, and what a weight of each format costs in bytes (for the
 * compute bound). Weight-only INT4/INT8 kernels dequantize on the fly and do not reach the BF16
 * GEMM's bandwidth; FP8 on cards with FP8 does (AIConfigurator's FP8 GEMM tables reach the same
 * asymptote as BF16).
 */
import type { WeightFormat } from '../../memory/precision.ts';

export interface FormatEfficiency {
  /** Fraction of the BF16 GEMM's achieved bandwidth. */
  fraction: number;
  source: string;
}

/**
 * Fitted on Qwen's Qwen2.5 vLLM speed table (vLLM 0.6.3, A100 80GB, batch 1, 1-token prompt,
 * 2,048 generated; QwenLM/Qwen3 docs/source/benchmark/speed_benchmark.rst @2abc0f32): the time a
 * format's GEMMs take beyond its KV and per-step time, over what its bytes would take at the BF16
 * rate. GPTQ-Int4 (Marlin) 1.24/1.13/1.15× for 7B/14B/32B, AWQ 1.32/1.22/1.26×, GPTQ-Int8
 * 1.10/1.07/1.05×; the Qwen3 benchmark on H20 (SGLang 0.4.6) puts AWQ at 1.3×.
 */
const QUANTIZED: Partial<Record<WeightFormat, FormatEfficiency>> = {
  'gptq-int4': { fraction: 0.85, source: 'Qwen2.5 vLLM speed table (A100, vLLM 0.6.3): GPTQ-Int4 GEMMs 1.13–1.24× the BF16 time per byte' },
  'awq-int4': { fraction: 0.79, source: 'Qwen2.5 vLLM speed table (A100, vLLM 0.6.3): AWQ GEMMs 1.22–1.32× the BF16 time per byte' },
  int4: { fraction: 0.82, source: 'between GPTQ-Int4 and AWQ (Qwen2.5 vLLM speed table, A100)' },
  'gptq-int8': { fraction: 0.93, source: 'Qwen2.5 vLLM speed table (A100, vLLM 0.6.3): GPTQ-Int8 GEMMs 1.05–1.10× the BF16 time per byte' },
  int8: { fraction: 0.93, source: 'as GPTQ-Int8 (Qwen2.5 vLLM speed table, A100)' },
};

/** 1 for BF16/FP16/FP8 kernels; the fitted fraction for weight-only integer formats. */
export function formatBandwidthFraction(format: WeightFormat): number {
  return QUANTIZED[format]?.fraction ?? 1;
}

export function formatEfficiencySource(format: WeightFormat): string | null {
  return QUANTIZED[format]?.source ?? null;
}

/** Bytes one weight of the format occupies, scales aside: what turns streamed bytes back into multiply-adds. */
export function bytesPerWeight(format: WeightFormat): number {
  switch (format) {
    case 'fp32':
      return 4;
    case 'bf16':
    case 'fp16':
      return 2;
    case 'fp8':
    case 'fp8-block':
    case 'int8':
    case 'gptq-int8':
      return 1;
    default:
      return 0.5;
  }
}
