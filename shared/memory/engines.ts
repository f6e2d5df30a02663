/**
 * Inference engines and the memory each one takes besides weights and KV cache. Constants are
 * measured, not guessed; each names the measurement it comes from (the vLLM DEBUG logs published
 * by llm-d-planner, H100 80GB, and Qwen's transformers benchmark). Engine versions matter: vLLM's
 * profiled activation peak for Qwen3-14B fell from 5.64 to 2.23 GiB between 0.16 and 0.17.
 */
import { gibToBytes } from '../units.ts';
import type { ModelSpec } from '../model/spec.ts';

export const ENGINES = ['generic', 'transformers', 'vllm', 'sglang'] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * CUDA context and allocator state per card: vLLM 0.19 logs "init non-torch memory 0.51 GiB" on
 * every TP1 H100 run (llm-d-planner results_raw.csv, 27 rows).
 */
export const CUDA_CONTEXT_BYTES = gibToBytes(0.51);

/**
 * Communication buffers once tensor parallelism is on (NCCL, custom all-reduce): vLLM 0.19's
 * non-torch forward memory is 2.07 GiB at TP2 and 2.13 GiB at TP4 against 0.25 GiB at TP1
 * (Llama-3.1-8B rows), so about 1.85 GiB more per card.
 */
export const TENSOR_PARALLEL_COMM_BYTES = gibToBytes(1.85);

export interface VllmProfile {
  version: string;
  /** Activation peak of vLLM's profile run ≈ base + vocab × perVocab (sampler logits dominate). */
  activationBaseBytes: number;
  activationBytesPerVocabEntry: number;
  /** "non-torch forward increase memory": at TP1, at TP > 1 (all-reduce buffers), and at PP > 1. */
  nonTorchBytes: { tp1: number; tpMany: number; pipeline: number };
  source: string;
}

/**
 * Least-squares fits of the activation peak against vocabulary size:
 * - 0.19: 8 rows (CodeLlama-7B, Gemma-2-2B, Gemma-7B, Granite 2B/8B, Llama-3.1-8B, Phi-2, Phi-4):
 *   0.182 GiB + 14,400 B per vocabulary entry; worst residual 0.16 GiB.
 * - 0.11: 5 rows (Llama-3.1-8B, Qwen3-0.6B, Qwen3-32B, gpt-oss-20b/120b): 39,500 B per entry;
 *   worst residual 0.05 GiB.
 */
export const VLLM_PROFILES: Record<string, VllmProfile> = {
  '0.19': {
    version: '0.19',
    activationBaseBytes: gibToBytes(0.182),
    activationBytesPerVocabEntry: 14_400,
    nonTorchBytes: { tp1: gibToBytes(0.25), tpMany: gibToBytes(2.1), pipeline: gibToBytes(0.07) },
    source: 'llm-d-planner accuracy/results/v0.19.0 (vLLM 0.19.0, H100 80GB, DEBUG logs)',
  },
  '0.11': {
    version: '0.11',
    activationBaseBytes: 0,
    activationBytesPerVocabEntry: 39_500,
    nonTorchBytes: { tp1: gibToBytes(0.13), tpMany: gibToBytes(0.54), pipeline: gibToBytes(0.13) },
    source: 'llm-d-planner docs/empirical-vllm-memory-results.md (vLLM 0.11.0, H100)',
  },
};

export const DEFAULT_VLLM_VERSION = '0.19';
/** vLLM's own default `gpu_memory_utilization`. */
export const DEFAULT_GPU_MEMORY_UTILIZATION = 0.9;
/** vLLM's default KV block: the pool holds whole blocks of 16 tokens. */
export const VLLM_BLOCK_TOKENS = 16;
/**
 * SGLang's `mem_fraction_static` (weights + KV pool as a fraction of the card). An assumption, not
 * a measurement: SGLang picks 0.79–0.88 from the GPU's memory and the TP degree; 0.88 is its value
 * for 80 GB cards at TP1. Editable per workload.
 */
export const DEFAULT_SGLANG_MEM_FRACTION_STATIC = 0.88;

export function vllmProfile(version: string = DEFAULT_VLLM_VERSION): VllmProfile {
  return VLLM_PROFILES[version] ?? VLLM_PROFILES[DEFAULT_VLLM_VERSION]!;
}

/** @example vllmActivationBytes(llama31_8b) // 0.182 GiB + 128,256 × 14,400 B ≈ 1.90 GiB (measured 1.89) */
export function vllmActivationBytes(spec: ModelSpec, profile: VllmProfile = vllmProfile()): number {
  return profile.activationBaseBytes + spec.vocabSize * profile.activationBytesPerVocabEntry;
}

export function vllmNonTorchBytes(tensorParallel: number, pipelineParallel: number, profile: VllmProfile = vllmProfile()): number {
  if (tensorParallel > 1) return profile.nonTorchBytes.tpMany;
  if (pipelineParallel > 1) return profile.nonTorchBytes.pipeline;
  return profile.nonTorchBytes.tp1;
}

/** Per-card overhead outside the engine's own pools: the CUDA context, plus TP buffers. */
export function frameworkOverheadBytes(tensorParallel: number): number {
  return CUDA_CONTEXT_BYTES + (tensorParallel > 1 ? TENSOR_PARALLEL_COMM_BYTES : 0);
}
