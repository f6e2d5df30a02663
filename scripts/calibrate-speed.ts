/**
 * `npm run calibrate:speed`: the speed model against every end-to-end measurement in
 * tests/fixtures/measured/speed_e2e_decode.json — measured ÷ estimated TPOT by card, engine and
 * model, with the median and the 10th/90th percentiles the bands in shared/plan/speed/estimate.ts
 * come from. Prints; changes nothing.
 */
import fs from 'node:fs';
import { BUILTIN_CARD_SPECS } from '../shared/catalog/card-specs.ts';
import { prepareSizing, verdictOnCard } from '../shared/memory/size.ts';
import { builtinModel } from '../shared/model/catalog.ts';
import { decodeStepAt, estimateSpeed } from '../shared/plan/speed/estimate.ts';

interface Row { card: string; model: string; weights: string; engine: string; tp: number; pp: number; concurrency: number; inputTokens: number; outputTokens: number; tpotMs: number; ttftMs: number | null; tpotIncludesPrefill?: boolean; gpuMemoryUtilization?: number; enforceEager?: boolean; source: string }

const rows: Row[] = JSON.parse(fs.readFileSync('tests/fixtures/measured/speed_e2e_decode.json', 'utf8')).rows;
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]!; };

export function ratios(): { row: Row; kvQueued: boolean; ratio: number; ttftRatio: number | null; ttftInBand: boolean | null; estimate: NonNullable<ReturnType<typeof estimateSpeed>>; parts: ReturnType<typeof decodeStepAt> }[] {
  return rows.map((row) => {
    const card = BUILTIN_CARD_SPECS.find((c) => c.id === row.card)!;
    const prepared = prepareSizing(builtinModel(row.model), {
      weights: row.weights as never,
      engine: row.engine as never,
      contextTokens: row.inputTokens + row.outputTokens,
      promptTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      concurrency: row.concurrency,
      ...(row.gpuMemoryUtilization ? { gpuMemoryUtilization: row.gpuMemoryUtilization } : {}),
      forceContext: true,
    });
    const req = { card, prepared, tp: row.tp, pp: row.pp, batch: row.concurrency };
    // CardPlan's own memory model: when the engine's KV pool cannot hold every request in flight
    // (or the weights do not fit the stated split at all), requests wait for memory and the run
    // measures something other than `concurrency` users decoding together.
    const verdict = verdictOnCard(prepared, row.tp, row.pp, card.usableBytes!);
    const kvQueued = verdict.basis === 'kv-pool' && verdict.poolTokens < row.concurrency * (row.inputTokens + row.outputTokens);
    const e = estimateSpeed(req)!;
    // Benchmarks that time the whole request (tokens/s over prefill and decode): compare like with like.
    // Every card measured here has its compute peak in the catalog, so TTFT is known.
    const ttftMs = e.ttftMs!;
    const estimated = row.tpotIncludesPrefill ? (ttftMs + row.outputTokens * e.tpotMs) / row.outputTokens : e.tpotMs;
    const ttftBand = e.band.ttftMs!;
    return { row, kvQueued, ratio: row.tpotMs / estimated, ttftRatio: row.ttftMs ? row.ttftMs / ttftMs : null, ttftInBand: row.ttftMs ? row.ttftMs >= ttftBand[0] && row.ttftMs <= ttftBand[1] : null, estimate: e, parts: decodeStepAt(req, row.concurrency) };
  });
}

if (process.argv[1]?.endsWith('calibrate-speed.ts')) {
  const every = ratios();
  const queued = every.filter((x) => x.kvQueued);
  console.log(`${queued.length} rows left out: their KV pool (CardPlan's memory model) cannot hold every request in flight — ${[...new Set(queued.map((x) => `${x.row.card} ${x.row.engine} ${x.row.model} TP ${x.row.tp}`))].join('; ')}\n`);
  const all = every.filter((x) => !x.kvQueued);
  const groups = new Map<string, number[]>();
  for (const { row, ratio } of all) {
    const key = `${row.card} ${row.engine} ${row.model} ${row.weights}`;
    groups.set(key, [...(groups.get(key) ?? []), ratio]);
  }
  for (const [key, xs] of [...groups].sort()) console.log(`${key.padEnd(70)} n=${String(xs.length).padStart(3)} median ${quantile(xs, 0.5).toFixed(2)} [${quantile(xs, 0.1).toFixed(2)}–${quantile(xs, 0.9).toFixed(2)}]`);
  const r = all.map((x) => x.ratio);
  console.log(`\nall ${r.length} rows: measured ÷ estimated TPOT median ${quantile(r, 0.5).toFixed(3)}, p10 ${quantile(r, 0.1).toFixed(3)}, p90 ${quantile(r, 0.9).toFixed(3)}`);
  for (const engine of ['vllm', 'sglang']) {
    const rows = all.filter((x) => x.ttftRatio !== null && x.row.engine === engine);
    const t = rows.map((x) => x.ttftRatio!);
    const inBand = rows.filter((x) => x.ttftInBand).length;
    if (t.length) console.log(`TTFT ${engine} (${t.length} rows): measured ÷ estimated median ${quantile(t, 0.5).toFixed(3)}, p10 ${quantile(t, 0.1).toFixed(3)}, p90 ${quantile(t, 0.9).toFixed(3)}; inside the band ${inBand}/${t.length}`);
  }
}
