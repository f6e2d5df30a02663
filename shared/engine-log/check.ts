/**
 * CardPlan's prediction for the settings an engine log shows, beside what the log printed, term by
 * term: weights, what the engine kept besides weights and KV, the KV cache in bytes and tokens, and
 * vLLM's maximum concurrency — each with the difference in GiB (or tokens) and percent.
 */
import { CardPlanError } from '../errors.ts';
import {
  activationBytesOnCard,
  DEFAULT_CONTEXT_TOKENS,
  kvBytesPerTokenOnCard,
  overheadBytesOnCard,
  prepareSizing,
  verdictOnCard,
  weightsBytesOnCard,
  type PoolCalibration,
} from '../memory/size.ts';
import { CUDA_CONTEXT_BYTES, VLLM_BLOCK_TOKENS } from '../memory/engines.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { EngineObservation, Observed } from './observation.ts';

export type CheckTerm = 'weights' | 'nonKv' | 'kvBytes' | 'kvTokens' | 'maxConcurrency';

export interface CheckRow {
  term: CheckTerm;
  unit: 'bytes' | 'tokens' | 'times';
  predicted: number;
  observed: number | null;
  /** observed − predicted, in the row's unit; null when the log does not print it. */
  difference: number | null;
  /** (observed − predicted) ÷ observed. */
  relative: number | null;
  /** The log line the observed figure comes from. */
  line: number | null;
  text: string | null;
}

export interface LogCheck {
  engine: 'vllm' | 'sglang';
  model: string;
  tp: number;
  pp: number;
  contextTokens: number;
  fraction: number;
  /** The device memory the prediction used: the log's, or the card's usable memory. */
  deviceBytes: number;
  deviceFrom: 'log' | 'card';
  kvBytesPerToken: number;
  rows: CheckRow[];
}

const row = (term: CheckTerm, unit: CheckRow['unit'], predicted: number, seen: Observed<number> | { value: number; line: number | null; text: string | null } | null): CheckRow => ({
  term,
  unit,
  predicted,
  observed: seen?.value ?? null,
  difference: seen ? seen.value - predicted : null,
  relative: seen && seen.value !== 0 ? (seen.value - predicted) / seen.value : null,
  line: seen?.line ?? null,
  text: seen?.text ?? null,
});

/**
 * @param cardUsableBytes the card's usable memory, for logs that do not print the device's
 * @param calibration when given, the prediction is the calibrated one (to show a calibration holds)
 */
export function checkLog(o: EngineObservation, spec: ModelSpec, cardUsableBytes: number, options: { engineVersion?: string; calibration?: PoolCalibration } = {}): LogCheck {
  const engine = o.engine === 'sglang' ? 'sglang' : 'vllm';
  const tp = o.tensorParallel?.value ?? 1;
  const pp = o.pipelineParallel?.value ?? 1;
  const contextTokens = o.maxModelLen?.value ?? o.maxConcurrency?.value.tokensPerRequest ?? Math.min(spec.maxContextTokens ?? DEFAULT_CONTEXT_TOKENS, DEFAULT_CONTEXT_TOKENS);
  const fraction = o.memoryFraction?.value;
  const p0 = prepareSizing(spec, {
    engine,
    ...(options.engineVersion ? { engineVersion: options.engineVersion } : {}),
    contextTokens,
    concurrency: 1,
    forceContext: true,
    ...(fraction === undefined ? {} : engine === 'vllm' ? { gpuMemoryUtilization: fraction } : { memFractionStatic: fraction }),
  });
  const p = options.calibration ? { ...p0, calibration: options.calibration } : p0;
  if (spec.layers % pp !== 0 && pp > 1) throw new CardPlanError('invalid_input', `the log's pipeline depth ${pp} does not divide ${spec.name}'s ${spec.layers} layers: is it the right model?`);
  const deviceBytes = o.deviceBytes?.value ?? cardUsableBytes;
  const verdict = verdictOnCard(p, tp, pp, deviceBytes);
  if (verdict.basis !== 'kv-pool') throw new CardPlanError('invalid_input', `${engine} sizes a KV pool only for generation: ${spec.name} is not a chat model`);
  const engineFraction = engine === 'vllm' ? p.r.utilization : p.r.memFractionStatic;
  const weights = weightsBytesOnCard(p, tp, pp);
  const perToken = kvBytesPerTokenOnCard(p, tp, pp);
  // What the engine keeps besides weights and KV inside its fraction: vLLM's activation peak and non-torch memory.
  const nonKvPredicted = engine === 'vllm' ? activationBytesOnCard(p, tp, pp) + overheadBytesOnCard(p, tp, pp) - CUDA_CONTEXT_BYTES : 0;
  const observedKv = o.kvBytes ?? (o.kvTokens ? { value: o.kvTokens.value * perToken, line: o.kvTokens.line, text: o.kvTokens.text } : null);
  const observedNonKv =
    o.weightsBytes && observedKv ? { value: engineFraction * deviceBytes - o.weightsBytes.value - observedKv.value, line: null, text: null } : null;
  const block = engine === 'vllm' ? (o.blockSize?.value ?? VLLM_BLOCK_TOKENS) : 1;
  const observedTokens = o.kvTokens ?? (o.kvBlocks ? { value: o.kvBlocks.value * block, line: o.kvBlocks.line, text: o.kvBlocks.text } : null);
  const rows: CheckRow[] = [
    row('weights', 'bytes', options.calibration?.sameModel ? options.calibration.weightsBytes : weights, o.weightsBytes),
    row('nonKv', 'bytes', options.calibration ? options.calibration.nonKvExtraBytes : nonKvPredicted, observedNonKv),
    row('kvBytes', 'bytes', verdict.poolBytes, observedKv),
    row('kvTokens', 'tokens', verdict.poolTokens, observedTokens),
  ];
  if (o.maxConcurrency) {
    const per = o.maxConcurrency.value.tokensPerRequest;
    rows.push(row('maxConcurrency', 'times', Math.round((verdict.poolTokens / per) * 100) / 100, { value: o.maxConcurrency.value.times, line: o.maxConcurrency.line, text: o.maxConcurrency.text }));
  }
  return { engine, model: spec.name, tp, pp, contextTokens, fraction: engineFraction, deviceBytes, deviceFrom: o.deviceBytes ? 'log' : 'card', kvBytesPerToken: perToken, rows };
}
