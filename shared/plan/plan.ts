/**
 * Plans one workload over the card catalog: for every card (at the workload's precision, or the
 * nearest one the card supports), every valid tensor-parallel degree within a server and the
 * smallest pipeline depth that fits, it reports per-card memory, the fit verdict, throughput,
 * replicas for the target, servers and cost; then the recommendation (ranking.ts) and the Pareto
 * front of capex against throughput. Domestic vs NVIDIA is a filter on the result.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import type { ModelSpec, WorkloadKind } from '../model/spec.ts';
import type { WeightFormat } from '../memory/precision.ts';
import {
  activationBytesOnCard,
  bufferBytes,
  headroomOnCard,
  kvBytesOnCard,
  overheadBytesOnCard,
  prepareSizing,
  verdictOnCard,
  weightsBytesOnCard,
  type Prepared,
  type Workload,
} from '../memory/size.ts';
import type { FitStatus, Verdict } from '../memory/verdict.ts';
import { DEFAULT_ASSUMPTIONS, type PlanAssumptions } from './assumptions.ts';
import { costOf } from './cost.ts';
import { encodeTokensPerSecond, forwardFlopsPerToken } from './encode-speed.ts';
import { rankAndRecommend, type Recommendation } from './ranking.ts';
import { speedFloorOf } from './speed-floor.ts';
import { estimateThroughput } from './throughput.ts';

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
  ttftSeconds: number | null;
  tpotSeconds: number | null;
  meetsTarget: boolean | null;
  /** Whether each user gets at least the workload's speed floor; null when no floor applies or speed is unknown. */
  meetsFloor: boolean | null;
  capex: number | null;
  currency: string;
  powerPerYear: number | null;
  tcoPerYear: number | null;
  /** Per 1M tokens of the throughput this kind is judged by (output for generation, input otherwise). */
  costPerMillionTokens: number | null;
  /** Catalog figures the card lacks, each blocking a number: price → capex and TCO, TDP → power and TCO, bandwidth or compute peak → speed. */
  unknown: UnknownFigure[];
  warnings: string[];
}

export type UnknownFigure = 'price' | 'tdp' | 'bandwidth' | 'compute';

export interface Plan {
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
  excluded: { card: string; reason: string }[];
  candidatesEvaluated: number;
}

export interface PlanRequest {
  spec: ModelSpec;
  workload: Workload;
  cards: readonly CardSpec[];
  assumptions?: PlanAssumptions;
  targetTokensPerSecond?: number;
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
    const warnings: string[] = mapped.warning ? [mapped.warning] : [];
    const perServer = card.perServer ?? a.defaultPerServer;
    if (card.perServer === null) warnings.push(`cards per server unknown: assumed ${a.defaultPerServer}`);
    const capacity = card.usableBytes;
    const maxPp = encoder ? 1 : Math.min(a.maxPipelineParallel, req.spec.layers);
    let fallback: { tp: number; pp: number; m: CandidateMemory } | null = null;
    let anyFit = false;
    for (const tp of encoder ? [1] : validTensorParallel(req.spec, perServer)) {
      // Per TP degree: the smallest pipeline depth that fits, and the one just short of it when
      // that one fits only inside the safety margin (fewer cards, shown but never recommended).
      let tight: { pp: number; m: CandidateMemory } | null = null;
      for (let pp = 1; pp <= maxPp; pp++) {
        evaluated++;
        const m = evaluateCandidate(p, tp, pp, capacity);
        if (m.status === 'fits') {
          if (tight) options.push(buildOption(req, p, card, tp, tight.pp, tight.m, capacity, perServer, [...warnings], a, target, floor));
          options.push(buildOption(req, p, card, tp, pp, m, capacity, perServer, [...warnings], a, target, floor));
          anyFit = true;
          break;
        }
        tight = m.status === 'tight' ? { pp, m } : null;
        if (!fallback || rankStatus(m.status) < rankStatus(fallback.m.status) || (m.status === fallback.m.status && m.total < fallback.m.total)) fallback = { tp, pp, m };
      }
    }
    if (!anyFit && fallback) options.push(buildOption(req, p, card, fallback.tp, fallback.pp, fallback.m, capacity, perServer, [...warnings], a, target, floor));
  }

  const ranked = rankAndRecommend(options, { target, floor });
  return {
    kind: base.r.kind,
    options,
    recommended: ranked.recommended,
    recommendation: ranked.recommendation,
    bestPerCard: ranked.bestPerCard,
    pareto: paretoFront(options),
    speedFloorTokensPerSecondPerUser: floor,
    excluded,
    candidatesEvaluated: evaluated,
  };
}

