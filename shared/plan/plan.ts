/**
 * Plans one workload over the card catalog: for every card (at the workload's precision, or the
 * nearest one the card supports), every valid tensor-parallel degree within a server and the
 * smallest pipeline depth that fits, it reports per-card memory, the fit verdict, throughput,
 * replicas for the target, servers and cost; then the recommendation (ranking.ts) and the Pareto
 * front of capex against throughput. Domestic vs NVIDIA is a filter on the result.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import { formatNumber } from '../format.ts';
import type { ModelSpec, WorkloadKind } from '../model/spec.ts';
import type { WeightFormat } from '../memory/precision.ts';
import {
  activationBytesOnCard,
  bufferBytes,
  headroomOnCard,
  kvBytesOnCard,
  overheadBytesOnCard,
  calibrationAt,
  prepareSizing,
  type CalibrationSource,
  verdictOnCard,
  weightsBytesOnCard,
  type Prepared,
  type Workload,
} from '../memory/size.ts';
import type { FitStatus, Verdict } from '../memory/verdict.ts';
import { DEFAULT_ASSUMPTIONS, type PlanAssumptions } from './assumptions.ts';
import { costOf, type Cost } from './cost.ts';
import { encodeTokensPerSecond, forwardFlopsPerToken } from './encode-speed.ts';
import { rankAndRecommend, type Recommendation } from './ranking.ts';
import { speedFloorOf } from './speed-floor.ts';
import { unknownSentence } from './unknown-text.ts';
import { appliedCalibration, calibrationText, type EngineCalibration } from '../engine-log/calibration.ts';
import { latencyTargetsOf, sizeForLatency, type LatencySizing, type LatencyTargets } from './sla.ts';
import { estimateSpeed, type MeasuredSpeed, type SpeedEstimate, type SpeedRequest } from './speed/estimate.ts';

export type { FitStatus } from '../memory/verdict.ts';

export interface PlanOption {
  card: string;
  cardName: string;
  vendor: string;
  domestic: boolean;
  /** The catalog's category: datacenter, inference, workstation or consumer. */
  category: string;
  kind: WorkloadKind;
  weights: WeightFormat;
  cards: number;
  tp: number;
  pp: number;
  replicas: number;
  servers: number;
  status: FitStatus;
  /** status === 'fits'. */
  fits: boolean;
  /** The fit and the figure it was made on (memory per card, or tokens in an engine's KV pool). */
  verdict: Verdict;
  /** Every memory term on one card, including the safety buffer (what `cardplan size` prints as total). */
  perCardBytes: number;
  capacityBytes: number;
  /** Set when the memory verdict rests on the user's engine log for this card. */
  calibratedFrom: CalibrationSource | null;
  /** Whole users (generation) or sequences per batch that still "fit" by the verdict's rule. */
  maxConcurrency: number | null;
  /** vLLM's own "Maximum concurrency … x" for this split (pool ÷ tokens per request); null elsewhere. */
  engineConcurrency: number | null;
  /** Tokens per sequence that still "fit", never above the model's own limit. */
  maxContextTokens: number | null;
  maxContextLimitedBy: 'memory' | 'model' | null;
  /** Generation: output tokens/s of all replicas together; null when unknown or not generation. */
  decodeTokensPerSecond: number | null;
  /** Generation: output tokens/s each user sees (1 ÷ time per output token). */
  tokensPerSecondPerUser: number | null;
  /** Embedding and reranker: input tokens/s of all replicas together. */
  inputTokensPerSecond: number | null;
  /** The throughput this kind of workload is judged by: output tokens (generation) or input tokens. */
  throughputTokensPerSecond: number | null;
  /** Generation: time to first token and per output token at the batch each replica serves, ms (estimates; see `speed`). */
  ttftMs: number | null;
  tpotMs: number | null;
  /** Users each replica serves together (all of them unless latency targets split them over replicas). */
  batchPerReplica: number;
  /** The speed estimate behind those figures: band, basis, where a decode step's time goes, assumptions. */
  speed: OptionSpeed | null;
  meetsTarget: boolean | null;
  /** Whether the TTFT and TPOT targets are met; null when none is set or speed is unknown. */
  meetsLatency: boolean | null;
  /** Estimated ÷ target where the option misses even with one user per replica (1.4 = 40% too slow). */
  latencyMiss: { ttft: number | null; tpot: number | null } | null;
  /** Whether each user gets at least the workload's speed floor; null when no floor applies or speed is unknown. */
  meetsFloor: boolean | null;
  capex: number | null;
  currency: string;
  powerPerYear: number | null;
  tcoPerYear: number | null;
  /** Per 1M tokens of the throughput this kind is judged by (output for generation, input otherwise). */
  costPerMillionTokens: number | null;
  /** Capex, TCO and cost per 1M tokens at the low and high ends of the card's price range; null without a price. */
  costRange: Cost['range'];
  /** Catalog figures the card lacks, each blocking a number: price → capex and TCO, TDP → power and TCO, bandwidth or compute peak → speed. */
  unknown: UnknownFigure[];
  warnings: string[];
}

