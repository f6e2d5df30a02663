/**
 * Engine start-up logs → the figures they print. Fixtures: tests/fixtures/engine-logs (real logs
 * quoted in public issues; sources in its index.json). Expected values are written here from the
 * strings the logs print, with the unit each engine means (GB printed by vLLM and SGLang is 2^30
 * bytes, see shared/engine-log/units.ts), not computed by the parser's helpers. Exact: bytes are
 * rounded to the nearest byte, as the parser does.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CardPlanError } from '../../shared/errors.ts';
import type { EngineFamily, EngineObservation } from '../../shared/engine-log/observation.ts';
import { parseEngineLog } from '../../shared/engine-log/parse.ts';
import { printedMemoryBytes } from '../../shared/engine-log/units.ts';

const DIR = 'tests/fixtures/engine-logs/';
const read = (file: string): string => fs.readFileSync(DIR + file, 'utf8');
const INDEX: { file: string; engine: EngineFamily; generation: 'v0' | 'v1' | null; printed: Record<string, unknown> }[] = JSON.parse(read('index.json'));

const gib = (printed: number): number => Math.round(printed * 2 ** 30); // "GB"/"GiB" as vLLM and SGLang print them
const mib = (printed: number): number => Math.round(printed * 2 ** 20);

type Field = Exclude<keyof EngineObservation, 'engine' | 'generation' | 'extra'>;
const FIELDS: Field[] = [
  'version', 'model', 'dtype', 'tensorParallel', 'pipelineParallel', 'maxModelLen', 'memoryFraction', 'deviceBytes',
  'weightsBytes', 'kvBytes', 'kvTokens', 'kvBlocks', 'blockSize', 'maxConcurrency',
];
/** value, 1-based line, and a piece of that line that prints it */
type Seen = [value: unknown, line: number, printed: string];
interface Case {
  engine: EngineFamily;
  /** Pass the engine to the parser (the log does not say it). */
  named?: true;
  generation: 'v0' | 'v1' | null;
  figures: Partial<Record<Field, Seen>>;
  extra?: Record<string, Seen>;
}
const mc = (tokensPerRequest: number, times: number) => ({ tokensPerRequest, times });

