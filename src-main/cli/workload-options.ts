/**
 * The model and workload options of `cardplan size` and `cardplan plan` (the same names in both).
 */
import type { SizeRequest } from '../../shared/contract.ts';
import { readModelSource } from '../services/model-source.ts';
import { UsageError } from './args.ts';

/** Model and workload options, shared by `cardplan size` and `cardplan plan`. */
export const MODEL_WORKLOAD_OPTIONS = {
  model: { type: 'string' },
  config: { type: 'string' },
  params: { type: 'string' },
  'active-params': { type: 'string' },
  layers: { type: 'string' },
  heads: { type: 'string' },
  'kv-heads': { type: 'string' },
  'head-dim': { type: 'string' },
  hidden: { type: 'string' },
  intermediate: { type: 'string' },
  vocab: { type: 'string' },
  weights: { type: 'string' },
  'kv-dtype': { type: 'string' },
  context: { type: 'string' },
  'prompt-tokens': { type: 'string' },
  'output-tokens': { type: 'string' },
  'ttft-ms': { type: 'string' },
  'tpot-ms': { type: 'string' },
  concurrency: { type: 'string' },
  mode: { type: 'string' },
  engine: { type: 'string' },
  'engine-version': { type: 'string' },
  method: { type: 'string' },
  'gpu-memory-utilization': { type: 'string' },
  'mem-fraction-static': { type: 'string' },
  buffer: { type: 'string' },
  'force-context': { type: 'boolean' },
  zero: { type: 'string' },
  dp: { type: 'string' },
  'lora-rank': { type: 'string' },
  'lora-targets': { type: 'string' },
  'no-checkpointing': { type: 'boolean' },
  kind: { type: 'string' },
  'min-tokens-per-user': { type: 'string' },
  attention: { type: 'string' },
  'prefill-chunk-tokens': { type: 'string' },
} as const;

/**
 * A number from the command line: digits, a decimal, e-notation, or a B (10⁹) / M (10⁶) suffix —
 * `32B` is 32 × 10⁹, never 32 亿 (3.2 × 10⁹).
 */
export function parseNumber(flag: string, raw: string | undefined, command = 'size'): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([bBmM]?)$/.exec(raw.trim());
  if (!match) throw new UsageError(`${command}: --${flag} must be a number such as 4096, 1.5, 32e9 or 32B (got '${raw}')`);
  const scale = /b/i.test(match[2]!) ? 1e9 : /m/i.test(match[2]!) ? 1e6 : 1;
  return Math.round(Number(match[1]) * scale * 1e6) / 1e6;
}

/** `--min-tokens-per-user 0` turns the floor off, so zero is allowed here (parseNumber takes any non-negative number). */
function minTokensPerUser(raw: string | undefined, command: string): number | undefined {
  return parseNumber('min-tokens-per-user', raw, command);
}

/** The model and workload the options describe (reading --config from disk). */
export function modelAndWorkload(v: Record<string, string | boolean | undefined>, command: string): Pick<SizeRequest, 'model' | 'workload'> {
  const str = (k: string) => v[k] as string | undefined;
  const num = (k: string) => parseNumber(k, str(k), command);
  const sources = ['model', 'config', 'params'].filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw new UsageError(`${command}: give exactly one of --model ID, --config PATH_OR_FOLDER or --params N (with --layers --heads --kv-heads --head-dim)`);
  let model: SizeRequest['model'];
  if (v.model !== undefined) model = { id: str('model')! };
  else if (v.config !== undefined) {
    const source = readModelSource(str('config')!);
    model = { config: source.config, name: source.name, exactWeightBytes: source.exactWeightBytes };
  } else {
    const missing = ['layers', 'heads', 'kv-heads', 'head-dim'].filter((k) => v[k] === undefined);
    if (missing.length) throw new UsageError(`${command}: --params needs ${missing.map((k) => `--${k}`).join(', ')}`);
    model = {
      manual: {
        params: num('params')!,
        activeParams: num('active-params'),
        layers: num('layers')!,
        heads: num('heads')!,
        kvHeads: num('kv-heads')!,
        headDim: num('head-dim')!,
        hiddenSize: num('hidden'),
        intermediateSize: num('intermediate'),
        vocabSize: num('vocab'),
      },
    };
  }
  const workload = Object.fromEntries(
    Object.entries({
      weights: str('weights'),
      kvDtype: str('kv-dtype'),
      contextTokens: num('context'),
      promptTokens: num('prompt-tokens'),
      outputTokens: num('output-tokens'),
      ttftTargetMs: num('ttft-ms'),
      tpotTargetMs: num('tpot-ms'),
      concurrency: num('concurrency'),
      mode: str('mode'),
      engine: str('engine'),
      engineVersion: str('engine-version'),
      method: str('method'),
      gpuMemoryUtilization: num('gpu-memory-utilization'),
      memFractionStatic: num('mem-fraction-static'),
      safetyBufferFraction: num('buffer'),
      forceContext: v['force-context'] === true ? true : undefined,
      zeroStage: num('zero'),
      dataParallel: num('dp'),
      loraRank: num('lora-rank'),
      loraTargets: str('lora-targets'),
      activationCheckpointing: v['no-checkpointing'] === true ? false : undefined,
      kind: str('kind'),
      attention: str('attention'),
      prefillChunkTokens: num('prefill-chunk-tokens'),
      minTokensPerSecondPerUser: minTokensPerUser(str('min-tokens-per-user'), command),
    }).filter(([, value]) => value !== undefined),
  ) as SizeRequest['workload'];
  return { model, workload };
}

