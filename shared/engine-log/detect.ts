/**
 * Which engine wrote a log, from its own lines. SGLang imports vLLM and so can print a vLLM line or
 * two ("Automatically detected platform cuda."), so each family is scored by the lines only it
 * prints, and vLLM-Ascend is vLLM plus lines that name the NPU.
 */
import type { EngineFamily } from './observation.ts';

type Marker = [hint: string, pattern: RegExp];

const SGLANG_MARKERS: Marker[] = [
  ['server_args=', /server_args=ServerArgs\(/],
  ['max_total_num_tokens=', /max_total_num_tokens=/],
  ['KV Cache is allocated', /KV Cache is allocated/],
  ['Load weight ', /Load weight (?:begin|end)\. /],
  ['Memory pool end', /Memory pool end\. avail mem=/],
  ['Capture cuda graph', /Capture cuda graph (?:begin|end)\./],
  ['SWAKVPool', /SWAKVPool mem usage/],
];

const VLLM_MARKERS: Marker[] = [
  ['LLM engine', /Initializing an? (?:V[01] )?LLM engine/],
  ['Loading model weights took', /Loading model weights took/],
  ['Model loading took', /Model loading took/],
  ['GPU KV cache size:', /GPU KV cache size:/],
  ['Available KV cache memory:', /Available KV cache memory:/],
  ['Maximum concurrency for', /Maximum concurrency for/],
  ['blocks:', /\b(?:gpu|cuda|npu) blocks:/i],
  ['Memory profiling', /Memory profiling (?:results|takes)/],
  ['reserved for KV Cache', /reserved for KV Cache/],
  ['non-default args:', /non-default args:/],
  ['vLLM API server version', /vLLM API server version/],
  ['total memory:', /Available memory: -?\d+, total memory: \d+/],
];

// vLLM-Ascend: "# npu blocks", device_config=npu, its own files (worker_v1.py, model_runner_v1.py) and
// the raw-byte "Available memory: N, total memory: N" line; the package or the chip named.
const ASCEND_MARKERS: Marker[] = [
  ['npu', /\bnpu\b/i],
  ['ascend', /vllm[_-]ascend/i],
  ['Ascend', /\bAscend\b/],
  ['worker_v1.py', /\bworker_v1\.py/],
  ['model_runner_v1.py', /\bmodel_runner_v1\.py/],
  ['total memory:', /Available memory: -?\d+, total memory: \d+/],
];

/** How many lines carry a marker of each family (vLLM-Ascend's count is of its own markers only). */
export function engineScores(lines: readonly string[]): Record<EngineFamily, number> {
  const count = (markers: Marker[]): number =>
    lines.reduce((n, raw) => (markers.some(([hint, pattern]) => raw.includes(hint) && pattern.test(raw)) ? n + 1 : n), 0);
  return { sglang: count(SGLANG_MARKERS), vllm: count(VLLM_MARKERS), 'vllm-ascend': count(ASCEND_MARKERS) };
}

/**
 * The engine a log comes from: SGLang when its lines are at least as many as vLLM's, else
 * vLLM-Ascend when a line names the NPU, else vLLM (also when nothing is recognised).
 */
export function detectEngine(scores: Record<EngineFamily, number>): EngineFamily {
  if (scores.sglang > 0 && scores.sglang >= scores.vllm) return 'sglang';
  if (scores['vllm-ascend'] > 0) return 'vllm-ascend';
  return 'vllm';
}

/**
 * When the caller names the engine: the engine the log clearly comes from instead, or null. Clearly
 * means lines only that other engine prints, and none of the named family's: SGLang named but only
 * vLLM lines (or the other way round), or vLLM named on a log that names the NPU. vLLM-Ascend named
 * on a log with no NPU line is accepted: most of its lines are vLLM's own.
 */
export function contradictedBy(named: EngineFamily, scores: Record<EngineFamily, number>): EngineFamily | null {
  if (named === 'sglang') {
    if (scores.sglang > 0 || scores.vllm === 0) return null;
    return scores['vllm-ascend'] > 0 ? 'vllm-ascend' : 'vllm';
  }
  if (scores.sglang > 0 && scores.vllm === 0) return 'sglang';
  if (named === 'vllm' && scores['vllm-ascend'] > 0 && scores.sglang === 0) return 'vllm-ascend';
  return null;
}
