/**
 * Memory figures as engines print them, to integer bytes. Engines print "GB" where they divide by
 * 2^30, so the label is not the unit: each rule below names the code that prints it.
 */
import { CardPlanError } from '../errors.ts';
import { BYTES_PER_GIB, BYTES_PER_MIB } from '../units.ts';
import type { EngineFamily } from './observation.ts';

/** A unit as a log prints it; 'bytes' where the engine prints a raw integer. */
export type PrintedMemoryUnit = 'GiB' | 'GB' | 'MiB' | 'MB' | 'bytes';

/** vLLM's units; vLLM-Ascend prints through the same code and adds raw bytes. */
const VLLM_UNIT_BYTES: Record<PrintedMemoryUnit, number> = {
  // vllm/utils: GiB_bytes = 1 << 30, used by "Available KV cache memory: %.2f GiB" (gpu_worker.py),
  // "Model loading took %.4f GiB" (gpu_model_runner.py) and the V0 ≥ 0.6.4 profiling lines ("…=23.58GiB").
  GiB: BYTES_PER_GIB,
  // V0 model_runner.py: logger.info("Loading model weights took %.4f GB", self.model_memory_usage / float(2**30))
  // (quoted in vllm-ascend PR #295; vllm-ascend's model_runner_v1.py keeps the line). GB here means GiB.
  GB: BYTES_PER_GIB,
  MiB: BYTES_PER_MIB,
  // vLLM PR #3120 (v0.3, Feb 2024) printed "Loading model weights took 244.61 MB" for facebook/opt-125m.
  // The divisor is not in the quoted code. Read as MiB: 244.61 MiB = 256.5e6 bytes, just above the
  // 250.5e6 bytes of opt-125m's 125.2M fp16 parameters; 244.61e6 bytes would be less than the weights.
  MB: BYTES_PER_MIB,
  // vllm-ascend worker_v1.py: logger.info(f"Available memory: {available_kv_cache_memory}, total memory: {total_npu_memory}")
  // prints the integers NPUPlatform.mem_get_info() returns, in bytes.
  bytes: 1,
};

/** SGLang's units. It prints "GB" only. */
const SGLANG_UNIT_BYTES: Record<PrintedMemoryUnit, number> = {
  // mem_cache/memory_pool.py: GB = 1024 * 1024 * 1024, then f"K size: {k_size / GB:.2f} GB"; utils.py
  // get_available_gpu_memory() returns free_gpu_memory / (1 << 30), printed as "avail mem=… GB" and its
  // difference as "mem usage=… GB". Check: QwQ-32B (32.76e9 bf16 parameters = 61.0 GiB) over TP 4 prints
  // "mem usage=15.54 GB" per rank (sglang-qwq32b-1.log): 15.54 GiB ≥ 15.26 GiB of weights, whereas 15.54e9
  // bytes would be less than the weights alone; and an L4 (22.49 GiB) prints "avail mem=21.63 GB" before load.
  GB: BYTES_PER_GIB,
  GiB: BYTES_PER_GIB,
  MB: BYTES_PER_MIB,
  MiB: BYTES_PER_MIB,
  bytes: 1,
};

const UNIT_BYTES: Record<EngineFamily, Record<PrintedMemoryUnit, number>> = {
  vllm: VLLM_UNIT_BYTES,
  'vllm-ascend': VLLM_UNIT_BYTES,
  sglang: SGLANG_UNIT_BYTES,
};

/**
 * A memory figure as `engine` prints it, in bytes: amount × the bytes the engine's code means by the
 * unit, rounded to the nearest byte. Negative amounts stay negative (vLLM prints a negative KV budget
 * when the weights do not leave room for it).
 *
 * @example printedMemoryBytes('vllm', 14.9888, 'GB') // 16_094_101_452 (= Math.round(14.9888 × 2^30))
 * @example printedMemoryBytes('sglang', 1.42, 'GB') // 1_524_713_390
 * @example printedMemoryBytes('vllm-ascend', 10700878950, 'bytes') // 10_700_878_950
 */
export function printedMemoryBytes(engine: EngineFamily, amount: number, unit: PrintedMemoryUnit): number {
  if (!Number.isFinite(amount)) {
    throw new CardPlanError('invalid_input', `printedMemoryBytes: amount must be a finite number (got ${amount})`);
  }
  const perUnit = UNIT_BYTES[engine]?.[unit];
  if (perUnit === undefined) {
    throw new CardPlanError('invalid_input', `printedMemoryBytes: unknown engine or unit (got ${JSON.stringify(engine)}, ${JSON.stringify(unit)})`);
  }
  return Math.round(amount * perUnit);
}

/**
 * A unit as the log prints it ('GiB', 'GB', 'MiB', 'MB'); anything else is refused.
 * @example printedUnit('GiB') // 'GiB'
 */
export function printedUnit(text: string): PrintedMemoryUnit {
  if (text === 'GiB' || text === 'GB' || text === 'MiB' || text === 'MB') return text;
  throw new CardPlanError('invalid_input', `printedUnit: not a memory unit a log prints (got ${JSON.stringify(text)})`);
}
