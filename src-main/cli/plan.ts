/**
 * `cardplan plan` and `cardplan cards` (contract: keep the names).
 */
import type { PlanRequestPayload } from '../../shared/contract.ts';
import type { CardSpec, Currency } from '../../shared/catalog/card-specs.ts';
import { verdictFigure, verdictLabel } from '../../shared/memory/verdict-text.ts';
import type { Plan, PlanOption } from '../../shared/plan/plan.ts';
import { rankAndRecommend } from '../../shared/plan/ranking.ts';
import { recommendationSentence } from '../../shared/plan/recommendation-text.ts';
import { unknownSentence } from '../../shared/plan/unknown-text.ts';
import { targetTokensPerSecond } from '../../shared/plan/target.ts';
import { formatNumber } from '../../shared/format.ts';
import type { CardPrice } from '../../shared/catalog/card-specs.ts';
import { PRICE_POINTS, type PricePoint } from '../../shared/plan/price-point.ts';
import { pricingFor } from '../services/planning.ts';
import { catalogBuffer } from '../export/catalog.ts';
import { writeFileAtomically } from './write-file.ts';

/** "70,000–120,000" for a range, "95,000" for one price. */
const priceText = (p: CardPrice) => {
  const n = (x: number) => formatNumber(x, 'en-US', x % 1 ? 2 : 0);
  return p.low === p.high ? n(p.amount) : `${n(p.low)}–${n(p.high)}`;
};
import { bytesToGiB } from '../../shared/units.ts';
import type { ServiceContext } from '../services/context.ts';
import { call, parseOptions, UsageError } from './args.ts';
import type { Io } from './io.ts';
import { MODEL_WORKLOAD_OPTIONS, modelAndWorkload, parseNumber } from './workload-options.ts';

export const PLAN_USAGE = `cardplan plan (model and workload options as in cardplan size) [--cards all|ID,ID,...]
  [--ttft-ms MS] [--tpot-ms MS] [--min-tokens-per-user N] [--prompt-tokens N] [--output-tokens N]
  [--target-tokens-per-second N] [--currency CNY|USD|EUR] [--domestic|--nvidia]
  [--prices NAME --db PATH] [--price-point low|mid|high] [--json]
  --ttft-ms, --tpot-ms: latency targets per user (time to first token, time per output token); each
    option serves its users on as many replicas as meet them, or says by how much it misses
  --min-tokens-per-user: the slowest decode speed each user may get (default 10 for generation; 0 = no floor);
    it counts as a TPOT target of 1000 ÷ N ms
  --prompt-tokens, --output-tokens: a request's lengths for speed (default: a quarter of the context generated, at most 1,024)
  a throughput target can also be given as --target-users N --tokens-per-user N (output tokens/s each),
  or --target-requests-per-second R --output-tokens N
  --prices NAME: price cards from an imported price list (cardplan prices import); --price-point: which
    end of the catalog's price ranges to use (default mid)
cardplan cards [--prices NAME --db PATH] [--price-point low|mid|high] [--out FILE.xlsx [--lang zh-CN|en]] [--json]
  the catalog as plans see it, unknown fields as null; --out writes it as a workbook with every figure's source`;

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
  prices: { type: 'string' },
  'price-point': { type: 'string' },
  db: { type: 'string' },
} as const;

/** `--price-point`, checked. */
function pricePointOf(raw: string | undefined, command: string): PricePoint | undefined {
  if (raw === undefined) return undefined;
  if (!(PRICE_POINTS as readonly string[]).includes(raw)) throw new UsageError(`${command}: --price-point must be low, mid or high (got '${raw}')`);
  return raw as PricePoint;
}

/** Opens the database when a price list is asked for, else runs without one. */
export type PlanContext = (dbPath: string | undefined, needed: boolean) => ServiceContext;

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
    costRange: o.costRange,
    unknownText: o.unknown.map((u) => unknownSentence(u, { id: o.card, name: o.cardName, nameZh: null }, 'en')),
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