export type UnknownFigure = 'price' | 'tdp' | 'bandwidth' | 'compute';

export type OptionSpeed = Pick<SpeedEstimate, 'band' | 'basis' | 'decodeMs' | 'assumptions'>;

export interface Plan {
  /** The model's name (what measured speeds are stored against). */
  model: string;
  kind: WorkloadKind;
  options: PlanOption[];
  recommended: number | null;
  /** Why the recommended option was chosen, and what was left out (ranking.ts). */
  recommendation: Recommendation;
  /** For each card, its best option (by the same ranking as the recommendation), best card first. */
  bestPerCard: number[];
  pareto: number[];
  /** The per-user speed floor applied, tokens/s; null when none applies. */
  speedFloorTokensPerSecondPerUser: number | null;
  /** The latency targets options were sized for (the floor counts as a TPOT target); null when none. */
  latencyTargets: LatencyTargets | null;
  excluded: { card: string; reason: string }[];
  candidatesEvaluated: number;
}

export interface PlanRequest {
  spec: ModelSpec;
  workload: Workload;
  cards: readonly CardSpec[];
  assumptions?: PlanAssumptions;
  targetTokensPerSecond?: number;
  /** Speeds the user measured for this model, by card id: they scale the estimate on that card. */
  measuredSpeeds?: ReadonlyMap<string, MeasuredSpeed>;
  /** Engine start-up logs the user calibrated on, by card id, for this workload's engine. */
  calibrations?: ReadonlyMap<string, EngineCalibration>;
}

/** FP8 weights on a card without FP8: planned as INT8 weights (same bytes, no FP8 speed-up). */
export function formatForCard(format: WeightFormat, card: CardSpec): { format: WeightFormat; warning: string | null } {
  if ((format === 'fp8' || format === 'fp8-block') && card.fp8Supported !== true) {
    const known = card.fp8Supported === false ? 'has no FP8' : 'FP8 support unknown';
    return { format: 'int8', warning: `${card.name} ${known}: planned with INT8 weights (W8A16, same memory, no FP8 speed-up)` };
  }
  return { format, warning: null };
}

/** Tensor-parallel degrees that divide the heads and the KV heads (or replicate them), within one server. */
export function validTensorParallel(spec: ModelSpec, maxTp: number): number[] {
  const out: number[] = [];
  for (let tp = 1; tp <= maxTp; tp++) {
    if (spec.heads % tp !== 0) continue;
    if (!spec.mla && spec.kvHeads % tp !== 0 && tp % spec.kvHeads !== 0) continue;
    out.push(tp);
  }
  return out;
}

export interface CandidateMemory {
  /** Every term on one card, buffer included: equal to `sizeWorkload`'s per-card total. */
  total: number;
  verdict: Verdict;
  status: FitStatus;
}

/** One candidate's per-card memory and verdict; the planner's inner loop. */
export function evaluateCandidate(p: Prepared, tp: number, pp: number, capacity: number): CandidateMemory {
  const kv = kvBytesOnCard(p, tp, pp);
  const rest = weightsBytesOnCard(p, tp, pp) + kv + activationBytesOnCard(p, tp, pp) + overheadBytesOnCard(p, tp, pp);
  const verdict = verdictOnCard(p, tp, pp, capacity);
  return { total: rest + bufferBytes(p, rest, kv), verdict, status: verdict.status };
}

function serversFor(cards: number, tp: number, pp: number, replicas: number, perServer: number): number {
  // Tensor-parallel groups never straddle servers; whole replicas pack when the group size divides a server.
  const perReplica = tp * pp;
  if (perServer % tp === 0) return Math.ceil(cards / perServer);
  return replicas * Math.ceil(perReplica / perServer);
}

