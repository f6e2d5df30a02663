/**
 * vLLM start-up logs, V0 and V1, and vLLM-Ascend's (it prints through vLLM's code and adds two
 * lines of its own, so one parser reads both). Wording by version is in
 * tests/fixtures/engine-logs/README.md and the fixtures themselves.
 */
import type { EngineFamily, EngineObservation, Observed } from './observation.ts';
import { DECIMAL, WHOLE, addExtra, anyLine, decimalRule, memoryRule, observe, textRule, wholeNumber, wholeRule, type Rule } from './lines.ts';
import { printedMemoryBytes, printedUnit } from './units.ts';

const V = 'vllm';
const re = (source: string, flags = ''): RegExp => new RegExp(source, flags);

const VERSION: Rule<string>[] = [
  // "Initializing an LLM engine (v0.6.6) with config:", "… a V0 LLM engine (v0.7.2) …", "(vdev)"
  textRule('LLM engine (v', /LLM engine \(v([^)\s]+)\)/),
  textRule('vLLM API server version', /vLLM API server version v?(\S+)/),
];

const MODEL: Rule<string>[] = [
  textRule("model='", /\bmodel='([^']+)'/), // the config line, or the older `args: Namespace(...)`
  textRule("'model':", /'model':\s*'([^']+)'/), // V1 ≥ 0.10 "non-default args: {...}"
  textRule('Starting to load model', /Starting to load model (\S+?)\.\.\./), // V0 model_runner.py
];

