/**
 * `cardplan size`: the memory of one workload, from a catalog model, a config.json / model folder
 * or typed-in fields. The option names are a contract other tools rely on.
 */
import type { SizeRequest } from '../../shared/contract.ts';
import type { SizingResult, Term } from '../../shared/memory/size.ts';
import { verdictSentence } from '../../shared/memory/verdict-text.ts';
import { bytesToGB, bytesToGiB } from '../../shared/units.ts';
import type { ServiceContext } from '../services/context.ts';
import { call, parseOptions, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { MODEL_WORKLOAD_OPTIONS, modelAndWorkload, parseNumber } from './workload-options.ts';

export { parseNumber };

export const SIZE_USAGE = `cardplan size (--model ID | --config PATH_OR_FOLDER | --params N --layers N --heads N --kv-heads N --head-dim N)
  [--weights fp32|bf16|fp16|fp8|int8|int4|gptq-int8|gptq-int4|awq-int4|fp8-block|nvfp4|mxfp4]
  [--kv-dtype auto|bf16|fp16|fp8|int8] [--context TOKENS] [--concurrency N]
  [--mode inference|train-full|train-lora|train-qlora] [--engine generic|transformers|vllm|sglang]
  [--method detailed|rule-of-thumb] [--gpu-memory-utilization F]
  [--kind generation|embedding|reranker] [--card CARD_ID --tp N --pp N] [--json]
  more: --prompt-tokens N, --engine-version 0.19|0.11 (vllm) or 4.51|4.46 (transformers),
        --attention sdpa|flash_attention_2 and --prefill-chunk-tokens N (transformers 4.51),
        --mem-fraction-static F, --buffer F,
        --force-context, --zero 0-3, --dp N, --lora-rank N, --lora-targets attention|all-linear,
        --no-checkpointing, and for --params: --active-params N --hidden N --intermediate N --vocab N`;

const OPTIONS = {
  ...MODEL_WORKLOAD_OPTIONS,
  card: { type: 'string' },
  tp: { type: 'string' },
  pp: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function buildRequest(v: Record<string, string | boolean | undefined>): SizeRequest {
  if ((v.tp !== undefined || v.pp !== undefined) && v.card === undefined) throw new UsageError('size: --tp and --pp need --card CARD_ID');
  const num = (k: string) => parseNumber(k, v[k] as string | undefined);
  const placement = v.card !== undefined ? { cardId: v.card as string, tp: num('tp') ?? 1, pp: num('pp') ?? 1 } : undefined;
  return { ...modelAndWorkload(v, 'size'), ...(placement ? { placement } : {}) };
}

/** The JSON contract of `cardplan size --json`. */
export function sizeJson(r: SizingResult): Record<string, unknown> {
  return {
    model: r.model,
    method: r.method,
    mode: r.mode,
    kind: r.kind,
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
    ...(r.transformers ? { transformers: r.transformers } : {}),
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
    out.push('', `per card: ${c.card}, tp ${c.tp} × pp ${c.pp} = ${c.cards} card(s), ${fixed(bytesToGiB(c.capacityBytes))} GiB usable each`);
    out.push(...table(r.perCardBreakdown, c.bytes.total));
    const v = c.verdict;
    if (v.basis === 'kv-pool') {
      const outside = v.engine === 'vllm' ? 'its CUDA context' : 'activations and overhead outside its static fraction';
      out.push(`the total is measured against what ${r.engine} allocates: ${v.fraction.toFixed(2)} × ${fixed(bytesToGiB(v.usableBytes))} = ${fixed(bytesToGiB(v.engineBytes))} GiB, plus ${fixed(bytesToGiB(v.outsideBytes))} GiB of ${outside} = ${fixed(bytesToGiB(v.engineBytes + v.outsideBytes))} GiB per card`);
    }
    out.push('', `verdict: ${verdictSentence(v, 'en')}`);
    const who = r.kind === 'generation' ? 'users' : 'sequences per batch';
    const engineX = c.verdict.basis === 'kv-pool' && c.verdict.engineConcurrency !== null ? ` (vLLM itself would print "Maximum concurrency for ${int(r.contextTokens)} tokens per request: ${c.verdict.engineConcurrency.toFixed(2)}x": without the headroom)` : '';
    out.push(`max ${who} that fit at ${int(r.contextTokens)} tokens: ${int(c.maxConcurrency)}${engineX}`);
    out.push(`max context that fits for ${int(r.concurrency)}: ${int(c.maxContextTokens)} tokens${c.maxContextLimitedBy === 'model' ? " (the model's own limit)" : ''}`);
  }
  if (r.transformers) {
    const t = r.transformers;
    const steady = t.perCardDecodePhaseBytes ?? t.decodePhaseBytes;
    out.push('', `transformers ${t.version} (${t.attention}${t.prefillChunkTokens ? `, prefill_chunk_size ${int(t.prefillChunkTokens)}` : ''}): between decode steps PyTorch holds ${fixed(bytesToGiB(steady))} GiB${t.perCardDecodePhaseBytes !== undefined ? ' per card' : ''} (weights, KV cache, a step's copies, cuBLAS workspace); the totals above are the peak, during the prefill or a decode step`);
  }
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}

export async function sizeCommand(args: string[], io: Io, ctx: () => ServiceContext): Promise<number> {
  const values = parseOptions('size', args, OPTIONS, 'see cardplan size --help') as Record<string, string | boolean | undefined>;
  const request = buildRequest(values);
  const sizing = await call<SizingResult>(ctx(), 'sizing:size', request);
  io.out(values.json ? `${JSON.stringify(sizeJson(sizing), null, 2)}\n` : sizeText(sizing));
  return 0;
}
