/**
 * `cardplan plan` and `cardplan cards` (contract: keep the names).
 */
import type { PlanRequestPayload } from '../../shared/contract.ts';
import type { CardSpec, Currency } from '../../shared/catalog/card-specs.ts';
import { verdictFigure, verdictLabel } from '../../shared/memory/verdict-text.ts';
import type { Plan, PlanOption } from '../../shared/plan/plan.ts';
import { rankAndRecommend } from '../../shared/plan/ranking.ts';
import { recommendationSentence } from '../../shared/plan/recommendation-text.ts';
import { targetTokensPerSecond } from '../../shared/plan/target.ts';
import { formatNumber } from '../../shared/format.ts';
import { bytesToGiB } from '../../shared/units.ts';
import type { ServiceContext } from '../services/context.ts';
import { call, parseOptions, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { MODEL_WORKLOAD_OPTIONS, modelAndWorkload, parseNumber } from './workload-options.ts';

export const PLAN_USAGE = `cardplan plan (model and workload options as in cardplan size) [--cards all|ID,ID,...]
  [--ttft-ms MS] [--tpot-ms MS] [--min-tokens-per-user N] [--prompt-tokens N] [--output-tokens N]
  [--target-tokens-per-second N] [--currency CNY|USD|EUR] [--domestic|--nvidia] [--json]
  --ttft-ms, --tpot-ms: latency targets per user (time to first token, time per output token); each
    option serves its users on as many replicas as meet them, or says by how much it misses
  --min-tokens-per-user: the slowest decode speed each user may get (default 10 for generation; 0 = no floor);
    it counts as a TPOT target of 1000 ÷ N ms
  --prompt-tokens, --output-tokens: a request's lengths for speed (default: a quarter of the context generated, at most 1,024)
  a throughput target can also be given as --target-users N --tokens-per-user N (output tokens/s each),
  or --target-requests-per-second R --output-tokens N
cardplan cards [--json]          the catalog, with unknown fields as null`;

const PLAN_OPTIONS = {
  ...MODEL_WORKLOAD_OPTIONS,
  cards: { type: 'string' },
  'target-tokens-per-second': { type: 'string' },
  'target-users': { type: 'string' },
  'tokens-per-user': { type: 'string' },
  'target-requests-per-second': { type: 'string' },
  'output-tokens': { type: 'string' },
  currency: { type: 'string' },
  domestic: { type: 'boolean' },
  nvidia: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** The option fields of `plan --json` (contract), plus the extra figures after them. */
export function optionJson(o: PlanOption): Record<string, unknown> {
  return {
    card: o.card,
    cards: o.cards,
    tp: o.tp,
    pp: o.pp,
    replicas: o.replicas,
    servers: o.servers,
    fits: o.fits,
    perCardBytes: o.perCardBytes,
    capacityBytes: o.capacityBytes,
    maxConcurrency: o.maxConcurrency,
    decodeTokensPerSecond: o.decodeTokensPerSecond,
    capex: o.capex,
    currency: o.currency,
    tcoPerYear: o.tcoPerYear,
    costPerMillionTokens: o.costPerMillionTokens,
    warnings: o.warnings,
    cardName: o.cardName,
    vendor: o.vendor,
    domestic: o.domestic,
    weights: o.weights,
    status: o.status,
    verdict: o.verdict,
    kind: o.kind,
    engineConcurrency: o.engineConcurrency,
    maxContextTokens: o.maxContextTokens,
    maxContextLimitedBy: o.maxContextLimitedBy,
    tokensPerSecondPerUser: o.tokensPerSecondPerUser,
    inputTokensPerSecond: o.inputTokensPerSecond,
    meetsFloor: o.meetsFloor,
    ttftMs: o.ttftMs,
    tpotMs: o.tpotMs,
    band: o.speed?.band ?? null,
    speedBasis: o.speed?.basis ?? null,
    batchPerReplica: o.batchPerReplica,
    meetsLatency: o.meetsLatency,
    latencyMiss: o.latencyMiss,
    decodeMs: o.speed?.decodeMs ?? null,
    speedAssumptions: o.speed?.assumptions ?? null,
    meetsTarget: o.meetsTarget,
    powerPerYear: o.powerPerYear,
  };
}

const money = (n: number | null, currency: string) => (n === null ? 'unknown' : `${formatNumber(Math.round(n), 'en-US')} ${currency}`);
const num1 = (n: number | null) => (n === null ? 'unknown' : n.toFixed(1));
/** A latency, with how far it misses its target ("412 (×1.4)") where it does. */
const ms = (n: number | null, miss: number | null | undefined) => (n === null ? 'unknown' : `${formatNumber(Math.round(n), 'en-US')}${miss ? ` (×${miss.toFixed(2)})` : ''}`);

function planText(plan: Plan): string {
  const generation = plan.kind === 'generation';
  const rows = plan.options.map((o, i) => [
    `${i === plan.recommended ? '*' : plan.pareto.includes(i) ? '+' : ' '} ${o.card}`,
    `${o.cards} (tp ${o.tp} × pp ${o.pp} × ${o.replicas})`,
    String(o.servers),
    o.status === 'fits' ? 'fits' : o.status === 'tight' ? 'tight' : 'no',
    verdictFigure(o.verdict, 'en'),
    o.maxConcurrency === null ? 'unknown' : String(o.maxConcurrency),
    num1(o.throughputTokensPerSecond),
    ...(generation ? [num1(o.tokensPerSecondPerUser), ms(o.ttftMs, o.latencyMiss?.ttft), ms(o.tpotMs, o.latencyMiss?.tpot)] : []),
    money(o.capex, o.currency),
    money(o.tcoPerYear, o.currency),
    o.costPerMillionTokens === null ? 'unknown' : o.costPerMillionTokens.toFixed(2),
  ]);
  const header = [
    '  card',
    'cards',
    'servers',
    'fit',
    'figure the fit is judged on',
    generation ? 'max users' : 'max batch',
    generation ? 'output tokens/s (est.)' : 'input tokens/s (est.)',
    ...(generation ? ['per user', 'TTFT ms', 'TPOT ms'] : []),
    'capex',
    'TCO/year',
    'per 1M tokens',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), ...rows.map(line), ''];
  out.push(`fit: ${verdictLabel('fits', 'en')} / tight: ${verdictLabel('tight', 'en')} / no: ${verdictLabel('no', 'en')}; GiB are per card with the safety buffer against usable memory, or tokens in vLLM/SGLang's KV pool against the tokens requested`);
  out.push('* recommended   + Pareto front (no other option is both cheaper and faster)   tp × pp × replicas: cards per tensor-parallel group × pipeline stages × copies');
  out.push(recommendationSentence(plan, 'en'));
  out.push('Speeds are estimates (per-step model, band and assumptions with --json); TTFT and TPOT at each replica\'s batch; ×N: N times the target, which even one user per replica would miss. Prices are indicative (see each option’s warnings with --json).');
  for (const e of plan.excluded) out.push(`excluded ${e.card}: ${e.reason}`);
  return `${out.join('\n')}\n`;
}

export async function planCommand(args: string[], io: Io, ctx: () => ServiceContext): Promise<number> {
  const v = parseOptions('plan', args, PLAN_OPTIONS, 'see cardplan plan --help') as Record<string, string | boolean | undefined>;
  const currency = (v.currency as string | undefined)?.toUpperCase();
  if (currency !== undefined && !['CNY', 'USD', 'EUR'].includes(currency)) throw new UsageError(`plan: --currency must be CNY, USD or EUR (got '${v.currency}')`);
  if (v.domestic && v.nvidia) throw new UsageError('plan: give --domestic or --nvidia, not both');
  const cardsArg = v.cards as string | undefined;
  const cardIds = cardsArg === undefined || cardsArg === 'all' ? undefined : cardsArg.split(',').map((id) => id.trim()).filter(Boolean);
  if (cardIds !== undefined && cardIds.length === 0) throw new UsageError("plan: --cards needs 'all' or a comma-separated list of card ids");
  const target = targetFrom(v);
  const payload: PlanRequestPayload = {
    ...modelAndWorkload(v, 'plan'),
    ...(cardIds ? { cardIds } : {}),
    ...(target !== undefined ? { targetTokensPerSecond: target } : {}),
    ...(currency ? { currency: currency as Currency } : {}),
  };
  const plan = await call<Plan>(ctx(), 'plan:workload', payload);
  const shown = filterPlan(plan, v.domestic ? true : v.nvidia ? false : null);
  if (v.json) {
    io.out(
      `${JSON.stringify(
        {
          kind: shown.kind,
          options: shown.options.map(optionJson),
          recommended: shown.recommended,
          recommendation: { ...shown.recommendation, text: recommendationSentence(shown, 'en') },
          bestPerCard: shown.bestPerCard,
          pareto: shown.pareto,
          speedFloorTokensPerSecondPerUser: shown.speedFloorTokensPerSecondPerUser,
          latencyTargets: shown.latencyTargets,
          excluded: shown.excluded,
          candidatesEvaluated: plan.candidatesEvaluated,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.out(planText(shown));
  }
  return 0;
}

function targetFrom(v: Record<string, string | boolean | undefined>): number | undefined {
  const n = (k: string) => parseNumber(k, v[k] as string | undefined, 'plan');
  const given = [
    v['target-tokens-per-second'] !== undefined,
    v['target-users'] !== undefined || v['tokens-per-user'] !== undefined,
    v['target-requests-per-second'] !== undefined,
  ].filter(Boolean).length;
  if (given > 1) throw new UsageError('plan: give one target: --target-tokens-per-second, --target-users with --tokens-per-user, or --target-requests-per-second with --output-tokens');
  if (v['target-tokens-per-second'] !== undefined) return n('target-tokens-per-second');
  if (v['target-users'] !== undefined || v['tokens-per-user'] !== undefined) {
    if (v['target-users'] === undefined || v['tokens-per-user'] === undefined) throw new UsageError('plan: --target-users and --tokens-per-user go together');
    return targetTokensPerSecond({ concurrentUsers: n('target-users')!, tokensPerSecondEach: n('tokens-per-user')! });
  }
  if (v['target-requests-per-second'] !== undefined) {
    if (v['output-tokens'] === undefined) throw new UsageError('plan: --target-requests-per-second needs --output-tokens (tokens generated per request)');
    return targetTokensPerSecond({ requestsPerSecond: n('target-requests-per-second')!, outputTokens: n('output-tokens')! });
  }
  return undefined;
}

/** Domestic vs NVIDIA is a filter on one plan, not a separate search: indexes are remapped and the ranking redone. */
export function filterPlan(plan: Plan, domestic: boolean | null): Plan {
  if (domestic === null) return plan;
  const keep = plan.options.map((o, i) => ({ o, i })).filter(({ o }) => o.domestic === domestic);
  const remap = new Map(keep.map(({ i }, j) => [i, j]));
  const options = keep.map(({ o }) => o);
  const target = plan.recommendation.targetTokensPerSecond ?? undefined;
  const ranked = rankAndRecommend(options, { target, floor: plan.speedFloorTokensPerSecondPerUser, latency: plan.latencyTargets, stated: plan.recommendation.latencyTargets });
  return {
    ...plan,
    options,
    recommended: ranked.recommended,
    recommendation: ranked.recommendation,
    bestPerCard: ranked.bestPerCard,
    pareto: plan.pareto.filter((i) => remap.has(i)).map((i) => remap.get(i)!),
  };
}

export async function cardsCommand(args: string[], io: Io, ctx: () => ServiceContext): Promise<number> {
  const v = parseOptions('cards', args, { json: { type: 'boolean' } }, '--json');
  const cards = await call<CardSpec[]>(ctx(), 'catalog:cards', undefined);
  if (v.json) {
    io.out(`${JSON.stringify(cards, null, 2)}\n`);
    return 0;
  }
  const unknown = (x: number | null, f: (n: number) => string) => (x === null ? 'unknown' : f(x));
  const rows = cards.map((c) => [
    c.id,
    c.domestic ? 'domestic' : 'NVIDIA',
    unknown(c.memoryBytes, (b) => `${bytesToGiB(b).toFixed(0)} GiB`),
    unknown(c.bandwidthBytesPerSecond, (b) => `${(b / 1e9).toFixed(0)} GB/s`),
    unknown(c.peakFlops.bf16 ?? c.peakFlops.fp16, (f) => `${(f / 1e12).toFixed(0)} TFLOPS`),
    unknown(c.tdpWatts, (w) => `${w} W`),
    c.price === null ? 'unknown' : `${formatNumber(c.price.amount, 'en-US', c.price.amount % 1 ? 2 : 0)} ${c.price.currency} (${c.price.date ?? 'undated'})`,
  ]);
  const header = ['card', 'origin', 'memory', 'bandwidth', 'BF16/FP16 dense', 'TDP', 'indicative price'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  io.out(`${[header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`);
  return 0;
}
