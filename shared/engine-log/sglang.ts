/**
 * SGLang start-up logs: the `server_args=ServerArgs(...)` line, the model runner's "Load weight" and
 * "KV Cache is allocated" lines, and the scheduler's `max_total_num_tokens=` line. Every "GB" is GiB
 * (see units.ts). Each rank prints its own lines with a `[date TPn]` prefix; the first is kept.
 */
import type { EngineObservation, Observed } from './observation.ts';
import { DECIMAL, addExtra, decimalRule, memoryRule, observe, textRule, wholeRule, type Rule } from './lines.ts';
import { printedMemoryBytes, printedUnit } from './units.ts';

const S = 'sglang';
const re = (source: string): RegExp => new RegExp(source);
const gb = (hint: string, source: string): Rule<number> => memoryRule(S, hint, re(source));

const MODEL = [textRule('model_path=', /\bmodel_path='([^']+)'/)];

const DTYPE: Rule<string>[] = [
  textRule('Load weight end', /Load weight end\..*?\bdtype=torch\.(\w+)/), // the dtype resolved (older builds)
  textRule("dtype='", /\bdtype='(\w+)'/), // server_args, as asked ('auto' …); `\b`: not kv_cache_dtype
];

const TENSOR_PARALLEL = [wholeRule('tp_size=', /\btp_size=(\d+)/)];
const PIPELINE_PARALLEL = [wholeRule('pp_size=', /\bpp_size=(\d+)/)];

const MAX_MODEL_LEN = [
  wholeRule('context_len=', /\bcontext_len=(\d+)/), // scheduler line, resolved
  wholeRule('context_length=', /\bcontext_length=(\d+)/), // server_args, when set
];

// server_args "mem_fraction_static=0.85"; a debug print "mem_fraction_static 0.911" reads the same.
const MEMORY_FRACTION = [decimalRule('mem_fraction_static', /mem_fraction_static[=:\s]\s*(\d*\.?\d+)/)];

const DEVICE_BYTES = [gb('Load weight begin', String.raw`Load weight begin\. avail mem=(${DECIMAL})\s*(GB|GiB)`)];
const WEIGHTS_BYTES = [gb('Load weight end', String.raw`Load weight end\..*?mem usage=(${DECIMAL})\s*(GB|GiB)`)];

const K_AND_V = re(String.raw`KV Cache is allocated\..*?\bK size:\s*(${DECIMAL})\s*(GB|GiB), V size:\s*(${DECIMAL})\s*(GB|GiB)`);

const KV_BYTES: Rule<number>[] = [
  // Hybrid sliding-window models allocate two pools per rank (full and SWA, K ≠ V), each with its own
  // "KV Cache is allocated" line; "SWAKVPool mem usage" is both together.
  gb('SWAKVPool mem usage', String.raw`SWAKVPool mem usage:\s*(${DECIMAL})\s*(GB|GiB)`),
  {
    hint: 'KV Cache is allocated',
    pattern: K_AND_V,
    read: (m) => printedMemoryBytes(S, Number(m[1]), printedUnit(m[2]!)) + printedMemoryBytes(S, Number(m[3]), printedUnit(m[4]!)),
  },
  gb('KV Cache is allocated', String.raw`KV Cache is allocated\..*?\bKV size:\s*(${DECIMAL})\s*(GB|GiB)`), // MLA: one latent cache
];

const KV_TOKENS = [wholeRule('max_total_num_tokens=', /max_total_num_tokens=(\d+)/), wholeRule('#tokens:', /#tokens:\s*(\d+)/)];
const BLOCK_SIZE = [wholeRule('page_size=', /\bpage_size=(\d+)/)];

/** A figure of the scheduler's `max_total_num_tokens=…` line (resolved, unlike server_args' None). */
const scheduler = (key: string): Rule<number>[] => [wholeRule('max_total_num_tokens=', re(String.raw`max_total_num_tokens=.*?\b${key}=(\d+)`))];

const EXTRA: Record<string, Rule<number>[]> = {
  kCacheBytes: [{ hint: 'KV Cache is allocated', pattern: K_AND_V, read: (m) => printedMemoryBytes(S, Number(m[1]), printedUnit(m[2]!)) }],
  vCacheBytes: [{ hint: 'KV Cache is allocated', pattern: K_AND_V, read: (m) => printedMemoryBytes(S, Number(m[3]), printedUnit(m[4]!)) }],
  availAfterWeightsBytes: [gb('Load weight end', String.raw`Load weight end\..*?avail mem=(${DECIMAL})\s*(GB|GiB)`)],
  availAfterKvPoolBytes: [gb('Memory pool end', String.raw`Memory pool end\. avail mem=(${DECIMAL})\s*(GB|GiB)`)],
  cudaGraphBytes: [gb('Capture cuda graph end', String.raw`Capture cuda graph end\..*?mem usage=(${DECIMAL})\s*(GB|GiB)`)],
  availAfterCudaGraphBytes: [gb('Capture cuda graph end', String.raw`Capture cuda graph end\..*?avail mem=(${DECIMAL})\s*(GB|GiB)`)],
  distributedInitBytes: [gb('Init torch distributed ends', String.raw`Init torch distributed ends\. mem usage=(${DECIMAL})\s*(GB|GiB)`)],
  availableGpuMemBytes: [gb('available_gpu_mem=', String.raw`available_gpu_mem=(${DECIMAL})\s*(GB|GiB)`)],
  maxRunningRequests: scheduler('max_running_requests'),
  chunkedPrefillTokens: scheduler('chunked_prefill_size'),
  maxPrefillTokens: scheduler('max_prefill_tokens'),
};

/** Reads an SGLang start-up log (already split into lines). SGLang prints no version in these lines. */
export function parseSglang(lines: readonly string[]): EngineObservation {
  const extra: Record<string, Observed<number>> = {};
  for (const [name, rules] of Object.entries(EXTRA)) addExtra(extra, name, observe(lines, rules));
  return {
    engine: 'sglang',
    generation: null,
    version: null,
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
    kvBlocks: null,
    blockSize: observe(lines, BLOCK_SIZE),
    maxConcurrency: null,
    extra,
  };
}
