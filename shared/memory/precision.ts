/**
 * Weight formats and KV-cache data types. A weight format says how the *quantizable* linear layers
 * are stored; embeddings, the LM head, norms, routers, biases and `modules_to_not_convert` stay at
 * 16 bits in every quantized format.
 */
import { CardPlanError } from '../errors.ts';
import type { ModelSpec } from '../model/spec.ts';

export const WEIGHT_FORMATS = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4', 'gptq-int8', 'gptq-int4', 'awq-int4', 'fp8-block', 'nvfp4', 'mxfp4'] as const;
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

export const KV_DTYPES = ['auto', 'bf16', 'fp16', 'fp8', 'int8'] as const;
export type KvDtype = (typeof KV_DTYPES)[number];

/** Bytes per element of a plain (unquantized) format. */
export function plainBytes(format: 'fp32' | 'bf16' | 'fp16'): number {
  return format === 'fp32' ? 4 : 2;
}

export function isQuantized(format: WeightFormat): boolean {
  return format !== 'fp32' && format !== 'bf16' && format !== 'fp16';
}

/**
 * The format a checkpoint is stored in, from `quantization_config` and `torch_dtype`:
 * GPTQ/AWQ by their bits, FP8 with `weight_block_size` as `fp8-block`, else the torch dtype.
 */
export function defaultWeightFormat(spec: ModelSpec): WeightFormat {
  const q = spec.quantization;
  if (!q) return spec.dtype;
  if (q.method === 'gptq') return q.bits === 8 ? 'gptq-int8' : 'gptq-int4';
  if (q.method === 'awq') return 'awq-int4';
  if (q.method === 'fp8') return q.blockSize ? 'fp8-block' : 'fp8';
  if (q.method === 'mxfp4') return 'mxfp4';
  if (q.method === 'modelopt' || q.method === 'nvfp4') return 'nvfp4';
  return q.bits <= 4 ? 'int4' : 'int8';
}

/** A KV dtype with `auto` resolved; fp32 only arises from `auto` on an fp32 deployment. */
export type ConcreteKvDtype = Exclude<KvDtype, 'auto'> | 'fp32';

/**
 * What `auto` means: the dtype the model runs in (vLLM caches an fp32 deployment in fp32: its
 * Llama-3.1-8B fp32 run holds 175,296 tokens where bf16 holds 476,016 in more memory).
 */
export function resolveKvDtype(kvDtype: KvDtype, spec: ModelSpec, weights: WeightFormat = spec.dtype): ConcreteKvDtype {
  if (kvDtype !== 'auto') return kvDtype;
  if (weights === 'fp32' || (weights !== 'bf16' && weights !== 'fp16' && spec.dtype === 'fp32')) return 'fp32';
  return weights === 'fp16' || (weights !== 'bf16' && spec.dtype === 'fp16') ? 'fp16' : 'bf16';
}

/** Bytes per KV element; `auto` follows the model's dtype. */
export function kvBytesPerElement(kvDtype: KvDtype | ConcreteKvDtype, spec: ModelSpec): number {
  switch (kvDtype) {
    case 'auto':
      return kvBytesPerElement(resolveKvDtype(kvDtype, spec), spec);
    case 'fp32':
      return 4;
    case 'bf16':
    case 'fp16':
      return 2;
    case 'fp8':
    case 'int8':
      return 1;
    default:
      throw new CardPlanError('invalid_input', `kvBytesPerElement: kvDtype must be one of ${KV_DTYPES.join(', ')} (got ${JSON.stringify(kvDtype)})`);
  }
}