function planText(plan: Plan, pricing: { list: string | null; point: string }): string {
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
  const point = pricing.point === 'mid' ? 'middle' : `${pricing.point} end`;
  out.push(
    pricing.list
      ? `Capex, TCO and per 1M tokens from price list "${pricing.list}"; cards and servers it does not list at the ${point} of the catalog's public price range (the range is in --json, costRange).`
      : `Capex, TCO and per 1M tokens at the ${point} of each card's public price range (--price-point low|mid|high, or a vendor's list with --prices NAME); the range is in --json (costRange).`,
  );
  out.push('Speeds are estimates (per-step model, band and assumptions with --json); TTFT and TPOT at each replica\'s batch; ×N: N times the target, which even one user per replica would miss. Prices are indicative (see each option’s warnings with --json).');
  // Never a silent hole: each card's missing figure, what it blocks, where to fill it in.
  const holes = new Set(plan.options.flatMap((o) => o.unknown.map((u) => unknownSentence(u, { id: o.card, name: o.cardName, nameZh: null }, 'en'))));
  for (const h of holes) out.push(h);
  for (const e of plan.excluded) out.push(`excluded ${e.card}: ${e.reason}`);
  return `${out.join('\n')}\n`;
}

export async function planCommand(args: string[], io: Io, context: PlanContext): Promise<number> {
  const v = parseOptions('plan', args, PLAN_OPTIONS, 'see cardplan plan --help') as Record<string, string | boolean | undefined>;
  const currency = (v.currency as string | undefined)?.toUpperCase();
  if (currency !== undefined && !['CNY', 'USD', 'EUR'].includes(currency)) throw new UsageError(`plan: --currency must be CNY, USD or EUR (got '${v.currency}')`);
  if (v.domestic && v.nvidia) throw new UsageError('plan: give --domestic or --nvidia, not both');
  const cardsArg = v.cards as string | undefined;
  const cardIds = cardsArg === undefined || cardsArg === 'all' ? undefined : cardsArg.split(',').map((id) => id.trim()).filter(Boolean);
  if (cardIds !== undefined && cardIds.length === 0) throw new UsageError("plan: --cards needs 'all' or a comma-separated list of card ids");
  const target = targetFrom(v);
  const pricePoint = pricePointOf(v['price-point'] as string | undefined, 'plan');
  const payload: PlanRequestPayload = {
    ...modelAndWorkload(v, 'plan'),
    ...(cardIds ? { cardIds } : {}),
    ...(target !== undefined ? { targetTokensPerSecond: target } : {}),
    ...(currency ? { currency: currency as Currency } : {}),
    ...(v.prices ? { priceList: v.prices as string } : {}),
    ...(pricePoint ? { pricePoint } : {}),
  };
  const plan = await call<Plan>(context(v.db as string | undefined, v.prices !== undefined), 'plan:workload', payload);
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
    io.out(planText(shown, { list: (v.prices as string | undefined) ?? null, point: pricePoint ?? 'mid' }));
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

export async function cardsCommand(args: string[], io: Io, context: PlanContext): Promise<number> {
  const v = parseOptions('cards', args, { json: { type: 'boolean' }, prices: { type: 'string' }, 'price-point': { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } }, '--prices NAME, --price-point low|mid|high, --db PATH, --out FILE.xlsx, --lang zh-CN|en, --json');
  const pricePoint = pricePointOf(v['price-point'] as string | undefined, 'cards');
  const language = (v.lang as string | undefined) ?? 'en';
  if (language !== 'en' && language !== 'zh-CN') throw new UsageError(`cards: --lang must be zh-CN or en (got '${language}')`);
  const ctx = context(v.db as string | undefined, v.prices !== undefined);
  const pricing = pricingFor(ctx, { ...(v.prices ? { priceList: v.prices as string } : {}), ...(pricePoint ? { pricePoint } : {}) });
  if (v.out) {
    const { buffer } = await catalogBuffer(ctx, { ...(v.prices ? { priceList: v.prices as string } : {}), language });
    writeFileAtomically(v.out as string, buffer);
    io.out(`wrote ${pricing.cards.length} cards to ${v.out}${pricing.priceList ? ` (prices from "${pricing.priceList.name}")` : ''}\n`);
    return 0;
  }
  const cards = pricing.cards;
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
    c.price === null
      ? c.priceSearched
        ? `no public price (searched ${c.priceSearched.date})`
        : 'unknown'
      : `${priceText(c.price)} ${c.price.currency} (${c.price.list !== null ? `list "${c.price.list}"` : (c.price.date ?? 'undated')})`,
  ]);
  const header = ['card', 'origin', 'memory', 'bandwidth', 'BF16/FP16 dense', 'TDP', pricing.priceList ? `price (list "${pricing.priceList.name}", else catalog range)` : 'price range (catalog)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  io.out(`${[header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`);
  return 0;
}
