/**
 * `cardplan size`: the memory of one workload, from a catalog model, a config.json / model folder
 * or typed-in fields. The option names are a contract other tools rely on.
 */
import type { SizeRequest } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import type { SizingResult, Term } from '../../shared/memory/size.ts';
import { bytesToGB, bytesToGiB } from '../../shared/units.ts';
import { dispatch } from '../ipc/handlers.ts';
import { readModelSource } from '../services/model-source.ts';
import type { ServiceContext } from '../services/context.ts';
import { parseOptions, UsageError } from './args.ts';
import type { Io } from './io.ts';

export const SIZE_USAGE = `cardplan size (--model ID | --config PATH_OR_FOLDER | --params N --layers N --heads N --kv-heads N --head-dim N)
  [--weights fp32|bf16|fp16|fp8|int8|int4|gptq-int8|gptq-int4|awq-int4|fp8-block|nvfp4|mxfp4]
  [--kv-dtype auto|bf16|fp16|fp8|int8] [--context TOKENS] [--concurrency N]
  [--mode inference|train-full|train-lora|train-qlora] [--engine generic|transformers|vllm|sglang]
  [--method detailed|rule-of-thumb] [--gpu-memory-utilization F]
  [--card CARD_ID --tp N --pp N] [--json]
  more: --prompt-tokens N, --engine-version 0.19|0.11, --mem-fraction-static F, --buffer F,
        --force-context, --zero 0-3, --dp N, --lora-rank N, --lora-targets attention|all-linear,
        --no-checkpointing, and for --params: --active-params N --hidden N --intermediate N --vocab N`;

const OPTIONS = {
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
  card: { type: 'string' },
  tp: { type: 'string' },
  pp: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/**
 * A number from the command line: digits, a decimal, e-notation, or a B (10⁹) / M (10⁶) suffix —
 * `32B` is 32 × 10⁹, never 32 亿 (3.2 × 10⁹).
 */
export function parseNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([bBmM]?)$/.exec(raw.trim());
  if (!match) throw new UsageError(`size: --${flag} must be a number such as 4096, 1.5, 32e9 or 32B (got '${raw}')`);
  const scale = /b/i.test(match[2]!) ? 1e9 : /m/i.test(match[2]!) ? 1e6 : 1;
  return Math.round(Number(match[1]) * scale * 1e6) / 1e6;
}

