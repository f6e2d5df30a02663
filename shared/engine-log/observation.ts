/**
 * What an inference engine's start-up log says about one deployment: the figures it printed, each
 * with the line it came from, so the planner can set its own estimate beside what the engine saw.
 */
export type EngineFamily = 'vllm' | 'vllm-ascend' | 'sglang';

/** A figure read from the log, with the line it came from (1-based line number and the line's text, trimmed). */
export interface Observed<T> { value: T; line: number; text: string }

export interface EngineObservation {
  engine: EngineFamily;
  /** 'v0' | 'v1' for vLLM when it can be told; null otherwise. */
  generation: 'v0' | 'v1' | null;
  version: Observed<string> | null;        // e.g. '0.6.6', '0.8.5.post1'
  model: Observed<string> | null;          // model path/name as printed
  dtype: Observed<string> | null;          // 'bfloat16', 'float16', 'auto' …
  tensorParallel: Observed<number> | null;
  pipelineParallel: Observed<number> | null;
  maxModelLen: Observed<number> | null;    // tokens
  /** vLLM gpu_memory_utilization or SGLang mem_fraction_static, as a fraction. */
  memoryFraction: Observed<number> | null;
  /** Total device memory the engine saw, bytes (vLLM total_gpu_memory / SGLang avail mem before load), if printed. */
  deviceBytes: Observed<number> | null;
  /** Weights loaded per rank, bytes. */
  weightsBytes: Observed<number> | null;
  /** Memory given to the KV cache per rank, bytes (vLLM "Available KV cache memory", V0 kv_cache_size / "reserved for KV Cache", SGLang K size + V size). */
  kvBytes: Observed<number> | null;
  /** Tokens the KV cache holds (vLLM V1 "GPU KV cache size: N tokens"; SGLang max_total_num_tokens / "#tokens"). */
  kvTokens: Observed<number> | null;
  /** KV blocks (vLLM V0 "# GPU blocks" / "# CUDA blocks" / "# npu blocks"). */
  kvBlocks: Observed<number> | null;
  blockSize: Observed<number> | null;
  /** vLLM "Maximum concurrency for N tokens per request: X x": both N and X. */
  maxConcurrency: Observed<{ tokensPerRequest: number; times: number }> | null;
  /** Other figures worth showing (non_torch_memory, activation peak …), by name, in bytes where they are memory. */
  extra: Record<string, Observed<number>>;
}

/** How each engine family is named in messages. */
export const ENGINE_NAMES: Record<EngineFamily, string> = { vllm: 'vLLM', 'vllm-ascend': 'vLLM-Ascend', sglang: 'SGLang' };

export const ENGINE_FAMILIES: readonly EngineFamily[] = ['vllm', 'vllm-ascend', 'sglang'];