const CASES: Record<string, Case> = {
  // vLLM V0
  'vllm-llama31-8b-1.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      weightsBytes: [gib(14.9888), 1, 'took 14.9888 GB'],
      deviceBytes: [gib(23.58), 2, 'total_gpu_memory=23.58GiB'],
      kvBytes: [gib(3.81), 2, 'kv_cache_size=3.81GiB'],
      memoryFraction: [0.9, 2, 'gpu_memory_utilization=0.90'],
      kvBlocks: [1952, 3, 'GPU blocks: 1952'], // pasted without its "# "
      maxConcurrency: [mc(20000, 1.56), 4, 'for 20000 tokens per request: 1.56x'],
      maxModelLen: [20000, 4, 'for 20000 tokens'],
    },
    extra: { cpuBlocks: [2048, 3, '# CPU blocks: 2048'], nonTorchBytes: [gib(0.35), 2, 'non_torch_memory=0.35GiB'], peakTorchBytes: [gib(17.06), 2, 'peak_torch_memory=17.06GiB'] },
  },
  'vllm-llama31-8b-2.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      weightsBytes: [gib(14.9888), 1, 'took 14.9888 GB'],
      deviceBytes: [gib(23.58), 2, 'total_gpu_memory=23.58GiB'],
      kvBytes: [gib(2.89), 2, 'kv_cache_size=2.89GiB'],
      memoryFraction: [0.9, 2, 'gpu_memory_utilization=0.90'],
      kvBlocks: [1478, 3, '# GPU blocks: 1478'],
      maxConcurrency: [mc(29000, 0.82), 4, 'for 29000 tokens per request: 0.82x'],
      maxModelLen: [29000, 4, 'for 29000 tokens'],
      kvTokens: [23648, 5, 'stored in KV cache (23648)'],
    },
  },
  'vllm-llama-24g-1.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      weightsBytes: [gib(7.9692), 1, 'took 7.9692 GB'],
      deviceBytes: [gib(23.55), 3, 'total_gpu_memory (23.55GiB)'],
      memoryFraction: [0.9, 3, 'gpu_memory_utilization (0.90)'],
    },
    extra: { usableBytes: [gib(21.19), 3, '= 21.19GiB'] },
  },
  'vllm-qwen25-0.5b-1.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      model: ['Gensyn/Qwen2.5-0.5B-Instruct', 1, 'Starting to load model Gensyn/Qwen2.5-0.5B-Instruct...'],
      weightsBytes: [gib(0.9273), 8, 'took 0.9273 GB'],
      deviceBytes: [gib(8.0), 10, 'total_gpu_memory (8.00GiB)'],
      memoryFraction: [0.75, 10, 'gpu_memory_utilization (0.75)'],
      kvBytes: [gib(3.59), 11, 'reserved for KV Cache is 3.59GiB'],
      kvBlocks: [19609, 12, '# CUDA blocks: 19609'],
    },
    extra: {
      usableBytes: [gib(6.0), 10, '= 6.00GiB'],
      profiledWeightsBytes: [gib(0.93), 11, 'model weights take 0.93GiB'],
      nonTorchBytes: [gib(0.04), 11, 'non_torch_memory takes 0.04GiB'],
      activationPeakBytes: [gib(1.44), 11, 'activation peak memory takes 1.44GiB'],
      cpuBlocks: [21845, 12, '# CPU blocks: 21845'],
    },
  },
  'vllm-deepseek-v3-awq-1.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      weightsBytes: [gib(21.21), 1, 'model weights take 21.21GiB'],
      kvBytes: [gib(1.57), 1, 'reserved for KV Cache is 1.57GiB'],
      deviceBytes: [gib(23.58), 3, 'total_gpu_memory (23.58GiB)'],
      memoryFraction: [0.99, 3, 'gpu_memory_utilization (0.99)'],
    },
    extra: { usableBytes: [gib(23.35), 3, '= 23.35GiB'], activationPeakBytes: [gib(0.37), 1, 'activation peak memory takes 0.37GiB'] },
  },
  'vllm-unknown-80g-1.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      deviceBytes: [gib(79.19), 2, 'total_gpu_memory (79.19GiB)'],
      memoryFraction: [0.8, 2, 'gpu_memory_utilization (0.80)'],
      weightsBytes: [gib(1.12), 3, 'model weights take 1.12GiB'],
      kvBytes: [gib(61.84), 3, 'reserved for KV Cache is 61.84GiB'],
      kvBlocks: [36184, 4, '# cuda blocks: 36184'],
      maxConcurrency: [mc(8192, 70.67), 5, 'for 8192 tokens per request: 70.67x'],
      maxModelLen: [8192, 5, 'for 8192 tokens'],
    },
    extra: { cudaGraphBytes: [gib(0.13), 7, 'took 0.13 GiB'], cpuBlocks: [2340, 4, '# CPU blocks: 2340'] },
  },
  'vllm-opt-125m-1.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      model: ['facebook/opt-125m', 1, "model='facebook/opt-125m'"],
      dtype: ['float16', 1, 'dtype=torch.float16'],
      maxModelLen: [2048, 1, 'max_seq_len=2048'],
      tensorParallel: [1, 1, 'tensor_parallel_size=1'],
      weightsBytes: [mib(244.61), 3, 'took 244.61 MB'], // early V0 printed MB (MiB, see units.ts)
      kvBlocks: [76240, 4, '# GPU blocks: 76240'],
    },
    extra: { cpuBlocks: [7281, 4, '# CPU blocks: 7281'] },
  },
  'vllm-chatglm4-9b-config-1.log': {
    engine: 'vllm', generation: 'v0',
    figures: {
      version: ['0.7.2', 1, 'V0 LLM engine (v0.7.2)'],
      model: ['/models/ChatGLM4-9B-128K', 1, "model='/models/ChatGLM4-9B-128K'"],
      dtype: ['bfloat16', 1, 'dtype=torch.bfloat16'],
      maxModelLen: [8192, 1, 'max_seq_len=8192'],
      tensorParallel: [1, 1, 'tensor_parallel_size=1'],
      pipelineParallel: [1, 1, 'pipeline_parallel_size=1'],
    },
  },
  // vLLM V1
  'vllm-llama31-70b-w8a8-1.log': {
    engine: 'vllm', generation: 'v1', // early V1 still prints V0's weights and blocks wording
    figures: {
      weightsBytes: [gib(67.7229), 1, 'took 67.7229 GB'],
      kvBlocks: [1381, 7, '# GPU blocks: 1381'],
      maxConcurrency: [mc(2048, 10.79), 8, 'for 2048 tokens per request: 10.79x'],
      maxModelLen: [2048, 8, 'for 2048 tokens'],
    },
  },
  'vllm-v1-pr13596-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvBlocks: [127626, 1, '# GPU blocks: 127626'],
      maxConcurrency: [mc(2048, 997.08), 2, 'for 2048 tokens per request: 997.08x'],
      maxModelLen: [2048, 2, 'for 2048 tokens'],
      kvTokens: [2042016, 3, 'GPU KV cache size: 2,042,016 tokens'],
    },
  },
  'vllm-qwen25-7b-config-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      version: ['0.8.3', 1, 'V1 LLM engine (v0.8.3)'],
      model: ['/mnt/tenant-home_speed/Model/Qwen/Qwen2.5-7B-Instruct', 1, "model='/mnt/tenant-home_speed/Model/Qwen/Qwen2.5-7B-Instruct'"],
      dtype: ['bfloat16', 1, 'dtype=torch.bfloat16'],
      maxModelLen: [102400, 1, 'max_seq_len=102400'],
      tensorParallel: [1, 1, 'tensor_parallel_size=1'],
      pipelineParallel: [1, 1, 'pipeline_parallel_size=1'],
    },
  },
  'vllm-qwen3-14b-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvBytes: [gib(6.51), 1, 'Available KV cache memory: 6.51 GiB'],
      kvTokens: [42656, 2, 'GPU KV cache size: 42,656 tokens'],
      maxConcurrency: [mc(32768, 1.3), 3, 'for 32,768 tokens per request: 1.30x'],
      maxModelLen: [32768, 3, 'for 32,768 tokens'],
    },
  },
  'vllm-qwen3-235b-fp8-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: { kvBytes: [gib(8.11), 1, 'Available KV cache memory: 8.11 GiB'], kvTokens: [178880, 2, 'GPU KV cache size: 178,880 tokens'] },
  },
  'vllm-qwen3-tp4-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      weightsBytes: [gib(14.2474), 5, 'Model loading took 14.2474 GiB'], // not "Loading weights took 558.37 seconds"
      kvTokens: [198784, 9, 'GPU KV cache size: 198,784 tokens'],
      maxConcurrency: [mc(8192, 24.27), 10, 'for 8,192 tokens per request: 24.27x'],
      maxModelLen: [8192, 10, 'for 8,192 tokens'],
    },
  },
  'vllm-deepseek-70b-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvTokens: [106640, 2, 'GPU KV cache size: 106,640 tokens'],
      maxConcurrency: [mc(8192, 13.02), 3, 'for 8,192 tokens per request: 13.02x'],
      maxModelLen: [8192, 3, 'for 8,192 tokens'],
    },
  },
  'vllm-qwen36-35b-a3b-nvfp4-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvBytes: [gib(5.98), 1, 'Available KV cache memory: 5.98 GiB'],
      kvTokens: [567978, 2, 'GPU KV cache size: 567,978 tokens'],
      maxConcurrency: [mc(131072, 4.33), 3, 'for 131,072 tokens per request: 4.33x'],
      maxModelLen: [131072, 4, "'max_model_len': 131072"], // the setting is preferred to the concurrency line
      model: ['~/.cache/huggingface/qwen3.6-35b-a3b-nvfp4', 4, "'model': '~/.cache/huggingface/qwen3.6-35b-a3b-nvfp4'"],
      dtype: ['bfloat16', 4, "'dtype': 'bfloat16'"],
    },
  },
  'vllm-qwen38-27b-fp8-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvBytes: [gib(11.15), 1, 'Available KV cache memory: 11.15 GiB'],
      kvTokens: [214135, 2, 'GPU KV cache size: 214,135 tokens'],
      maxConcurrency: [mc(65536, 3.27), 3, 'for 65,536 tokens per request: 3.27x'],
      maxModelLen: [65536, 3, 'for 65,536 tokens'],
    },
  },
  'vllm-qwen36-27b-fp8-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvBytes: [gib(5.23), 1, 'Available KV cache memory: 5.23 GiB'],
      kvTokens: [289661, 2, 'GPU KV cache size: 289,661 tokens'],
      maxConcurrency: [mc(262144, 1.1), 3, 'for 262,144 tokens per request: 1.10x'],
      maxModelLen: [262144, 3, 'for 262,144 tokens'],
    },
  },
  'vllm-qwen36-27b-fp8-2.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvBytes: [gib(5.33), 1, 'Available KV cache memory: 5.33 GiB'],
      kvTokens: [300220, 2, 'GPU KV cache size: 300,220 tokens'],
      maxConcurrency: [mc(262144, 1.15), 3, 'for 262,144 tokens per request: 1.15x'],
      maxModelLen: [262144, 3, 'for 262,144 tokens'],
    },
  },
  'vllm-qwen36-27b-int4-1.log': {
    engine: 'vllm', generation: 'v1',
    figures: {
      kvBytes: [gib(11.05), 1, 'Available KV cache memory: 11.05 GiB'],
      kvTokens: [623873, 2, 'GPU KV cache size: 623,873 tokens'],
      maxConcurrency: [mc(262144, 2.38), 3, 'for 262,144 tokens per request: 2.38x'],
      maxModelLen: [262144, 3, 'for 262,144 tokens'],
    },
  },
  // SGLang ("GB" = GiB)
  'sglang-qwq32b-1.log': {
    engine: 'sglang', generation: null,
    figures: {
      model: ['/home/model/Qwen/QwQ-32B', 2, "model_path='/home/model/Qwen/QwQ-32B'"],
      tensorParallel: [4, 2, 'tp_size=4'],
      memoryFraction: [0.85, 2, 'mem_fraction_static=0.85'],
      deviceBytes: [gib(21.63), 24, 'Load weight begin. avail mem=21.63 GB'],
      dtype: ['bfloat16', 49, 'dtype=torch.bfloat16'], // resolved, preferred to server_args' dtype='auto'
      weightsBytes: [gib(15.54), 49, 'mem usage=15.54 GB'],
      kvBytes: [gib(1.42) + gib(1.42), 53, 'K size: 1.42 GB, V size: 1.42 GB'],
      kvTokens: [46611, 70, 'max_total_num_tokens=46611'],
      maxModelLen: [131072, 70, 'context_len=131072'],
    },
    extra: {
      kCacheBytes: [gib(1.42), 53, 'K size: 1.42 GB'],
      availAfterWeightsBytes: [gib(6.09), 49, 'avail mem=6.09 GB'],
      availAfterKvPoolBytes: [gib(2.09), 57, 'Memory pool end. avail mem=2.09 GB'],
      cudaGraphBytes: [gib(0.93), 66, 'mem usage=0.93 GB'],
      maxRunningRequests: [2049, 70, 'max_running_requests=2049'],
      chunkedPrefillTokens: [2048, 70, 'chunked_prefill_size=2048'],
      maxPrefillTokens: [16384, 70, 'max_prefill_tokens=16384'],
    },
  },
  'sglang-qwen3-14b-1.log': {
    engine: 'sglang', generation: null,
    figures: {
      dtype: ['bfloat16', 1, 'dtype=torch.bfloat16'],
      weightsBytes: [gib(27.57), 1, 'mem usage=27.57 GB'],
      kvBytes: [gib(7.0) + gib(7.0), 2, 'K size: 7.00 GB, V size: 7.00 GB'],
      kvTokens: [91749, 2, '#tokens: 91749'],
    },
    extra: { availAfterWeightsBytes: [gib(19.67), 1, 'avail mem=19.67 GB'], availAfterKvPoolBytes: [gib(5.27), 3, 'avail mem=5.27 GB'] },
  },
  'sglang-qwen2-1.log': {
    engine: 'sglang', generation: null,
    figures: {
      dtype: ['float16', 1, 'dtype=torch.float16'],
      weightsBytes: [gib(33.01), 1, 'mem usage=33.01 GB'],
      kvBytes: [gib(4.28) + gib(4.28), 2, 'K size: 4.28 GB, V size: 4.28 GB'],
      kvTokens: [35079, 2, '#tokens: 35079'],
    },
    extra: { availAfterWeightsBytes: [gib(14.23), 1, 'avail mem=14.23 GB'], availAfterKvPoolBytes: [gib(5.21), 3, 'avail mem=5.21 GB'] },
  },
  'sglang-gemma3-1.log': {
    engine: 'sglang', generation: null,
    figures: { dtype: ['bfloat16', 1, 'dtype=torch.bfloat16'], weightsBytes: [gib(18.82), 1, 'mem usage=18.82 GB'] },
    extra: { availAfterWeightsBytes: [gib(3.64), 1, 'avail mem=3.64 GB'] },
  },
  'sglang-qwen3-235b-fp8-1.log': {
    engine: 'sglang', generation: null,
    figures: { kvBytes: [gib(8.23) + gib(8.23), 1, 'K size: 8.23 GB, V size: 8.23 GB'], kvTokens: [367404, 1, '#tokens: 367404'] },
  },
  'sglang-tp8-pr11716-1.log': {
    engine: 'sglang', generation: null,
    figures: {
      deviceBytes: [gib(137.29), 10, 'TP5] Load weight begin. avail mem=137.29 GB'], // the first rank printed, not TP0
      kvBytes: [gib(53.31) + gib(53.31), 19, 'K size: 53.31 GB, V size: 53.31 GB'],
      kvTokens: [2795207, 19, '#tokens: 2795207'],
    },
    extra: { availAfterKvPoolBytes: [gib(11.87), 22, 'avail mem=11.87 GB'], distributedInitBytes: [gib(1.77), 1, 'mem usage=1.77 GB'] },
  },
  'sglang-qwen3-moe-amd-1.log': {
    engine: 'sglang', generation: null,
    figures: {
      weightsBytes: [gib(56.98), 1, 'mem usage=56.98 GB'], // newer wording: elapsed=, no dtype
      memoryFraction: [0.911, 2, 'mem_fraction_static 0.911'], // the PR author's debug print
      kvBytes: [gib(76.44) + gib(76.44), 5, 'K size: 76.44 GB, V size: 76.44 GB'],
      kvTokens: [1669816, 5, '#tokens: 1669816'],
    },
    extra: { availAfterWeightsBytes: [gib(230.2), 1, 'avail mem=230.20 GB'], availAfterKvPoolBytes: [gib(74.01), 6, 'avail mem=74.01 GB'] },
  },
  'sglang-mimo-v2-flash-1.log': {
    engine: 'sglang', generation: null,
    figures: {
      // Two pools per rank (full 41.76 + 27.84, SWA 4.82 + 3.21): the pool's total, not one pool's K + V.
      kvBytes: [gib(77.63), 4, 'SWAKVPool mem usage: 77.63 GB'],
      kvTokens: [1496958, 1, '#tokens: 1496958'],
    },
    extra: {
      kCacheBytes: [gib(41.76), 1, 'K size: 41.76 GB'],
      vCacheBytes: [gib(27.84), 1, 'V size: 27.84 GB'],
      availAfterKvPoolBytes: [gib(22.56), 7, 'avail mem=22.56 GB'],
    },
  },
  'sglang-max-total-tokens-1.log': {
    engine: 'sglang', generation: null,
    figures: { kvTokens: [2086558, 1, 'max_total_num_tokens=2086558'], maxModelLen: [256000, 1, 'context_len=256000'] },
    extra: {
      availableGpuMemBytes: [gib(17.22), 1, 'available_gpu_mem=17.22 GB'],
      maxRunningRequests: [33, 1, 'max_running_requests=33'],
      chunkedPrefillTokens: [8192, 1, 'chunked_prefill_size=8192'],
      maxPrefillTokens: [16384, 1, 'max_prefill_tokens=16384'],
    },
  },
  // vLLM-Ascend (raw bytes for its own "Available memory" line)
  'vllm-ascend-qwen3-8b-1.log': {
    engine: 'vllm-ascend', generation: 'v1',
    figures: {
      weightsBytes: [gib(15.2684), 11, 'took 15.2684 GB'],
      kvBytes: [10700878950, 13, 'Available memory: 10700878950'],
      deviceBytes: [31662800896, 13, 'total memory: 31662800896'],
      kvTokens: [72448, 14, 'GPU KV cache size: 72,448 tokens'],
    },
  },
  'vllm-ascend-dp-1.log': {
    engine: 'vllm-ascend', generation: 'v1',
    figures: {
      kvBytes: [53405099008, 1, 'Available memory: 53405099008'], // rank 0, not the sum over ranks
      deviceBytes: [65452113920, 1, 'total memory: 65452113920'],
      kvTokens: [1086464, 5, 'GPU KV cache size: 1,086,464 tokens'], // the first engine's
      maxConcurrency: [mc(4096, 265.25), 6, 'for 4,096 tokens per request: 265.25x'],
      maxModelLen: [4096, 6, 'for 4,096 tokens'],
    },
  },
  'vllm-ascend-qwen25-v0-1.log': {
    engine: 'vllm-ascend', generation: 'v0',
    figures: {
      weightsBytes: [gib(5.7623), 2, 'took 5.7623 GB'], // the first of four engines (5.7592–5.7623)
      kvBlocks: [3385, 7, '# npu blocks: 3385'],
      maxConcurrency: [mc(1536, 282.08), 9, 'for 1536 tokens per request: 282.08x'],
      maxModelLen: [1536, 9, 'for 1536 tokens'],
    },
    extra: { cpuBlocks: [910, 7, '# CPU blocks: 910'] },
  },
  'vllm-ascend-qwen3-next-80b-1.log': {
    engine: 'vllm-ascend', generation: 'v1',
    figures: { weightsBytes: [gib(37.2362), 5, 'took 37.2362 GB'] },
  },
  'vllm-ascend-qwen3-next-80b-2.log': {
    engine: 'vllm-ascend', named: true, generation: 'v1', // nothing in these two lines names the NPU
    figures: {
      kvTokens: [282240, 1, 'GPU KV cache size: 282,240 tokens'],
      maxConcurrency: [mc(4096, 210.07), 2, 'for 4,096 tokens per request: 210.07x'],
      maxModelLen: [4096, 2, 'for 4,096 tokens'],
    },
  },
  'vllm-ascend-qwen3-next-80b-3.log': {
    engine: 'vllm-ascend', generation: 'v1',
    figures: {
      kvBytes: [0, 1, 'Available memory: 0'], // the failure: no room for the KV cache
      deviceBytes: [65452113920, 1, 'total memory: 65452113920'],
    },
  },
};

