/**
 * `cardplan check-log`: an engine's start-up log beside CardPlan's prediction for the same
 * settings, term by term; with --calibrate, the card's plans then use what the engine really did.
 *   check-log FILE|- --card ID [--model ID] [--engine vllm|vllm-ascend|sglang] [--engine-version V]
 *             [--calibrate [--accept-other-model]] [--db PATH] [--json]
 *   check-log --list [--db PATH] [--json]
 *   check-log --remove ID [--db PATH]
 */
import fs from 'node:fs';
import type { CalibrationRecord, LogCheckResult } from '../../shared/contract.ts';
import { calibrationSource, calibrationText, sameModelName } from '../../shared/engine-log/calibration.ts';
import type { CheckRow, LogCheck } from '../../shared/engine-log/check.ts';
import { checkDifferenceText, checkValueText } from '../../shared/engine-log/check-text.ts';
import { MAX_LOG_BYTES } from '../../shared/engine-log/input.ts';
import { parseEngineLog } from '../../shared/engine-log/parse.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { formatNumber } from '../../shared/format.ts';
import { BUILTIN_MODELS } from '../../shared/model/catalog.ts';
import { withoutDatabase } from '../services/context.ts';
import { call, commandArgs, UsageError } from './args.ts';
import type { Io } from './io.ts';
import type { OpenDatabase } from './project.ts';

export const CHECK_LOG_USAGE = `cardplan check-log FILE|- --card ID [--model ID] [--engine vllm|vllm-ascend|sglang] [--engine-version V] [--json]
    reads an engine's start-up log (vLLM V0/V1, vLLM-Ascend, SGLang; - reads standard input) and prints
    CardPlan's prediction for the same settings beside it: weights, what the engine kept besides
    weights and KV, the KV cache in GiB and tokens, max concurrency; --model defaults to the log's own
  [--calibrate [--accept-other-model]] [--db PATH]
    keeps the log's calibration: plans on that card and engine, at that TP × PP, then use the
    measured memory ("calibrated from your log of …")
cardplan check-log --list [--db PATH] [--json]      the calibrations kept
cardplan check-log --remove ID [--db PATH]          removes one`;

const GiB = 2 ** 30;

