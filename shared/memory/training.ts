/**
 * Training state: weights, gradients and optimizer states for full fine-tuning, LoRA and QLoRA,
 * with ZeRO sharding across data-parallel cards (Rajbhandari et al. 2020, "ZeRO").
 */
import { CardPlanError } from '../errors.ts';
import type { ModelSpec } from '../model/spec.ts';
import { modelTensors } from '../model/tensors.ts';

export const TRAINING_MODES = ['train-full', 'train-lora', 'train-qlora'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];

export const LORA_TARGETS = ['attention', 'all-linear'] as const;
export type LoraTargets = (typeof LORA_TARGETS)[number];

/**
 * Mixed-precision Adam keeps, per trainable parameter: 16-bit weights (2 B) and gradients (2 B),
 * an fp32 master copy (4 B) and two fp32 moments (4 + 4 B): 16 bytes (the ZeRO paper's "16Ψ").
 */
export const ADAM_OPTIMIZER_BYTES_PER_PARAM = 12;
export const HALF_BYTES = 2;

/**
 * QLoRA's NF4 base weights: 4 bits per weight plus double-quantized block scales (an 8-bit absmax
 * per 64 weights and an fp32 constant per 256 of those): 4 + 8/64 + 32/(64·256) = 4.127 bits
 * (Dettmers et al. 2023, "QLoRA", section 3).
 */
export function nf4Bytes(elements: number): number {
  return Math.ceil(elements / 2) + Math.ceil(elements / 64) + Math.ceil(elements / 16_384) * 4;
}

const ATTENTION_PROJECTIONS = /self_attn\.(q_proj|k_proj|v_proj|o_proj|q_a_proj|q_b_proj|kv_a_proj_with_mqa|kv_b_proj)$/;

/**
 * Trainable LoRA parameters: rank × (inputs + outputs) for each targeted linear layer.
 * @example loraParams(llama31_8b, 16, 'attention') // 32 × 16 × ((4096+4096) + 2 × (4096+1024) + (4096+4096)) = 13_631_488
 */
export function loraParams(spec: ModelSpec, rank: number, targets: LoraTargets): number {
  if (spec.manualParams) throw new CardPlanError('invalid_input', 'loraParams: LoRA needs the layer shapes; describe the model from its config.json');
  return modelTensors(spec)
    .filter((g) => g.kind === 'linear' && (targets === 'all-linear' || ATTENTION_PROJECTIONS.test(g.name)))
    .reduce((sum, g) => sum + rank * (g.rows + g.cols) * g.count, 0);
}

export interface TrainingState {
  trainableParams: number;
  /** Model weights as trained (16-bit for full and LoRA, NF4 for a QLoRA base) plus LoRA weights. */
  weightsBytes: number;
  gradientsBytes: number;
  optimizerBytes: number;
}

export interface TrainingStateOptions {
  totalParams: number;
  /** Bytes of the base weights at their 16-bit width (full, LoRA) — the format's weight bytes. */
  baseWeightsBytes: number;
  zeroStage: 0 | 1 | 2 | 3;
  dataParallel: number;
  loraRank: number;
  loraTargets: LoraTargets;
}

/**
 * Per data-parallel card: ZeRO-1 shards optimizer states, ZeRO-2 also gradients, ZeRO-3 also the
 * weights, each divided by the data-parallel degree.
 */
export function trainingStateBytes(spec: ModelSpec, mode: TrainingMode, o: TrainingStateOptions): TrainingState {
  const shard = (bytes: number, fromStage: number): number => (o.zeroStage >= fromStage ? Math.ceil(bytes / o.dataParallel) : bytes);
  if (mode === 'train-full') {
    return {
      trainableParams: o.totalParams,
      weightsBytes: shard(o.totalParams * HALF_BYTES, 3),
      gradientsBytes: shard(o.totalParams * HALF_BYTES, 2),
      optimizerBytes: shard(o.totalParams * ADAM_OPTIMIZER_BYTES_PER_PARAM, 1),
    };
  }
  const trainable = loraParams(spec, o.loraRank, o.loraTargets);
  let base = o.baseWeightsBytes;
  if (mode === 'train-qlora') {
    base = modelTensors(spec).reduce((sum, g) => sum + (g.kind === 'linear' ? nf4Bytes(g.rows * g.cols) : g.rows * g.cols * HALF_BYTES) * g.count, 0);
  }
  return {
    trainableParams: trainable,
    weightsBytes: shard(base, 3) + shard(trainable * HALF_BYTES, 3),
    gradientsBytes: shard(trainable * HALF_BYTES, 2),
    optimizerBytes: shard(trainable * ADAM_OPTIMIZER_BYTES_PER_PARAM, 1),
  };
}