describe('the engine-log fixtures', () => {
  it('are each described in index.json, and each has its expected figures here', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.log')).sort();
    expect(INDEX.map((e) => e.file).sort()).toEqual(files);
    expect(Object.keys(CASES).sort()).toEqual(files);
    expect(files).toHaveLength(35);
    for (const e of INDEX) {
      expect(CASES[e.file]!.engine, e.file).toBe(e.engine);
      expect(CASES[e.file]!.generation, e.file).toBe(e.generation);
    }
  });
});

describe('each fixture parses to the figures it prints, each pointing at its line', () => {
  it.each(Object.entries(CASES))('%s', (file, c) => {
    const text = read(file);
    const lines = text.split('\n');
    const o = parseEngineLog(text, c.named ? { engine: c.engine } : {});
    expect(o.engine).toBe(c.engine);
    expect(o.generation).toBe(c.generation);
    const check = (name: string, seen: { value: unknown; line: number; text: string } | null | undefined, [value, line, printed]: Seen): void => {
      expect(seen, `${name} found`).toBeTruthy();
      expect(seen!.value, name).toEqual(value);
      expect(seen!.line, `${name} line`).toBe(line);
      expect(seen!.text, `${name} text`).toBe(lines[line - 1]!.trim());
      expect(seen!.text, `${name} prints`).toContain(printed);
    };
    for (const field of FIELDS) {
      const want = c.figures[field];
      if (want) check(field, o[field], want);
      else expect(o[field], `${field} is not printed in ${file}`).toBeNull();
    }
    for (const [name, want] of Object.entries(c.extra ?? {})) check(`extra.${name}`, o.extra[name], want);
  });

  it('reads the same lines from a log saved with CRLF line ends', () => {
    const unix = parseEngineLog(read('vllm-qwen25-0.5b-1.log'));
    const dos = parseEngineLog(read('vllm-qwen25-0.5b-1.log').replaceAll('\n', '\r\n'));
    expect(dos).toEqual(unix);
  });
});

