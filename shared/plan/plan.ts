/**
 * Plans one workload over the card catalog: for every card (at the workload's precision, or the
 * nearest one the card supports), every valid tensor-parallel degree within a server and the
 * smallest pipeline depth that fits, it reports per-card memory, fit, throughput, replicas for the
 * target, servers and cost; then the cheapest option that fits and meets the target, and the
 * Pareto front of capex against throughput. Domestic vs NVIDIA is a filter on the result.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { WeightFormat } from '../memory/precision.ts';
import {
  activationBytesOnCard,
  bufferBytes,
  enginePoolOnCard,
  kvBytesOnCard,
  kvBytesPerTokenOnCard,
  overheadBytesOnCard,
  prepareSizing,
  weightsBytesOnCard,
  type Prepared,
  type Workload,
} from '../memory/size.ts';
import { DEFAULT_ASSUMPTIONS, type PlanAssumptions } from './assumptions.ts';
import { costOf } from './cost.ts';
import { estimateThroughput } from './throughput.ts';

export type FitStatus = 'fits' | 'tight' | 'no';

export interface PlanOption {
  card: string;
  cardName: string;
  vendor: string;
  domestic: boolean;
  weights: WeightFormat;
  cards: number;
  tp: number;
  pp: number;
  replicas: number;
  servers: number;
  status: FitStatus;
  fits: boolean;
  perCardBytes: number;
  capacityBytes: number;
  maxConcurrency: number | null;
  maxContextTokens: number | null;
  decodeTokensPerSecond: number | null;
  ttftSeconds: number | null;
  tpotSeconds: number | null;
  meetsTarget: boolean | null;
  capex: number | null;
  currency: string;
  powerPerYear: number | null;
  tcoPerYear: number | null;
  costPerMillionTokens: number | null;
  warnings: string[];
}

export interface Plan {
  options: PlanOption[];
  recommended: number | null;
  pareto: number[];
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
  total: number;
  withoutBuffer: number;
  status: FitStatus;
  /** Preallocating engines: KV tokens in the pool. */
  poolTokens: number | null;
}