export function planWorkload(req: PlanRequest): Plan {
  const a = req.assumptions ?? DEFAULT_ASSUMPTIONS;
  const base = prepareSizing(req.spec, req.workload);
  const prepared = new Map<WeightFormat, Prepared>([[base.r.weights, base]]);
  const options: PlanOption[] = [];
  const excluded: Plan['excluded'] = [];
  let evaluated = 0;
  const target = req.targetTokensPerSecond;
  const floor = speedFloorOf(req.workload, base.r.kind);
  const latency = base.r.kind === 'generation' && base.state === null ? latencyTargetsOf(req.workload, floor) : null;
  const ctx: OptionContext = { req, a, target, floor, latency, byBatch: new Map() };
  // Encoders are small and served one replica per card: no tensor parallelism.
  const encoder = req.spec.encoder !== null;

  for (const card of req.cards) {
    if (card.usableBytes === null) {
      excluded.push({ card: card.id, reason: 'memory unknown: enter it to plan on this card' });
      continue;
    }
    const mapped = formatForCard(base.r.weights, card);
    let p = prepared.get(mapped.format);
    if (!p) {
      p = prepareSizing(req.spec, { ...req.workload, weights: mapped.format });
      prepared.set(mapped.format, p);
    }
    const calibration = req.calibrations?.get(card.id);
    if (calibration && calibration.engine === p.r.engine) p = { ...p, calibration: appliedCalibration(calibration, req.spec.name) };
    const warnings: string[] = mapped.warning ? [mapped.warning] : [];
    const perServer = card.perServer ?? a.defaultPerServer;
    if (card.perServer === null) warnings.push(`cards per server unknown: assumed ${a.defaultPerServer}`);
    const capacity = card.usableBytes;
    const maxPp = encoder ? 1 : Math.min(a.maxPipelineParallel, req.spec.layers);
    let fallback: Candidate | null = null;
    let anyFit = false;
    for (const tp of encoder ? [1] : validTensorParallel(req.spec, perServer)) {
      // Per TP degree: the smallest pipeline depth that fits (for the users of one replica, when
      // latency targets split them), and the one just short of it when that one fits only inside
      // the safety margin (fewer cards, shown but never recommended).
      let tight: Candidate | null = null;
      for (let pp = 1; pp <= maxPp; pp++) {
        evaluated++;
        const c = candidate(ctx, p, card, tp, pp, capacity);
        if (c.m.status === 'fits') {
          if (tight) options.push(buildOption(ctx, tight, card, capacity, perServer, [...warnings]));
          options.push(buildOption(ctx, c, card, capacity, perServer, [...warnings]));
          anyFit = true;
          break;
        }
        tight = c.m.status === 'tight' ? c : null;
        if (!fallback || rankStatus(c.m.status) < rankStatus(fallback.m.status) || (c.m.status === fallback.m.status && c.m.total < fallback.m.total)) fallback = c;
      }
    }
    if (!anyFit && fallback) {
      const shown = fallback.g === null ? candidate(ctx, p, card, fallback.tp, fallback.pp, capacity, true) : fallback;
      options.push(buildOption(ctx, shown, card, capacity, perServer, [...warnings]));
    }
  }

  const stated = req.workload.ttftTargetMs !== undefined || req.workload.tpotTargetMs !== undefined ? { ttftMs: req.workload.ttftTargetMs ?? null, tpotMs: req.workload.tpotTargetMs ?? null } : null;
  const ranked = rankAndRecommend(options, { target, floor, latency, stated: latency ? stated : null });
  return {
    model: req.spec.name,
    kind: base.r.kind,
    options,
    recommended: ranked.recommended,
    recommendation: ranked.recommendation,
    bestPerCard: ranked.bestPerCard,
    pareto: paretoFront(options),
    speedFloorTokensPerSecondPerUser: floor,
    latencyTargets: latency,
    excluded,
    candidatesEvaluated: evaluated,
  };
}

const rankStatus = (s: FitStatus): number => (s === 'fits' ? 0 : s === 'tight' ? 1 : 2);

interface OptionContext {
  req: PlanRequest;
  a: PlanAssumptions;
  target: number | undefined;
  floor: number | null;
  latency: LatencyTargets | null;
  byBatch: Map<string, Prepared>;
}

