/**
 * Speed of one option, from the per-step time model: time to first token (TTFT) and time per
 * output token (TPOT) at the workload's prompt, output and batch, tokens/s per user and in all, a
 * low–high band, where a decode step's time goes, and what it assumed. An estimate, labelled as
 * one wherever it is shown; a speed the user measured on that card and model replaces it.
 */
import type { CardSpec } from '../../catalog/card-specs.ts';
import { kvBytesPerSequenceOnCard, weightsBytesOnCard, type Prepared } from '../../memory/size.ts';
import { linkFor, type LinkModel } from './all-reduce.ts';
import { decodeStepSeconds, type DecodeStepSeconds } from './decode-step.ts';
import { ENGINE_SPEED } from './engine-overhead.ts';
import { gpuCalibrationFor, type SpeedBasis } from './kernel-calibration.ts';
import { layerShapes } from './layer-shapes.ts';
import { peakFlopsFor } from './peak-flops.ts';
import { moePathPenalty } from './moe-kernel.ts';
import { prefillSeconds, prefillShareOfStepSeconds, ttftQueueFactor, type PrefillSeconds } from './prefill.ts';
import { formatEfficiencySource } from './weight-kernels.ts';

/**
 * How far off an estimate of each basis may be, as factors on its TPOT and TTFT (low, high):
 * the 10th and 90th percentiles of measured ÷ estimated on the public sets in
 * tests/shared/speed.test.ts for 'measured' cards, widened for the others.
 */
export const SPEED_BAND: Record<SpeedBasis | 'yours', [number, number]> = {
  measured: [0.85, 1.25],
  derived: [0.75, 1.5],
  assumed: [0.6, 2.0],
  yours: [0.9, 1.1],
};

/** A speed the user measured on a card for a model, at a batch: it replaces the estimate for that card and model. */
export interface MeasuredSpeed {
  tpotMs: number;
  batch: number;
  tp: number;
  measuredAtMs: number;
}

export interface SpeedEstimate {
  /** null when the card's compute peak is unknown (the prefill cannot be estimated). */
  ttftMs: number | null;
  tpotMs: number;
  tokensPerSecondPerUser: number;
  /** Output tokens/s of the replica: batch ÷ TPOT. */
  tokensPerSecond: number;
  /** Low–high of each figure. */
  band: { ttftMs: [number, number] | null; tpotMs: [number, number]; tokensPerSecondPerUser: [number, number] };
  /** 'yours' when the user's measurement scales the estimate. */
  basis: SpeedBasis | 'yours';
  /** Where a decode step's time goes, ms: weights, KV reads, communication, engine overhead, the others' prompts. */
  decodeMs: { weights: number; kv: number; comm: number; overhead: number; prefill: number };
  assumptions: string[];
}

export interface SpeedRequest {
  card: CardSpec;
  prepared: Prepared;
  tp: number;
  pp: number;
  /** Sequences one replica decodes together. */
  batch: number;
  measured?: MeasuredSpeed | null;
}

/** A card's kernel constants and link, looked up once per card (the planner asks thousands of times). */
const perCard = new WeakMap<CardSpec, { kernel: ReturnType<typeof gpuCalibrationFor>; link: LinkModel }>();
function cardModels(card: CardSpec) {
  let hit = perCard.get(card);
  if (!hit) perCard.set(card, (hit = { kernel: gpuCalibrationFor(card), link: linkFor(card) }));
  return hit;
}

function speedInputs(req: SpeedRequest) {
  const { card, prepared: p } = req;
  const models = cardModels(card);
  return {
    shapes: layerShapes(p.spec, p.r.weights),
    kernel: models.kernel.calibration,
    link: models.link,
    engine: ENGINE_SPEED[p.r.engine],
    bandwidthBytesPerSecond: card.bandwidthBytesPerSecond!,
    tp: req.tp,
    pp: req.pp,
  };
}

/** The decode step of a replica at a batch (for SLA searches that try smaller batches); null when the card's bandwidth is unknown. */
export function decodeStepAt(req: SpeedRequest, batch: number): DecodeStepSeconds | null {
  const { card, prepared: p, tp } = req;
  if (card.bandwidthBytesPerSecond === null) return null;
  const averageContext = p.r.speedPrompt + Math.ceil(p.r.speedOutput / 2);
  return decodeStepSeconds({
    ...speedInputs(req),
    format: p.r.weights,
    peakFlopsPerSecond: peakFlopsFor(card, p.r.weights),
    batch,
    kvBytesPerSequencePerLayer: kvBytesPerSequenceOnCard(p, tp, 1, averageContext) / p.spec.layers,
  });
}

/** The prefill of `sequences` prompts of the workload's length, together; null when the card's peak or bandwidth is unknown. */
export function prefillAt(req: SpeedRequest, sequences: number): PrefillSeconds | null {
  const { card, prepared: p, tp, pp } = req;
  const peak = peakFlopsFor(card, p.r.weights);
  if (peak === null || card.bandwidthBytesPerSecond === null) return null;
  return prefillSeconds({
    ...speedInputs(req),
    peakFlopsPerSecond: peak,
    promptTokens: p.r.speedPrompt,
    sequences,
    activeNonEmbeddingParams: Math.max(0, p.params.active - p.params.embedding),
    weightsBytesPerCard: weightsBytesOnCard(p, tp, pp),
    attentionWidth: p.spec.heads * p.spec.headDim,
  });
}

