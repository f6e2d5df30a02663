/**
 * Engine logs the user calibrated on. Checking a log (`log:check`) stores nothing; saving one
 * (`calibration:save`) keeps the calibration with the lines it was read from; plans for that card
 * and engine, at that split, use the latest one; the user can remove it.
 */
import { randomUUID } from 'node:crypto';
import type { CalibrationRecord, LogCheckRequest, LogCheckResult } from '../../shared/contract.ts';
import { appliedCalibration, calibrationFrom, type EngineCalibration } from '../../shared/engine-log/calibration.ts';
import { checkLog } from '../../shared/engine-log/check.ts';
import type { EngineObservation } from '../../shared/engine-log/observation.ts';
import { parseEngineLog } from '../../shared/engine-log/parse.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { DEFAULT_GPU_MEMORY_UTILIZATION, DEFAULT_SGLANG_MEM_FRACTION_STATIC } from '../../shared/memory/engines.ts';
import { cardCatalog } from './cards.ts';
import type { ServiceContext } from './context.ts';
import { resolveModel } from './sizing.ts';

interface Row {
  id: string;
  card_id: string;
  engine: 'vllm' | 'sglang';
  tp: number;
  pp: number;
  model: string | null;
  calibration_json: string;
  excerpt: string;
  created_at_ms: number;
}

const record = (r: Row): CalibrationRecord => ({ ...(JSON.parse(r.calibration_json) as EngineCalibration), excerpt: r.excerpt });

/** The lines the figures were read from, in log order: what is kept beside a calibration. */
function excerptOf(o: EngineObservation): string {
  const seen = new Map<number, string>();
  const fields = [o.version, o.model, o.dtype, o.tensorParallel, o.pipelineParallel, o.maxModelLen, o.memoryFraction, o.deviceBytes, o.weightsBytes, o.kvBytes, o.kvTokens, o.kvBlocks, o.blockSize, o.maxConcurrency, ...Object.values(o.extra)];
  for (const f of fields) if (f) seen.set(f.line, f.text);
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([line, text]) => `${line}: ${text}`).join('\n').slice(0, 20_000);
}

function cardOf(ctx: ServiceContext, cardId: string) {
  const card = cardCatalog(ctx).find((c) => c.id === cardId);
  if (!card) throw new CardPlanError('invalid_input', `unknown card id ${JSON.stringify(cardId)}; see the card catalog for the ids`);
  if (card.usableBytes === null) throw new CardPlanError('invalid_input', `the memory of ${card.name} (${card.id}) is unknown: enter it in the card catalog first`);
  return card;
}

/** `log:check`: the log's figures beside CardPlan's prediction for the same settings. Stores nothing. */
export function checkEngineLog(ctx: ServiceContext, request: LogCheckRequest): LogCheckResult {
  const observation = parseEngineLog(request.text, request.engine ? { engine: request.engine } : {});
  const spec = resolveModel(request.model, ctx);
  const card = cardOf(ctx, request.cardId);
  const check = checkLog(observation, spec, card.usableBytes!, request.engineVersion ? { engineVersion: request.engineVersion } : {});
  const calibration = calibrationFrom(observation, {
    id: 'preview',
    cardId: card.id,
    cardUsableBytes: card.usableBytes!,
    kvBytesPerToken: check.kvBytesPerToken,
    defaultFraction: check.engine === 'vllm' ? DEFAULT_GPU_MEMORY_UTILIZATION : DEFAULT_SGLANG_MEM_FRACTION_STATIC,
    modelName: spec.name,
    createdAtMs: Date.now(),
  });
  // The same settings once calibrated: what a plan will then say.
  const calibrated = checkLog(observation, spec, card.usableBytes!, { ...(request.engineVersion ? { engineVersion: request.engineVersion } : {}), calibration: appliedCalibration(calibration, spec.name) });
  const mismatch = observation.model && !appliedCalibration(calibration, spec.name).sameModel ? `the log loaded ${observation.model.value}, not ${spec.name}` : null;
  return { observation, check, calibrated, calibration, modelMismatch: mismatch, excerpt: excerptOf(observation) };
}

/** `calibration:save`: checks the log again and keeps its calibration. */
export function saveCalibration(ctx: ServiceContext, request: LogCheckRequest): CalibrationRecord {
  const result = checkEngineLog(ctx, request);
  if (result.modelMismatch && !request.acceptOtherModel) {
    throw new CardPlanError('invalid_input', `${result.modelMismatch}: check the log against its own model, or confirm to calibrate the card anyway; nothing was stored`);
  }
  const calibration: EngineCalibration = { ...result.calibration, id: randomUUID(), createdAtMs: Date.now() };
  insertCalibration(ctx, calibration, result.excerpt);
  return { ...calibration, excerpt: result.excerpt };
}

export function insertCalibration(ctx: ServiceContext, c: EngineCalibration, excerpt: string): void {
  ctx.db
    .prepare('INSERT OR IGNORE INTO engine_calibrations (id, card_id, engine, tp, pp, model, calibration_json, excerpt, created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(c.id, c.cardId, c.engine, c.tp, c.pp, c.model, JSON.stringify(c), excerpt, c.createdAtMs);
}

export function listCalibrations(ctx: ServiceContext): CalibrationRecord[] {
  if (ctx.storeless) return [];
  return (ctx.db.prepare('SELECT * FROM engine_calibrations ORDER BY card_id, engine, created_at_ms DESC').all() as Row[]).map(record);
}

export function removeCalibration(ctx: ServiceContext, id: string): { id: string } {
  const changed = ctx.db.prepare('DELETE FROM engine_calibrations WHERE id = ?').run(id).changes;
  if (changed === 0) throw new CardPlanError('not_found', `no calibration ${JSON.stringify(id)}; see the calibrations listed in the window or by cardplan check-log --list`);
  return { id };
}

/** The latest calibration per card for one engine, at each split: what `planWorkload` takes (one per card: the latest). */
export function calibrationsFor(ctx: ServiceContext, engine: string | undefined): Map<string, EngineCalibration> {
  if (ctx.storeless || (engine !== 'vllm' && engine !== 'sglang')) return new Map();
  const rows = ctx.db.prepare('SELECT * FROM engine_calibrations WHERE engine = ? ORDER BY created_at_ms').all(engine) as Row[];
  return new Map(rows.map((r) => [r.card_id, JSON.parse(r.calibration_json) as EngineCalibration]));
}