/** The same sizing with fewer users per replica (cached per weight format and batch). */
function preparedAt(ctx: OptionContext, p: Prepared, batch: number): Prepared {
  const key = `${p.r.weights}:${batch}:${p.calibration?.id ?? ''}`;
  let hit = ctx.byBatch.get(key);
  if (!hit) ctx.byBatch.set(key, (hit = { ...prepareSizing(ctx.req.spec, { ...ctx.req.workload, weights: p.r.weights, concurrency: batch }), calibration: p.calibration ?? null }));
  return hit;
}

interface GenerationSpeed {
  estimate: SpeedEstimate | null;
  sizing: LatencySizing | null;
  batch: number;
  replicas: number;
}

/**
 * A chat option's speed: with latency targets, the users are split over as many replicas as keep
 * each replica's TTFT and TPOT within them; then the estimate at that batch.
 */
function generationSpeed(ctx: OptionContext, p: Prepared, card: CardSpec, tp: number, pp: number): GenerationSpeed {
  const users = p.r.concurrency;
  const req: SpeedRequest = { card, prepared: p, tp, pp, batch: users, measured: ctx.req.measuredSpeeds?.get(card.id) ?? null };
  const all = estimateSpeed(req);
  const t = ctx.latency;
  if (all === null || t === null) return { estimate: all, sizing: null, batch: users, replicas: 1 };
  // Most options meet their targets with every user on one replica: no search then.
  if ((t.ttftMs === null || (all.ttftMs !== null && all.ttftMs <= t.ttftMs)) && (t.tpotMs === null || all.tpotMs <= t.tpotMs)) {
    return { estimate: all, sizing: { batch: users, replicas: 1, meets: true, miss: { ttft: null, tpot: null } }, batch: users, replicas: 1 };
  }
  const sizing = sizeForLatency(req, users, t);
  if (sizing === null) return { estimate: all, sizing: null, batch: users, replicas: 1 };
  const estimate = sizing.batch === users ? all : estimateSpeed({ ...req, batch: sizing.batch });
  return { estimate, sizing, batch: sizing.batch, replicas: sizing.replicas };
}

/** One split of one card: its memory and verdict (for the users of one replica) and, for chat, its speed. */
interface Candidate {
  p: Prepared;
  tp: number;
  pp: number;
  m: CandidateMemory;
  g: GenerationSpeed | null;
}

function candidate(ctx: OptionContext, p: Prepared, card: CardSpec, tp: number, pp: number, capacity: number, always = false): Candidate {
  // A split whose weights alone overflow the card fits no batch: its speed is only needed if it
  // ends up shown (the card's closest miss), so it is estimated then (most candidates of a plan).
  const hopeless = !always && weightsBytesOnCard(p, tp, pp) >= capacity;
  const g = p.state === null && p.r.kind === 'generation' && !hopeless ? generationSpeed(ctx, p, card, tp, pp) : null;
  // Each replica holds only its own users: memory and its verdict are for that batch.
  const own = g && g.replicas > 1 ? preparedAt(ctx, p, g.batch) : p;
  return { p: own, tp, pp, m: evaluateCandidate(own, tp, pp, capacity), g };
}