interface Latency {
  step: DecodeStepSeconds;
  /** The others' prefills per decode step. */
  prefillShareSeconds: number;
  /** A request alone, with the queue's typical wait, and when all `batch` arrive at once; null without a compute peak. */
  ttftAloneSeconds: number | null;
  ttftSeconds: number | null;
  ttftBurstSeconds: number | null;
  /** Per output token, the user's measurement applied. */
  tpotSeconds: number;
  scale: number;
}

function latencyParts(req: SpeedRequest, batch: number, scale: number | null, withBurst = true): Latency | null {
  const step = decodeStepAt(req, batch);
  const alone = prefillAt(req, 1);
  // All of the batch arriving at once: only the band needs it.
  const burst = withBurst && batch > 1 ? prefillAt(req, batch) : alone;
  if (step === null) return null;
  // Without the card's compute peak the prompts' share of the decode steps is unknown too (left out).
  const prefillShareSeconds = alone === null ? 0 : prefillShareOfStepSeconds(alone.computeSeconds + alone.commSeconds, batch, req.prepared.r.speedOutput);
  const unscaled = step.totalSeconds + prefillShareSeconds;
  const s = scale ?? measuredScale(req);
  return {
    step,
    prefillShareSeconds,
    ttftAloneSeconds: alone?.totalSeconds ?? null,
    ttftSeconds: alone === null ? null : alone.totalSeconds * ttftQueueFactor(batch),
    ttftBurstSeconds: burst?.totalSeconds ?? null,
    tpotSeconds: unscaled * s,
    scale: s,
  };
}

/** TTFT and TPOT of a replica at `batch`, seconds, with the user's measurement applied; null when the card's bandwidth is unknown. */
export function latencyAt(req: SpeedRequest, batch: number): { ttftSeconds: number | null; tpotSeconds: number } | null {
  const l = latencyParts(req, batch, null, false);
  return l && { ttftSeconds: l.ttftSeconds, tpotSeconds: l.tpotSeconds };
}

/** measured ÷ estimated TPOT at the batch and TP the user measured: the factor every other split of that card and model gets. */
function measuredScale(req: SpeedRequest): number {
  const m = req.measured;
  if (!m) return 1;
  const at = latencyParts({ ...req, tp: m.tp, pp: 1, measured: null }, m.batch, 1, false);
  return at ? m.tpotMs / 1000 / at.tpotSeconds : 1;
}

export function estimateSpeed(req: SpeedRequest): SpeedEstimate | null {
  const l = latencyParts(req, req.batch, null);
  if (l === null) return null;
  const { kernel: { calibration, basis: kernelBasis }, link } = cardModels(req.card);
  const basis: SpeedEstimate['basis'] = req.measured ? 'yours' : kernelBasis === 'measured' && (req.tp === 1 || link.basis === 'measured') ? 'measured' : kernelBasis === 'assumed' || (req.tp > 1 && link.basis === 'assumed') ? 'assumed' : 'derived';
  const [low, high] = SPEED_BAND[basis];
  const tpotMs = l.tpotSeconds * 1000;
  const ttftMs = l.ttftSeconds === null ? null : l.ttftSeconds * 1000;
  const r = req.prepared.r;
  const engine = ENGINE_SPEED[r.engine];
  const formatSource = formatEfficiencySource(r.weights);
  const moe = req.prepared.spec.moe ? moePathPenalty(r.engine, r.weights) : null;
  const assumptions = [
    `kernels: ${calibration.source}`,
    ...(formatSource ? [`${r.weights} kernels: ${formatSource}`] : []),
    ...(moe ? [`MoE on ${r.engine} with ${r.weights}: ${moe.source}`] : []),
    ...(req.tp > 1 ? [`all-reduce: ${link.source}`] : []),
    `engine: ${engine.source}`,
    `prompt ${r.speedPrompt} tokens, ${r.speedOutput} generated, ${req.batch} sequence(s) per replica; the others' prompts are prefilled between decode steps`,
    l.ttftBurstSeconds === null
      ? `time to first token unknown: ${req.card.name} has no dense FP16/BF16 peak in the catalog (the others' prompts are left out of the decode step too)`
      : `time to first token: one prompt's prefill × ${ttftQueueFactor(req.batch).toFixed(2)} for requests arriving spread out; up to ${(l.ttftBurstSeconds * 1000).toFixed(0)} ms when all ${req.batch} arrive at once`,
    ...(req.pp > 1 ? ['pipeline stages run one after another for each token (no micro-batch overlap: conservative)'] : []),
    ...(req.measured ? [`scaled by your measurement: TPOT ${req.measured.tpotMs} ms at ${req.measured.batch} sequence(s), TP ${req.measured.tp}`] : []),
  ];
  const ms = (seconds: number) => seconds * l.scale * 1000;
  return {
    ttftMs,
    tpotMs,
    tokensPerSecondPerUser: 1000 / tpotMs,
    tokensPerSecond: (req.batch * 1000) / tpotMs,
    // Bands are on times: a slower card (high factor) gives fewer tokens/s. TTFT runs from a request
    // alone to all of the batch arriving at once.
    band: {
      ttftMs: ttftMs === null ? null : [l.ttftAloneSeconds! * 1000 * low, Math.max(ttftMs, l.ttftBurstSeconds! * 1000) * high],
      tpotMs: [tpotMs * low, tpotMs * high],
      tokensPerSecondPerUser: [1000 / (tpotMs * high), 1000 / (tpotMs * low)],
    },
    basis,
    decodeMs: { weights: ms(l.step.weightsSeconds), kv: ms(l.step.kvSeconds), comm: ms(l.step.commSeconds), overhead: ms(l.step.overheadSeconds), prefill: ms(l.prefillShareSeconds) },
    assumptions,
  };
}