describe('lines the fixtures do not have, quoted in NOTES from public threads', () => {
  it('reads the 2026 V1 memory sentence (club-3090 PR #1139): device, fraction and what was used', () => {
    const line =
      'Free memory on device (23.15/23.56 GiB) on startup. Desired GPU memory utilization is (0.92, 21.67 GiB). Actual usage is 15.25 GiB for consumed memory (weights + non-torch), 1.66 GiB for peak activation, and 0.14 GiB for CUDAGraph memory. Replace gpu_memory_utilization config with --kv-cache-memory=...';
    const o = parseEngineLog(line);
    expect(o.engine).toBe('vllm');
    expect(o.deviceBytes?.value).toBe(gib(23.56));
    expect(o.memoryFraction?.value).toBe(0.92);
    expect(o.extra.freeOnStartupBytes?.value).toBe(gib(23.15));
    expect(o.extra.usableBytes?.value).toBe(gib(21.67));
    expect(o.extra.consumedBytes?.value).toBe(gib(15.25));
    expect(o.extra.activationPeakBytes?.value).toBe(gib(1.66));
    expect(o.extra.cudaGraphBytes?.value).toBe(gib(0.14));
  });

  it('keeps a negative KV budget (vllm-ascend #9372: 27.5376 GB of weights on a 32 GB vNPU)', () => {
    const o = parseEngineLog('Loading model weights took 27.5376 GB\nAvailable KV cache memory: -0.87 GiB');
    expect(o.weightsBytes?.value).toBe(gib(27.5376));
    expect(o.kvBytes).toEqual({ value: -gib(0.87), line: 2, text: 'Available KV cache memory: -0.87 GiB' });
  });
});