function buildOption(ctx: OptionContext, c: Candidate, card: CardSpec, capacity: number, perServer: number, warnings: string[]): PlanOption {
  const { req, a, target, floor } = ctx;
  const { p, tp, pp, m, g } = c;
  const r = p.r;
  const training = p.state !== null;
  const generation = r.kind === 'generation';
  if (g && g.replicas > 1) warnings.push(`memory per card for the ${g.batch} users of one replica`);
  const headroom = training ? null : headroomOnCard(p, tp, pp, m.verdict);
  const speed = g?.estimate ?? null;
  const encodePerReplica =
    training || generation ? null : encodeTokensPerSecond(card, r.weights, tp, forwardFlopsPerToken(p.params.nonEmbedding, req.spec.layers, req.spec.hiddenSize, r.context), a.computeEfficiency);
  const unknown: UnknownFigure[] = [
    ...(card.price === null ? (['price'] as const) : []),
    ...(card.tdpWatts === null ? (['tdp'] as const) : []),
    ...(!training && generation && card.bandwidthBytesPerSecond === null ? (['bandwidth'] as const) : []),
    ...(!training && ((!generation && encodePerReplica === null) || (generation && speed !== null && speed.ttftMs === null)) ? (['compute'] as const) : []),
  ];
  const perReplica = generation ? (speed?.tokensPerSecond ?? null) : encodePerReplica;
  const forLatency = g?.replicas ?? 1;
  const forTarget = target !== undefined && perReplica !== null && perReplica > 0 ? Math.ceil(target / perReplica) : 1;
  const replicas = Math.max(1, forLatency, forTarget);
  const cards = tp * pp * replicas;
  const servers = serversFor(cards, tp, pp, replicas, perServer);
  const total = perReplica === null ? null : perReplica * replicas;
  const cost = costOf(card, cards, servers, total, a);
  const price = card.price;
  const n = (x: number) => formatNumber(x, 'en-US', x % 1 ? 2 : 0);
  if (price !== null) {
    const range = price.low === price.high ? '' : ` (range ${n(price.low)}–${n(price.high)})`;
    const kind = price.list !== null ? `price list "${price.list}"` : price.confidence === 'user' ? 'your price' : 'indicative price';
    warnings.push(`${kind} ${n(price.amount)} ${price.currency}${range} per card (${price.date ?? 'undated'}, ${price.source})`);
  }
  for (const u of unknown) warnings.push(unknownSentence(u, card, 'en'));
  if (m.status === 'tight') warnings.push('fits only inside the safety margin');
  const calibratedFrom = calibrationAt(p, tp, pp)?.from ?? null;
  if (calibratedFrom) warnings.push(`memory ${calibrationText(calibratedFrom, 'en')}`);
  if (g && g.replicas > 1) warnings.push(`${g.replicas} replicas of ${g.batch} users each to meet the latency targets`);
  const perUser = speed?.tokensPerSecondPerUser ?? null;
  return {
    card: card.id,
    cardName: card.name,
    vendor: card.vendor,
    domestic: card.domestic,
    category: card.category,
    kind: r.kind,
    weights: r.weights,
    cards,
    tp,
    pp,
    replicas,
    servers,
    status: m.status,
    fits: m.status === 'fits',
    verdict: m.verdict,
    perCardBytes: m.total,
    capacityBytes: capacity,
    calibratedFrom,
    maxConcurrency: headroom?.maxConcurrency ?? null,
    engineConcurrency: m.verdict.basis === 'kv-pool' ? m.verdict.engineConcurrency : null,
    maxContextTokens: headroom?.maxContextTokens ?? null,
    maxContextLimitedBy: headroom?.maxContextLimitedBy ?? null,
    decodeTokensPerSecond: generation ? total : null,
    tokensPerSecondPerUser: perUser,
    inputTokensPerSecond: generation ? null : total,
    throughputTokensPerSecond: total,
    ttftMs: speed?.ttftMs ?? null,
    tpotMs: speed?.tpotMs ?? null,
    batchPerReplica: g?.batch ?? r.concurrency,
    speed: speed && { band: speed.band, basis: speed.basis, decodeMs: speed.decodeMs, assumptions: speed.assumptions },
    meetsTarget: target === undefined ? null : total === null ? null : total >= target,
    meetsLatency: g?.sizing ? g.sizing.meets : null,
    latencyMiss: g?.sizing && !g.sizing.meets ? g.sizing.miss : null,
    meetsFloor: floor === null || perUser === null ? null : perUser >= floor,
    capex: cost.capex,
    currency: a.currency,
    powerPerYear: cost.powerPerYear,
    tcoPerYear: cost.tcoPerYear,
    costPerMillionTokens: cost.costPerMillionTokens,
    costRange: cost.range,
    unknown,
    warnings,
  };
}

/** Indexes of fitting options no other fitting option beats on both capex (lower) and throughput (higher). */
export function paretoFront(options: readonly PlanOption[]): number[] {
  const known = options
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.fits && o.capex !== null && o.throughputTokensPerSecond !== null);
  return known
    .filter(({ o }) => !known.some(({ o: other }) => other !== o && other.capex! <= o.capex! && other.throughputTokensPerSecond! >= o.throughputTokensPerSecond! && (other.capex! < o.capex! || other.throughputTokensPerSecond! > o.throughputTokensPerSecond!)))
    .map(({ i }) => i)
    .sort((x, y) => options[x]!.capex! - options[y]!.capex!);
}