/** One candidate's per-card memory and fit; the planner's inner loop. */
export function evaluateCandidate(p: Prepared, tp: number, pp: number, capacity: number): CandidateMemory {
  const w = weightsBytesOnCard(p, tp, pp);
  const kv = kvBytesOnCard(p, tp, pp);
  const act = activationBytesOnCard(p, tp, pp);
  const ov = overheadBytesOnCard(p, tp, pp);
  const rest = w + kv + act + ov;
  const total = rest + bufferBytes(p, rest);
  if (p.state === null && (p.r.engine === 'vllm' || p.r.engine === 'sglang')) {
    const { tokens } = enginePoolOnCard(p, tp, pp, capacity);
    const need = p.r.context * p.r.concurrency;
    return { total, withoutBuffer: rest, status: tokens >= need ? 'fits' : 'no', poolTokens: tokens };
  }
  return { total, withoutBuffer: rest, status: total <= capacity ? 'fits' : rest <= capacity ? 'tight' : 'no', poolTokens: null };
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
    const maxPp = Math.min(a.maxPipelineParallel, req.spec.layers);
    let fallback: { tp: number; pp: number; m: CandidateMemory } | null = null;
    let anyFit = false;
    for (const tp of validTensorParallel(req.spec, perServer)) {
      for (let pp = 1; pp <= maxPp; pp++) {
        evaluated++;
        const m = evaluateCandidate(p, tp, pp, capacity);
        if (m.status === 'fits') {
          options.push(buildOption(req, p, card, tp, pp, m, capacity, perServer, [...warnings], a, target));
          anyFit = true;
          break;
        }
        if (!fallback || m.total < fallback.m.total) fallback = { tp, pp, m };
      }
    }
    if (!anyFit && fallback) options.push(buildOption(req, p, card, fallback.tp, fallback.pp, fallback.m, capacity, perServer, [...warnings], a, target));
  }

  const eligible = options
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.fits && o.capex !== null && (target === undefined || o.meetsTarget === true));
  eligible.sort((x, y) => x.o.capex! - y.o.capex! || (x.o.tcoPerYear ?? Infinity) - (y.o.tcoPerYear ?? Infinity) || x.o.cards - y.o.cards);
  const recommended = eligible.length > 0 ? eligible[0]!.i : null;
  return { options, recommended, pareto: paretoFront(options), excluded, candidatesEvaluated: evaluated };
}

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
): PlanOption {
  const r = p.r;
  const training = p.state !== null;
  const weightsOnCard = weightsBytesOnCard(p, tp, pp);
  const kvOnCard = kvBytesOnCard(p, tp, pp);
  const fixed = weightsOnCard + activationBytesOnCard(p, tp, pp) + overheadBytesOnCard(p, tp, pp);
  let maxConcurrency: number | null = null;
  let maxContext: number | null = null;
  if (!training) {
    if (m.poolTokens !== null) {
      maxConcurrency = Math.floor((m.poolTokens / r.context) * 100) / 100;
      maxContext = Math.floor(m.poolTokens / r.concurrency);
    } else {
      const room = Math.floor(capacity / (1 + r.bufferFraction)) - fixed;
      const perSequence = kvOnCard / r.concurrency;
      maxConcurrency = room > 0 ? Math.floor(room / perSequence) : 0;
      maxContext = room > 0 ? Math.floor(room / (r.concurrency * kvBytesPerTokenOnCard(p, tp, pp))) : 0;
    }
  }
  // Decode reads the active weights (MoE: shared + top-k experts) and the KV cache every step.
  const activeOnCard = Math.round(weightsOnCard * (p.activeWeights / p.weightTotal));
  const t = training
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
  if (!training && t.decodeTokensPerSecond === null) warnings.push(`${card.name}: bandwidth unknown, no throughput estimate`);
  const perReplica = t.decodeTokensPerSecond;
  const replicas = target !== undefined && perReplica !== null && perReplica > 0 ? Math.max(1, Math.ceil(target / perReplica)) : 1;
  const cards = tp * pp * replicas;
  const servers = serversFor(cards, tp, pp, replicas, perServer);
  const total = perReplica === null ? null : perReplica * replicas;
  const cost = costOf(card, cards, servers, total, a);
  if (card.price === null) warnings.push(`${card.name}: no public price; enter a quote to get capex`);
  else warnings.push(`indicative price ${card.price.amount.toLocaleString('en-US')} ${card.price.currency} (${card.price.date ?? 'undated'}, ${card.price.source})`);
  if (card.tdpWatts === null) warnings.push(`${card.name}: TDP unknown, no power cost`);
  if (m.status === 'tight') warnings.push('fits only by eating into the safety buffer');
  return {
    card: card.id,
    cardName: card.name,
    vendor: card.vendor,
    domestic: card.domestic,
    weights: r.weights,
    cards,
    tp,
    pp,
    replicas,
    servers,
    status: m.status,
    fits: m.status === 'fits',
    perCardBytes: m.total,
    capacityBytes: capacity,
    maxConcurrency,
    maxContextTokens: maxContext,
    decodeTokensPerSecond: total,
    ttftSeconds: t.ttftSeconds,
    tpotSeconds: t.tpotSeconds,
    meetsTarget: target === undefined ? null : total === null ? null : total >= target,
    capex: cost.capex,
    currency: a.currency,
    powerPerYear: cost.powerPerYear,
    tcoPerYear: cost.tcoPerYear,
    costPerMillionTokens: cost.costPerMillionTokens,
    warnings,
  };
}

/** Indexes of fitting options no other fitting option beats on both capex (lower) and throughput (higher). */
export function paretoFront(options: readonly PlanOption[]): number[] {
  const known = options
    .map((o, i) => ({ o, i }))
    .filter(({ o }) => o.fits && o.capex !== null && o.decodeTokensPerSecond !== null);
  return known
    .filter(({ o }) => !known.some(({ o: other }) => other !== o && other.capex! <= o.capex! && other.decodeTokensPerSecond! >= o.decodeTokensPerSecond! && (other.capex! < o.capex! || other.decodeTokensPerSecond! > o.decodeTokensPerSecond!)))
    .map(({ i }) => i)
    .sort((x, y) => options[x]!.capex! - options[y]!.capex!);
}