describe('units as the engines print them', () => {
  it('reads vLLM and SGLang "GB" as 2^30 bytes, early vLLM "MB" as 2^20, vLLM-Ascend integers as bytes', () => {
    expect(printedMemoryBytes('vllm', 14.9888, 'GB')).toBe(16_094_101_452); // Math.round(14.9888 × 1,073,741,824)
    expect(printedMemoryBytes('vllm', 6.51, 'GiB')).toBe(6_990_059_274);
    expect(printedMemoryBytes('vllm', 244.61, 'MB')).toBe(256_492_175);
    expect(printedMemoryBytes('sglang', 1.42, 'GB')).toBe(1_524_713_390);
    expect(printedMemoryBytes('vllm-ascend', 10_700_878_950, 'bytes')).toBe(10_700_878_950);
  });

  it('refuses a figure that is not a number', () => {
    expect(() => printedMemoryBytes('vllm', Number.NaN, 'GB')).toThrow('printedMemoryBytes: amount must be a finite number (got NaN)');
  });
});

describe('what is refused, each with one line', () => {
  const refusal = (run: () => unknown): CardPlanError => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(CardPlanError);
      expect((error as CardPlanError).code).toBe('invalid_input');
      expect((error as CardPlanError).message).not.toContain('\n');
      return error as CardPlanError;
    }
    throw new Error('expected a refusal');
  };

  it('a log over 20 MB, naming its size (UTF-8 bytes)', () => {
    expect(refusal(() => parseEngineLog('x'.repeat(25_000_000))).message).toBe(
      'the log is 25.0 MB; at most 20 MB is read — paste the start-up part (the first few thousand lines)',
    );
    // 7,000,000 CJK characters are 21,000,000 bytes of UTF-8
    expect(refusal(() => parseEngineLog('显'.repeat(7_000_000))).message).toMatch(/^the log is 21\.0 MB; at most 20 MB is read/);
  });

  it('but reads a long log under the limit (a start-up buried in 19 MB of serving lines)', () => {
    const filler = 'INFO 04-29 01:10:00 [loggers.py:116] Engine 000: Avg prompt throughput: 0.0 tokens/s\n'.repeat(225_000);
    expect(filler.length).toBe(19_125_000);
    const o = parseEngineLog(read('vllm-qwen3-14b-1.log') + '\n' + filler);
    expect(o.kvTokens?.value).toBe(42656);
  });

  it('binary data: a NUL byte, or mostly non-printable characters', () => {
    expect(refusal(() => parseEngineLog('GPU KV cache size: 10 tokens\u0000\u0001\u0002')).message).toBe('this is not a text log (binary data)');
    expect(refusal(() => parseEngineLog('\ufffd\u0001\u0002\u0003PK\u0004ab'.repeat(1000))).message).toBe('this is not a text log (binary data)');
  });

  it('a text with none of the figures, saying what was looked for', () => {
    const message =
      "no engine start-up figures found: expected vLLM's 'Loading model weights took …' / '# GPU blocks' / 'GPU KV cache size', or SGLang's 'max_total_num_tokens' / 'KV Cache is allocated'";
    expect(refusal(() => parseEngineLog('Traceback (most recent call last):\n  File "x.py", line 1\nRuntimeError: CUDA error')).message).toBe(message);
    expect(refusal(() => parseEngineLog('')).message).toBe(message);
    expect(refusal(() => parseEngineLog('x = torch.zeros(4, dtype=torch.float16)')).message).toBe(message);
  });

  it("a log of another engine than the one named: an SGLang log parsed as vLLM, and the other way round", () => {
    expect(refusal(() => parseEngineLog(read('sglang-qwq32b-1.log'), { engine: 'vllm' })).message).toBe('this looks like an SGLang log, not vLLM');
    expect(refusal(() => parseEngineLog(read('sglang-qwen3-14b-1.log'), { engine: 'vllm-ascend' })).message).toBe('this looks like an SGLang log, not vLLM-Ascend');
    expect(refusal(() => parseEngineLog(read('vllm-qwen3-14b-1.log'), { engine: 'sglang' })).message).toBe('this looks like a vLLM log, not SGLang');
    expect(refusal(() => parseEngineLog(read('vllm-ascend-qwen25-v0-1.log'), { engine: 'vllm' })).message).toBe('this looks like a vLLM-Ascend log, not vLLM');
    expect(refusal(() => parseEngineLog(read('vllm-qwen3-14b-1.log'), { engine: 'tgi' as EngineFamily })).message).toBe(
      'parseEngineLog: engine must be one of vllm, vllm-ascend, sglang (got "tgi")',
    );
  });

  it('but accepts the engine named when the log agrees or cannot tell', () => {
    expect(parseEngineLog(read('sglang-qwq32b-1.log'), { engine: 'sglang' }).kvTokens?.value).toBe(46611);
    expect(parseEngineLog(read('vllm-qwen3-14b-1.log'), { engine: 'vllm-ascend' }).engine).toBe('vllm-ascend');
  });
});
