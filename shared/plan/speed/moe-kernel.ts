/**
 * The fused MoE kernel of a decode step streams the experts a batch touches, less efficiently than
 * a dense GEMM of the same bytes when each expert sees few tokens (routing, token sorting, small
 * tiles), and much less on some engine and format paths.
 */
import type { Engine } from '../../memory/engines.ts';
import type { WeightFormat } from '../../memory/precision.ts';

const MIB = 2 ** 20;

/**
 * Efficiency of a BF16 MoE kernel against a dense BF16 GEMM of equal bytes, at one token per
 * expert, by the size of one expert matrix (AIConfigurator moe tables, H100/H200, vLLM and
 * TRT-LLM, balanced routing: Qwen3-30B-A3B's 3 MiB matrices 0.54–0.65, Qwen3-235B's 12 MiB
 * 0.80–0.89, Mixtral's 112 MiB 0.82–0.96), reaching 1 at 8 tokens per expert (0.87–1.0 there).
 */
function oneTokenEfficiency(expertMatrixBytes: number): number {
  if (expertMatrixBytes < 8 * MIB) return 0.6;
  if (expertMatrixBytes < 64 * MIB) return 0.85;
  return 0.9;
}

export interface MoePathPenalty {
  engine: Engine;
  formats: readonly WeightFormat[];
  /** Further fraction of the BF16 MoE kernel's rate this path reaches. */
  fraction: number;
  source: string;
}

/**
 * Engine and format paths measured far below the BF16 MoE kernel. Each factor is measured ÷
 * estimated end to end with the BF16 kernel model, on the runs named.
 */
export const MOE_PATH_PENALTIES: readonly MoePathPenalty[] = [
  {
    engine: 'vllm',
    formats: ['fp8-block'],
    fraction: 0.5,
    source:
      "vLLM's block-FP8 MoE: Qwen3-235B-A22B-FP8 on H200, vLLM 0.12, TP 2–4 (AIConfigurator silicon sample @095f58a5) ran 1.8–2.4× the BF16-kernel estimate where SGLang 0.5 ran 1.2–1.5×; AIConfigurator's fp8_block MoE kernel tables: 0.23–0.65 of dense at 1 token",
  },
  {
    engine: 'sglang',
    formats: ['gptq-int4', 'awq-int4', 'int4'],
    fraction: 0.055,
    source: "SGLang 0.4.6's INT4 MoE: Qwen3-30B-A3B and Qwen3-235B-A22B GPTQ-Int4 on H20 decoded 6.5–7.8× slower than their bytes at the BF16 kernel's rate (Qwen3 speed benchmark)",
  },
];

/** The penalty for an engine and format, or null on the paths that run like BF16. */
export function moePathPenalty(engine: Engine, format: WeightFormat): MoePathPenalty | null {
  return MOE_PATH_PENALTIES.find((p) => p.engine === engine && p.formats.includes(format)) ?? null;
}

/**
 * @example moeKernelEfficiency(3 * 2 ** 20, 1, 'vllm', 'bf16') // 0.6 (small experts, one token each)
 * @example moeKernelEfficiency(12 * 2 ** 20, 8, 'vllm', 'bf16') // 1
 */
export function moeKernelEfficiency(expertMatrixBytes: number, tokensPerExpert: number, engine: Engine, format: WeightFormat): number {
  const e1 = oneTokenEfficiency(expertMatrixBytes);
  const ramp = Math.min(1, Math.log2(Math.max(1, tokensPerExpert)) / 3);
  return (e1 + (1 - e1) * ramp) * (moePathPenalty(engine, format)?.fraction ?? 1);
}