const DTYPE: Rule<string>[] = [
  textRule('with config:', /with config:.*?\bdtype=torch\.(\w+)/), // the dtype resolved
  textRule("'dtype':", /'dtype':\s*'(?:torch\.)?(\w+)'/),
  textRule('dtype=', /\bdtype=(?:torch\.)?'?(\w+)/), // `\b`: not kv_cache_dtype
];

const TENSOR_PARALLEL = [wholeRule('tensor_parallel_size', /\btensor_parallel_size=(\d+)/), wholeRule('tensor_parallel_size', /'tensor_parallel_size':\s*(\d+)/)];
const PIPELINE_PARALLEL = [wholeRule('pipeline_parallel_size', /\bpipeline_parallel_size=(\d+)/), wholeRule('pipeline_parallel_size', /'pipeline_parallel_size':\s*(\d+)/)];

const MAX_MODEL_LEN: Rule<number>[] = [
  wholeRule('max_seq_len=', /\bmax_seq_len=(\d+)/),
  wholeRule('max_model_len', /'max_model_len':\s*(\d+)/),
  wholeRule('max_model_len=', /\bmax_model_len=(\d+)/),
  // kv_cache_utils.py / executor_base.py print max_model_len as the tokens per request.
  wholeRule('Maximum concurrency for', re(String.raw`Maximum concurrency for (${WHOLE}) tokens per request`)),
];

const MEMORY_FRACTION: Rule<number>[] = [
  // "gpu_memory_utilization=0.90" (V0 0.6.x profiling), "gpu_memory_utilization (0.75) = 6.00GiB"
  // (V0 0.7–0.8), "'gpu_memory_utilization': 0.9" (V1 non-default args), "gpu_memory_utilization   0.90"
  decimalRule('gpu_memory_utilization', /gpu_memory_utilization'?\s*(?:=|:|\s)\s*\(?\s*(\d*\.?\d+)/),
  // V1 2026: "Desired GPU memory utilization is (0.92, 21.67 GiB)"
  decimalRule('Desired GPU memory utilization', /Desired GPU memory utilization is \((\d*\.?\d+)/),
];

const DEVICE_BYTES: Rule<number>[] = [
  memoryRule(V, 'total_gpu_memory', re(String.raw`total_gpu_memory\s*(?:=|\s)\s*\(?\s*(${DECIMAL})\s*(GiB|GB)`)),
  // V1 2026: "Free memory on device (23.15/23.56 GiB) on startup"
  { hint: 'Free memory on device', pattern: re(String.raw`Free memory on device \(${DECIMAL}/(${DECIMAL})\s*(GiB|GB)\)`), read: (m) => printedMemoryBytes(V, Number(m[1]), printedUnit(m[2]!)) },
  memoryRule(V, 'total memory:', /Available memory:\s*-?\d+, total memory:\s*(\d+)/), // vllm-ascend worker_v1.py, bytes
];

const MODEL_WEIGHTS_TAKE = memoryRule(V, 'model weights take', re(String.raw`model weights take\s+(${DECIMAL})\s*(GiB|GB)`));

const WEIGHTS_BYTES: Rule<number>[] = [
  memoryRule(V, 'Loading model weights took', re(String.raw`Loading model weights took (${DECIMAL})\s*(GiB|GB|MiB|MB)\b`)), // V0, early V1, vllm-ascend
  memoryRule(V, 'Model loading took', re(String.raw`Model loading took (${DECIMAL})\s*(GiB|GB)\b`)), // V1
  MODEL_WEIGHTS_TAKE, // V0 0.7–0.8 profiling, rounded to 2 decimals
];

const KV_BYTES: Rule<number>[] = [
  memoryRule(V, 'Available KV cache memory:', re(String.raw`Available KV cache memory:\s*(${DECIMAL})\s*(GiB|GB)`)), // V1 gpu_worker.py
  memoryRule(V, 'reserved for KV Cache is', re(String.raw`reserved for KV Cache is (${DECIMAL})\s*(GiB|GB)`)), // V0 0.7–0.8
  memoryRule(V, 'kv_cache_size=', re(String.raw`\bkv_cache_size=(${DECIMAL})\s*(GiB|GB)`)), // V0 0.6.4–0.6.6
  memoryRule(V, 'available_kv_cache_memory', re(String.raw`available_kv_cache_memory\s*(?:=|\s)\s*(${DECIMAL})\s*(GiB|GB)`)), // V0 Dec 2024 table
  memoryRule(V, 'Available memory:', /Available memory:\s*(-?\d+), total memory:/), // vllm-ascend worker_v1.py, bytes
];

const KV_TOKENS: Rule<number>[] = [
  wholeRule('GPU KV cache size:', re(String.raw`GPU KV cache size:\s*(${WHOLE}) tokens`)),
  // "The model's max seq len (29000) is larger than the maximum number of tokens that can be stored in KV cache (23648)"
  wholeRule('stored in KV cache (', re(String.raw`stored in KV cache \((${WHOLE})\)`)),
];

// The device word varies: "# GPU blocks" (2024, early V1), "# CUDA blocks" (0.7), "# cuda blocks"
// (0.8), "# npu blocks" (Ascend); users drop the "# " when they paste.
const KV_BLOCKS = [wholeRule('blocks:', re(String.raw`(?:^|[^\w])(?:#\s*)?(?:gpu|cuda|npu|xpu|hpu)\s+blocks:\s*(${WHOLE})`, 'i'))];

const BLOCK_SIZE = [wholeRule('block_size', /\bblock_size=(\d+)/), wholeRule('block_size', /'block_size':\s*(\d+)/)];

const MAX_CONCURRENCY: Rule<{ tokensPerRequest: number; times: number }>[] = [
  {
    hint: 'Maximum concurrency for',
    pattern: re(String.raw`Maximum concurrency for (${WHOLE}) tokens per request:\s*(${DECIMAL})x`),
    read: (m) => ({ tokensPerRequest: wholeNumber(m[1]!), times: Number(m[2]) }),
  },
];

const gib = (hint: string, source: string): Rule<number> => memoryRule(V, hint, re(source));

/** Figures beside the main ones, by name. */
const EXTRA: Record<string, Rule<number>[]> = {
  cpuBlocks: [wholeRule('CPU blocks:', re(String.raw`#\s*CPU blocks:\s*(${WHOLE})`))],
  profiledWeightsBytes: [MODEL_WEIGHTS_TAKE],
  nonTorchBytes: [gib('non_torch_memory', String.raw`non_torch_memory(?:=|\s+takes\s+|\s+)(${DECIMAL})\s*(GiB|GB)`)],
  activationPeakBytes: [
    gib('activation peak memory', String.raw`activation peak memory(?: takes)?\s+(${DECIMAL})\s*(GiB|GB)`),
    gib('for peak activation', String.raw`(${DECIMAL})\s*(GiB|GB) for peak activation`),
  ],
  initialUsageBytes: [gib('initial_memory_usage=', String.raw`initial_memory_usage=(${DECIMAL})\s*(GiB|GB)`)],
  peakTorchBytes: [gib('peak_torch_memory=', String.raw`peak_torch_memory=(${DECIMAL})\s*(GiB|GB)`)],
  postProfileUsageBytes: [gib('memory_usage_post_profile=', String.raw`memory_usage_post_profile=(${DECIMAL})\s*(GiB|GB)`)],
  // total_gpu_memory × gpu_memory_utilization, as vLLM prints it
  usableBytes: [
    gib('gpu_memory_utilization (', String.raw`gpu_memory_utilization \(${DECIMAL}\) = (${DECIMAL})\s*(GiB|GB)`),
    gib('the current vLLM instance can use', String.raw`the current vLLM instance can use\s+(${DECIMAL})\s*(GiB|GB)`),
    gib('Desired GPU memory utilization', String.raw`Desired GPU memory utilization is \(${DECIMAL}, (${DECIMAL})\s*(GiB|GB)\)`),
  ],
  cudaGraphBytes: [
    gib('Graph capturing finished', String.raw`Graph capturing finished in .*?took (${DECIMAL})\s*(GiB|GB)`),
    gib('for CUDAGraph memory', String.raw`(${DECIMAL})\s*(GiB|GB) for CUDAGraph memory`),
  ],
  freeOnStartupBytes: [gib('Free memory on device', String.raw`Free memory on device \((${DECIMAL})/${DECIMAL}\s*(GiB|GB)\)`)],
  consumedBytes: [gib('for consumed memory', String.raw`(${DECIMAL})\s*(GiB|GB) for consumed memory`)],
};

const V1_MARKERS: [string, RegExp][] = [
  ['GPU KV cache size:', /GPU KV cache size:/],
  ['Available KV cache memory:', /Available KV cache memory:/],
  ['Model loading took', /Model loading took/],
  ['EngineCore', /\bEngineCore/],
  ['gpu_model_runner.py', /gpu_model_runner\.py/],
  ['kv_cache_utils.py', /kv_cache_utils\.py/],
  ['Worker_', /\bWorker_(?:DP\d+_)?(?:PP\d+_)?TP\d+/],
  ['VllmWorker rank=', /VllmWorker rank=/],
  ['worker_v1.py', /worker_v1\.py/],
  ['model_runner_v1.py', /model_runner_v1\.py/],
  ['non-default args:', /non-default args:/],
];

const V0_MARKERS: [string, RegExp][] = [
  ['Memory profiling results', /Memory profiling results/],
  ['reserved for KV Cache is', /reserved for KV Cache is/],
  ['CPU blocks:', /#\s*CPU blocks:/],
  ['VllmWorkerProcess', /VllmWorkerProcess/],
  ['Initializing an LLM engine', /Initializing an LLM engine/],
];

/**
 * V0 or V1: the config line says so from v0.7 ("a V0 LLM engine" / "a V1 LLM engine"); otherwise
 * V1's own wording or files (kv_cache_utils.py, EngineCore, "GPU KV cache size" …) mean V1, and V0's
 * (memory-profiling lines, "# CPU blocks", VllmWorkerProcess) mean V0. Neither: null.
 */
function vllmGeneration(lines: readonly string[]): 'v0' | 'v1' | null {
  if (anyLine(lines, 'V1 LLM engine', /\bV1 LLM engine\b/)) return 'v1';
  if (anyLine(lines, 'V0 LLM engine', /\bV0 LLM engine\b/)) return 'v0';
  if (V1_MARKERS.some(([hint, pattern]) => anyLine(lines, hint, pattern))) return 'v1';
  if (V0_MARKERS.some(([hint, pattern]) => anyLine(lines, hint, pattern))) return 'v0';
  return null;
}

/** Reads a vLLM or vLLM-Ascend start-up log (already split into lines). */
export function parseVllm(lines: readonly string[], engine: Extract<EngineFamily, 'vllm' | 'vllm-ascend'>): EngineObservation {
  const extra: Record<string, Observed<number>> = {};
  for (const [name, rules] of Object.entries(EXTRA)) addExtra(extra, name, observe(lines, rules));
  return {
    engine,
    generation: vllmGeneration(lines),
    version: observe(lines, VERSION),
    model: observe(lines, MODEL),
    dtype: observe(lines, DTYPE),
    tensorParallel: observe(lines, TENSOR_PARALLEL),
    pipelineParallel: observe(lines, PIPELINE_PARALLEL),
    maxModelLen: observe(lines, MAX_MODEL_LEN),
    memoryFraction: observe(lines, MEMORY_FRACTION),
    deviceBytes: observe(lines, DEVICE_BYTES),
    weightsBytes: observe(lines, WEIGHTS_BYTES),
    kvBytes: observe(lines, KV_BYTES),
    kvTokens: observe(lines, KV_TOKENS),
    kvBlocks: observe(lines, KV_BLOCKS),
    blockSize: observe(lines, BLOCK_SIZE),
    maxConcurrency: observe(lines, MAX_CONCURRENCY),
    extra,
  };
}
