/**
 * Speeds the user measured: "on this card, this model gave N ms per output token (or N tokens/s
 * each) with B users at TP t". Stored per card and model (one measurement each, the latest); plans
 * for that card and model scale the estimate to it, and show it as "measured by you".
 */
import type { MeasuredSpeedInput, MeasuredSpeedRecord } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import type { MeasuredSpeed } from '../../shared/plan/speed/estimate.ts';
import { cardCatalog } from './cards.ts';
import type { ServiceContext } from './context.ts';
import { resolveModel } from './sizing.ts';

interface Row {
  card_id: string;
  model_name: string;
  tpot_ms: number;
  batch: number;
  tp: number;
  note: string;
  measured_at_ms: number;
}

const record = (r: Row): MeasuredSpeedRecord => ({ cardId: r.card_id, modelName: r.model_name, tpotMs: r.tpot_ms, batch: r.batch, tp: r.tp, note: r.note, measuredAtMs: r.measured_at_ms });

export function listMeasuredSpeeds(ctx: ServiceContext): MeasuredSpeedRecord[] {
  if (ctx.storeless) return [];
  return (ctx.db.prepare('SELECT * FROM measured_speeds ORDER BY model_name, card_id').all() as Row[]).map(record);
}

/** The user's measurements for one model, by card id: what `planWorkload` takes. */
export function measuredSpeedsFor(ctx: ServiceContext, modelName: string): Map<string, MeasuredSpeed> {
  if (ctx.storeless) return new Map();
  const rows = ctx.db.prepare('SELECT * FROM measured_speeds WHERE model_name = ?').all(modelName) as Row[];
  return new Map(rows.map((r) => [r.card_id, { tpotMs: r.tpot_ms, batch: r.batch, tp: r.tp, measuredAtMs: r.measured_at_ms }]));
}

/**
 * Stores a measurement (replacing the card and model's previous one). Given as time per output
 * token or as tokens/s each user saw (1000 ÷ TPOT); the card must be in the catalog.
 */
export function saveMeasuredSpeed(ctx: ServiceContext, input: MeasuredSpeedInput): MeasuredSpeedRecord {
  const where = 'measured speed';
  if (!cardCatalog(ctx).some((c) => c.id === input.cardId)) throw new CardPlanError('invalid_input', `${where}: unknown card id ${JSON.stringify(input.cardId)}; see the card catalog for the ids`);
  const given = [input.tpotMs, input.tokensPerSecondPerUser].filter((x) => x !== undefined);
  if (given.length !== 1) throw new CardPlanError('invalid_input', `${where}: give either tpotMs (ms per output token) or tokensPerSecondPerUser, not ${given.length === 0 ? 'neither' : 'both'}`);
  const tpotMs = input.tpotMs ?? 1000 / input.tokensPerSecondPerUser!;
  if (!(tpotMs >= 0.1 && tpotMs <= 60_000)) throw new CardPlanError('invalid_input', `${where}: time per output token must be between 0.1 and 60,000 ms (got ${Number(tpotMs.toPrecision(6))} ms)`);
  if (!Number.isInteger(input.batch) || input.batch < 1 || input.batch > 4096) throw new CardPlanError('invalid_input', `${where}: batch (users decoding together) must be a whole number from 1 to 4,096 (got ${input.batch})`);
  if (!Number.isInteger(input.tp) || input.tp < 1 || input.tp > 64) throw new CardPlanError('invalid_input', `${where}: tp must be a whole number from 1 to 64 (got ${input.tp})`);
  const modelName = resolveModel(input.model, ctx).name;
  const row: Row = { card_id: input.cardId, model_name: modelName, tpot_ms: tpotMs, batch: input.batch, tp: input.tp, note: input.note ?? '', measured_at_ms: input.measuredAtMs ?? Date.now() };
  ctx.db
    .prepare(
      'INSERT INTO measured_speeds (card_id, model_name, tpot_ms, batch, tp, note, measured_at_ms) VALUES (@card_id, @model_name, @tpot_ms, @batch, @tp, @note, @measured_at_ms) ON CONFLICT (card_id, model_name) DO UPDATE SET tpot_ms = excluded.tpot_ms, batch = excluded.batch, tp = excluded.tp, note = excluded.note, measured_at_ms = excluded.measured_at_ms',
    )
    .run(row);
  return record(row);
}

export function removeMeasuredSpeed(ctx: ServiceContext, cardId: string, modelName: string): { cardId: string; modelName: string } {
  if (ctx.db.prepare('DELETE FROM measured_speeds WHERE card_id = ? AND model_name = ?').run(cardId, modelName).changes === 0) {
    throw new CardPlanError('not_found', `no measured speed for ${JSON.stringify(modelName)} on ${JSON.stringify(cardId)}`);
  }
  return { cardId, modelName };
}