/** Reads the log: a file no larger than the limit, or standard input up to it. */
function readLog(file: string): string {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    const buffer = Buffer.alloc(1 << 16);
    for (;;) {
      let n = 0;
      try {
        n = fs.readSync(0, buffer, 0, buffer.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (n === 0) break;
      size += n;
      if (size > MAX_LOG_BYTES) throw new CardPlanError('invalid_input', `standard input is longer than ${MAX_LOG_BYTES / 1e6} MB; give the start-up part of the log (its first few thousand lines)`);
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CardPlanError('invalid_input', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code}`);
  }
  if (stat.isDirectory()) throw new CardPlanError('invalid_input', `cannot read ${file}: it is a folder`);
  if (stat.size > MAX_LOG_BYTES) {
    throw new CardPlanError('invalid_input', `${file} is ${(stat.size / 1e6).toFixed(1)} MB; at most ${MAX_LOG_BYTES / 1e6} MB is read — give the start-up part of the log (its first few thousand lines)`);
  }
  return fs.readFileSync(file, 'utf8');
}

/** The built-in model a log names ("Qwen/Qwen2.5-7B-Instruct" → qwen2.5-7b-instruct), if any. */
function modelOfLog(text: string, engine: string | undefined): string {
  const o = parseEngineLog(text, engine ? { engine: engine as never } : {});
  const named = o.model?.value ?? null;
  const hit = BUILTIN_MODELS.find((m) => sameModelName(named, m.id) || sameModelName(named, m.name));
  if (!hit) throw new UsageError(`check-log: ${named ? `the log's model ${JSON.stringify(named)} is not a built-in model` : 'the log names no model'}; give --model ID (cardplan size --help lists them)`);
  return hit.id;
}

const n = (x: number, digits = 2) => formatNumber(x, 'en', digits);

const LABEL: Record<CheckRow['term'], string> = {
  weights: 'weights',
  nonKv: 'kept besides weights and KV',
  kvBytes: 'KV cache',
  kvTokens: 'KV cache, tokens',
  maxConcurrency: 'max concurrency',
};

function tableOf(check: LogCheck): string[] {
  const rows = [['', 'CardPlan', 'log', 'log − CardPlan', 'from line'], ...check.rows.map((r) => [LABEL[r.term], checkValueText(r, r.predicted, 'en'), checkValueText(r, r.observed, 'en'), checkDifferenceText(r, 'en'), r.line === null ? (r.observed === null ? '' : 'derived') : `${r.line}`])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}

function resultText(r: LogCheckResult, cardId: string): string {
  const o = r.observation;
  const c = r.check;
  const engine = o.engine === 'sglang' ? 'SGLang' : o.engine === 'vllm-ascend' ? 'vLLM-Ascend' : 'vLLM';
  const lines = [
    `${engine}${o.generation ? ` ${o.generation.toUpperCase()}` : ''}${o.version ? ` ${o.version.value}` : ''} log: ${o.model?.value ?? 'model not printed'} on ${cardId}, TP ${c.tp} × PP ${c.pp}, ${n(c.contextTokens, 0)} tokens per request, ${c.engine === 'vllm' ? 'gpu_memory_utilization' : 'mem_fraction_static'} ${n(c.fraction)}`,
    `device memory ${n(c.deviceBytes / GiB)} GiB (${c.deviceFrom === 'log' ? 'as the log prints it' : "the card's usable memory: the log does not print it"}); KV per token ${n(c.kvBytesPerToken, 0)} bytes on one rank`,
    ...(r.modelMismatch ? [`warning: ${r.modelMismatch}`] : []),
    '',
    ...tableOf(c),
    '',
    'Once calibrated on this log:',
    ...tableOf(r.calibrated),
  ];
  return `${lines.join('\n')}\n`;
}

const listText = (list: CalibrationRecord[]) =>
  list.length === 0
    ? 'no calibrations yet (cardplan check-log FILE --card ID --calibrate)\n'
    : `${list.map((c) => `${c.id}  ${c.cardId}  ${c.engine} TP ${c.tp} × PP ${c.pp}  ${c.model ?? '(model not printed)'}  ${new Date(c.createdAtMs).toISOString().slice(0, 10)}: kept besides weights and KV ${n(c.nonKvExtraBytes / GiB)} GiB, KV ${n(c.kvBytes / GiB)} GiB`).join('\n')}\n`;

export async function checkLogCommand(args: string[], io: Io, open: OpenDatabase): Promise<number> {
  const parsed = commandArgs('check-log', 'cardplan check-log --help', args, {
    card: { type: 'string' },
    model: { type: 'string' },
    engine: { type: 'string' },
    'engine-version': { type: 'string' },
    calibrate: { type: 'boolean' },
    'accept-other-model': { type: 'boolean' },
    list: { type: 'boolean' },
    remove: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const v = parsed.values;
  const db = v.db as string | undefined;
  if (v.list) {
    const list = await call<CalibrationRecord[]>(open(db, { write: false }), 'calibration:list', undefined);
    io.out(v.json ? `${JSON.stringify(list, null, 2)}\n` : listText(list));
    return 0;
  }
  if (v.remove) {
    await call(open(db, { write: true }), 'calibration:remove', { id: v.remove });
    io.out(`removed calibration ${v.remove}; plans on its card use CardPlan's own memory model again\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('check-log: give one log file, or - for standard input; see cardplan check-log --help');
  if (!v.card) throw new UsageError('check-log: --card ID is needed: the card the engine ran on (cardplan cards lists the ids)');
  if (v.engine !== undefined && !['vllm', 'vllm-ascend', 'sglang'].includes(v.engine as string)) throw new UsageError(`check-log: --engine must be vllm, vllm-ascend or sglang (got '${v.engine}')`);
  const text = readLog(parsed.positionals[0]!);
  const model = (v.model as string | undefined) ?? modelOfLog(text, v.engine as string | undefined);
  const request = {
    text,
    model: { id: model },
    cardId: v.card as string,
    ...(v.engine ? { engine: v.engine } : {}),
    ...(v['engine-version'] ? { engineVersion: v['engine-version'] } : {}),
    ...(v['accept-other-model'] ? { acceptOtherModel: true } : {}),
  };
  // Checking stores nothing and needs no database (the built-in catalog); with --db, the user's card edits count.
  const ctx = v.calibrate ? open(db, { write: true }) : db ? open(db, { write: false }) : withoutDatabase();
  const result = await call<LogCheckResult>(ctx, 'log:check', request);
  let saved: CalibrationRecord | null = null;
  if (v.calibrate) saved = await call<CalibrationRecord>(ctx, 'calibration:save', request);
  if (v.json) {
    io.out(`${JSON.stringify({ ...result, saved }, null, 2)}\n`);
    return 0;
  }
  io.out(resultText(result, v.card as string));
  if (saved) {
    io.out(`stored calibration ${saved.id}: plans on ${saved.cardId} with ${saved.engine} at TP ${saved.tp} × PP ${saved.pp} are now ${calibrationText(calibrationSource(saved), 'en')} (remove: cardplan check-log --remove ${saved.id})\n`);
  } else {
    io.out('nothing stored (add --calibrate --db PATH to keep it)\n');
  }
  return 0;
}