const rankStatus = (s: FitStatus): number => (s === 'fits' ? 0 : s === 'tight' ? 1 : 2);

function buildOption(
  req: PlanRequest,
  p: Prepared,
  card: CardSpec,
  tp: number,
  pp: number,
  m: CandidateMemory,
  capacity: number,
  perServer: number,
  warnings: string[],
  a: PlanAssumptions,
  target: number | undefined,
  floor: number | null,
): PlanOption {
  const r = p.r;
  const training = p.state !== null;
  const generation = r.kind === 'generation';
  const weightsOnCard = weightsBytesOnCard(p, tp, pp);
  const kvOnCard = kvBytesOnCard(p, tp, pp);
  const headroom = training ? null : headroomOnCard(p, tp, pp, m.verdict);
  // Decode reads the active weights (MoE: shared + top-k experts) and the KV cache every step.
  const activeOnCard = Math.round(weightsOnCard * (p.activeWeights / p.weightTotal));
  const t =
    training || !generation
      ? { tpotSeconds: null, ttftSeconds: null, decodeTokensPerSecond: null }
      : estimateThroughput({
          card,
          format: r.weights,
          tp,
          pp,
          activeParams: p.params.active,
          bytesReadPerCardPerStep: activeOnCard + kvOnCard,
          concurrency: r.concurrency,
          promptTokens: r.prompt,
          memoryBandwidthEfficiency: a.memoryBandwidthEfficiency,
          computeEfficiency: a.computeEfficiency,
        });
  const encodePerReplica =
    training || generation ? null : encodeTokensPerSecond(card, r.weights, tp, forwardFlopsPerToken(p.params.nonEmbedding, req.spec.layers, req.spec.hiddenSize, r.context), a.computeEfficiency);
  if (!training && generation && t.decodeTokensPerSecond === null) warnings.push(`${card.name}: bandwidth unknown, no throughput estimate`);
  if (!training && !generation && encodePerReplica === null) warnings.push(`${card.name}: dense FP16/BF16 peak unknown, no throughput estimate`);
  const perReplica = generation ? t.decodeTokensPerSecond : encodePerReplica;
  const replicas = target !== undefined && perReplica !== null && perReplica > 0 ? Math.max(1, Math.ceil(target / perReplica)) : 1;
  const cards = tp * pp * replicas;
  const servers = serversFor(cards, tp, pp, replicas, perServer);
  const total = perReplica === null ? null : perReplica * replicas;
  const cost = costOf(card, cards, servers, total, a);
  if (card.price === null) warnings.push(`${card.name}: no public price; enter a quote to get capex`);
  else warnings.push(`indicative price ${card.price.amount.toLocaleString('en-US')} ${card.price.currency} (${card.price.date ?? 'undated'}, ${card.price.source})`);
  if (card.tdpWatts === null) warnings.push(`${card.name}: TDP unknown, no power cost`);
  if (m.status === 'tight') warnings.push('fits only inside the safety margin');
  const perUser = t.tpotSeconds === null ? null : 1 / t.tpotSeconds;
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
    maxConcurrency: headroom?.maxConcurrency ?? null,
    engineConcurrency: m.verdict.basis === 'kv-pool' ? m.verdict.engineConcurrency : null,
    maxContextTokens: headroom?.maxContextTokens ?? null,
    maxContextLimitedBy: headroom?.maxContextLimitedBy ?? null,
    decodeTokensPerSecond: generation ? total : null,
    tokensPerSecondPerUser: perUser,
    inputTokensPerSecond: generation ? null : total,
    throughputTokensPerSecond: total,
    ttftSeconds: t.ttftSeconds,
    tpotSeconds: t.tpotSeconds,
    meetsTarget: target === undefined ? null : total === null ? null : total >= target,
    meetsFloor: floor === null || perUser === null ? null : perUser >= floor,
    capex: cost.capex,
    currency: a.currency,
    powerPerYear: cost.powerPerYear,
    tcoPerYear: cost.tcoPerYear,
    costPerMillionTokens: cost.costPerMillionTokens,
    unknown: [
      ...(card.price === null ? (['price'] as const) : []),
      ...(card.tdpWatts === null ? (['tdp'] as const) : []),
      ...(!training && generation && card.bandwidthBytesPerSecond === null ? (['bandwidth'] as const) : []),
      ...(!training && !generation && encodePerReplica === null ? (['compute'] as const) : []),
    ],
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