function buildRequest(v: Record<string, string | boolean | undefined>): SizeRequest {
  const str = (k: string) => v[k] as string | undefined;
  const num = (k: string) => parseNumber(k, str(k));
  const sources = ['model', 'config', 'params'].filter((k) => v[k] !== undefined);
  if (sources.length !== 1) throw new UsageError('size: give exactly one of --model ID, --config PATH_OR_FOLDER or --params N (with --layers --heads --kv-heads --head-dim)');
  let model: SizeRequest['model'];
  if (v.model !== undefined) model = { id: str('model')! };
  else if (v.config !== undefined) {
    const source = readModelSource(str('config')!);
    model = { config: source.config, name: source.name, exactWeightBytes: source.exactWeightBytes };
  } else {
    const missing = ['layers', 'heads', 'kv-heads', 'head-dim'].filter((k) => v[k] === undefined);
    if (missing.length) throw new UsageError(`size: --params needs ${missing.map((k) => `--${k}`).join(', ')}`);
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
  if ((v.tp !== undefined || v.pp !== undefined) && v.card === undefined) throw new UsageError('size: --tp and --pp need --card CARD_ID');
  const workload = Object.fromEntries(
    Object.entries({
      weights: str('weights'),
      kvDtype: str('kv-dtype'),
      contextTokens: num('context'),
      promptTokens: num('prompt-tokens'),
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
    }).filter(([, value]) => value !== undefined),
  ) as SizeRequest['workload'];
  const placement = v.card !== undefined ? { cardId: str('card')!, tp: num('tp') ?? 1, pp: num('pp') ?? 1 } : undefined;
  return { model, workload, ...(placement ? { placement } : {}) };
}

/** The JSON contract of `cardplan size --json`. */
export function sizeJson(r: SizingResult): Record<string, unknown> {
  return {
    model: r.model,
    method: r.method,
    mode: r.mode,
    engineName: r.engine,
    weights: r.weightFormat,
    kvDtype: r.kvDtype,
    contextTokens: r.contextTokens,
    concurrency: r.concurrency,
    params: r.params,
    activeParams: r.activeParams,
    kvCacheBytesPerToken: r.kvCacheBytesPerToken,
    bytes: r.bytes,
    ...(r.perCard ? { perCard: r.perCard } : {}),
    ...(r.engineResult ? { engine: { kvCacheTokens: r.engineResult.kvCacheTokens, maxConcurrency: r.engineResult.maxConcurrency } } : {}),
    breakdown: r.breakdown.map(({ term, bytes, formula, inputs }) => ({ term, bytes, formula, inputs })),
    ...(r.perCardBreakdown ? { perCardBreakdown: r.perCardBreakdown.map(({ term, bytes, formula, inputs }) => ({ term, bytes, formula, inputs })) } : {}),
    warnings: r.warnings,
  };
}

const int = (n: number) => n.toLocaleString('en-US');
const fixed = (n: number) => n.toFixed(2);

function table(terms: Term[], total: number): string[] {
  const rows = terms.map((t) => [t.term, int(t.bytes), fixed(bytesToGB(t.bytes)), fixed(bytesToGiB(t.bytes)), t.formula]);
  rows.push(['total', int(total), fixed(bytesToGB(total)), fixed(bytesToGiB(total)), '']);
  const header = ['term', 'bytes', 'GB (10^9)', 'GiB (2^30)', 'formula'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 4 ? c.padEnd(i === 4 ? 0 : widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function sizeText(r: SizingResult): string {
  const out = [
    `${r.model}: ${r.mode}, ${r.engine}, ${r.weightFormat} weights, KV ${r.kvDtype}, ${int(r.contextTokens)} tokens × ${r.concurrency}, ${r.method} method`,
    `parameters: ${int(r.params)} (${(r.params / 1e9).toFixed(2)} B = ${(r.params / 1e8).toFixed(1)} 亿)${r.activeParams !== r.params ? `, active ${int(r.activeParams)}` : ''}`,
    `KV cache per token: ${int(r.kvCacheBytesPerToken)} bytes`,
    '',
    'whole deployment',
    ...table(r.breakdown, r.bytes.total),
  ];
  if (r.perCard && r.perCardBreakdown) {
    const c = r.perCard;
    out.push('', `per card: ${c.card}, tp ${c.tp} × pp ${c.pp} = ${c.cards} card(s), ${fixed(bytesToGiB(c.capacityBytes))} GiB usable each: ${c.fits ? 'fits' : 'does not fit'}`);
    out.push(...table(r.perCardBreakdown, c.bytes.total));
  }
  if (r.engineResult) {
    out.push('', `${r.engine} KV pool: ${fixed(bytesToGiB(r.engineResult.kvPoolBytes))} GiB per card = ${int(r.engineResult.kvCacheTokens)} tokens, max concurrency ${r.engineResult.maxConcurrency} at ${int(r.contextTokens)} tokens`);
  }
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}

export async function sizeCommand(args: string[], io: Io, ctx: () => ServiceContext): Promise<number> {
  const values = parseOptions('size', args, OPTIONS, 'see cardplan size --help') as Record<string, string | boolean | undefined>;
  const request = buildRequest(values);
  const result = await dispatch(ctx(), 'sizing:size', request);
  if (!result.ok) throw new CardPlanError(result.error.code, result.error.message);
  const sizing = result.value as SizingResult;
  io.out(values.json ? `${JSON.stringify(sizeJson(sizing), null, 2)}\n` : sizeText(sizing));
  return 0;
}
