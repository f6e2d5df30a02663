/**
 * Calibrating a plan to what an engine really did on the user's card. From a start-up log: the
 * device memory the engine saw, its memory fraction, the weights it loaded and the KV cache it
 * could allocate. What the engine kept besides weights and KV — vLLM's activation peak and non-torch
 * memory, SGLang's other reservations — is then measured, not modelled:
 *   nonKvExtra = fraction × device − weights − KV.
 * A plan for the same card, engine and split uses it (and the device memory, and the log's weights
 * when the model is the same), so its KV pool is the log's: other contexts and user counts follow.
 */
import { CardPlanError } from '../errors.ts';
import type { CalibrationSource, PoolCalibration } from '../memory/size.ts';
import type { EngineObservation } from './observation.ts';

export interface EngineCalibration {
  id: string;
  cardId: string;
  engine: 'vllm' | 'sglang';
  /** The model the log loaded, as printed (e.g. Qwen/Qwen2.5-7B-Instruct). */
  model: string | null;
  tp: number;
  pp: number;
  fraction: number;
  /** Device memory the engine saw, bytes; null when the log does not print it (the catalog's usable memory then). */
  usableBytes: number | null;
  weightsBytes: number;
  kvBytes: number;
  nonKvExtraBytes: number;
  createdAtMs: number;
}

/** Where a calibration comes from; for a workload of `modelName`, whether that is the log's model (a calibration listed on its own: yes). */
export function calibrationSource(c: EngineCalibration, modelName?: string): CalibrationSource {
  const sameModel = modelName === undefined || sameModelName(c.model, modelName);
  return { engine: c.engine, date: new Date(c.createdAtMs).toISOString().slice(0, 10), model: c.model, sameModel };
}

/** The calibration as the sizing core applies it to a workload of `modelName`. */
export function appliedCalibration(c: EngineCalibration, modelName: string): PoolCalibration {
  const from = calibrationSource(c, modelName);
  return { id: c.id, from, tp: c.tp, pp: c.pp, usableBytes: c.usableBytes, weightsBytes: c.weightsBytes, nonKvExtraBytes: c.nonKvExtraBytes, sameModel: from.sameModel };
}

export interface CalibrationContext {
  id: string;
  cardId: string;
  /** The catalog's (or the user's) usable memory of the card, for logs that do not print the device's. */
  cardUsableBytes: number;
  /** KV bytes per token on one rank, to turn a log's token count into bytes when it prints no KV size. */
  kvBytesPerToken: number;
  /** The engine's fraction when the log does not print it (vLLM's 0.90 default, SGLang's 0.88). */
  defaultFraction: number;
  /** The model the user says the log ran, when the log does not print one. */
  modelName: string;
  createdAtMs: number;
}

/**
 * @example
 * // vLLM V0 on an RTX 3090: total_gpu_memory=23.58GiB × 0.90 − weights 14.99 GiB − KV 3.81 GiB
 * // → 2.42 GiB kept for the activation peak and non-torch memory.
 */
export function calibrationFrom(o: EngineObservation, at: CalibrationContext): EngineCalibration {
  const engine = o.engine === 'sglang' ? 'sglang' : 'vllm';
  if (!o.weightsBytes) throw new CardPlanError('invalid_input', 'the log prints no loaded weights ("Loading model weights took …", "Model loading took …", "mem usage=…"): nothing to calibrate on');
  const kvBytes = o.kvBytes?.value ?? (o.kvTokens ? o.kvTokens.value * at.kvBytesPerToken : o.kvBlocks && o.blockSize ? o.kvBlocks.value * o.blockSize.value * at.kvBytesPerToken : null);
  if (kvBytes === null) throw new CardPlanError('invalid_input', 'the log prints no KV cache size, tokens or blocks: nothing to calibrate on');
  const fraction = o.memoryFraction?.value ?? at.defaultFraction;
  const device = o.deviceBytes?.value ?? null;
  const nonKvExtraBytes = Math.round(fraction * (device ?? at.cardUsableBytes) - o.weightsBytes.value - kvBytes);
  return {
    id: at.id,
    cardId: at.cardId,
    engine,
    model: o.model?.value ?? at.modelName,
    tp: o.tensorParallel?.value ?? 1,
    pp: o.pipelineParallel?.value ?? 1,
    fraction,
    usableBytes: device,
    weightsBytes: o.weightsBytes.value,
    kvBytes: Math.round(kvBytes),
    nonKvExtraBytes,
    createdAtMs: at.createdAtMs,
  };
}

/** "your vLLM log of 2026-12-04 (Qwen/Qwen2.5-7B-Instruct)", in English or Chinese. */
export function calibrationText(from: CalibrationSource, language: 'en' | 'zh-CN'): string {
  const engine = from.engine === 'sglang' ? 'SGLang' : 'vLLM';
  const model = from.model ? (language === 'zh-CN' ? `（${from.model}${from.sameModel ? '' : '；权重按本模型计'}）` : ` (${from.model}${from.sameModel ? '' : "; this model's own weights"})`) : '';
  return language === 'zh-CN' ? `按您 ${from.date} 的 ${engine} 启动日志校准${model}` : `calibrated from your ${engine} log of ${from.date}${model}`;
}

/** Whether a model named in a log ("Qwen/Qwen2.5-7B-Instruct", "/models/qwen2.5-7b") is the workload's. */
export function sameModelName(logged: string | null, workload: string): boolean {
  if (!logged) return false;
  const tail = (s: string) => s.toLowerCase().replace(/\/+$/, '').split('/').pop()!.replace(/[^a-z0-9.]+/g, '-');
  return tail(logged) === tail(workload);
}
