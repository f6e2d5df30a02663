/**
 * Weight memory: every tensor of the model at the bytes its format stores, including the scales
 * and zero points of quantized formats. Integers, rounded up per tensor group.
 */
import type { ModelSpec } from '../model/spec.ts';
import { modelTensors, type TensorGroup } from '../model/tensors.ts';
import { isQuantized, plainBytes, type WeightFormat } from './precision.ts';

/** Group size of GPTQ/AWQ scales when the config does not say (the AutoGPTQ and AutoAWQ default). */
export const DEFAULT_QUANT_GROUP_SIZE = 128;
/** FP8 block scaling tile (DeepSeek-V3, Qwen3-FP8: `weight_block_size` [128, 128]). */
export const DEFAULT_FP8_BLOCK = 128;

const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

/**
 * Bytes of one `rows × cols` linear weight in a quantized format (cols = input features, along
 * which GPTQ/AWQ groups run):
 * - int8/int4 (round-to-nearest, per output channel): rows·cols·bits/8 + rows·2 (fp16 scale per row)
 * - fp8: rows·cols + 4 (one fp32 scale per tensor)
 * - gptq-intN: rows·cols·N/8 packed weights + ⌈cols/g⌉·rows·N/8 zeros + ⌈cols/g⌉·rows·2 fp16 scales
 *   + cols·4 (int32 g_idx)
 * - awq-int4: rows·cols/2 + ⌈cols/g⌉·rows/2 zeros + ⌈cols/g⌉·rows·2 scales
 * - fp8-block: rows·cols + ⌈rows/128⌉·⌈cols/128⌉·4 (fp32 scale per 128×128 block)
 * - nvfp4: rows·cols/2 + rows·cols/16 (fp8 scale per 16 values) + 4 (fp32 global scale)
 * - mxfp4: rows·cols/2 + rows·cols/32 (e8m0 scale per 32 values)
 *
 * @example quantizedLinearBytes(4096, 4096, 'awq-int4', 128) // 8_388_608 + 65_536 + 262_144 = 8_716_288
 */
export function quantizedLinearBytes(rows: number, cols: number, format: WeightFormat, groupSize = DEFAULT_QUANT_GROUP_SIZE): number {
  const n = rows * cols;
  const groups = ceilDiv(cols, groupSize) * rows;
  switch (format) {
    case 'int8':
      return n + rows * 2;
    case 'int4':
      return ceilDiv(n, 2) + rows * 2;
    case 'fp8':
      return n + 4;
    case 'gptq-int8':
      return n + groups + groups * 2 + cols * 4;
    case 'gptq-int4':
      return ceilDiv(n, 2) + ceilDiv(groups, 2) + groups * 2 + cols * 4;
    case 'awq-int4':
      return ceilDiv(n, 2) + ceilDiv(groups, 2) + groups * 2;
    case 'fp8-block':
      return n + ceilDiv(rows, DEFAULT_FP8_BLOCK) * ceilDiv(cols, DEFAULT_FP8_BLOCK) * 4;
    case 'nvfp4':
      return ceilDiv(n, 2) + ceilDiv(n, 16) + 4;
    case 'mxfp4':
      return ceilDiv(n, 2) + ceilDiv(n, 32);
    default:
      return n * plainBytes(format);
  }
}

/** True when a config's `modules_to_not_convert` names this group (e.g. `lm_head`, `q_proj`). */
function leftUnquantized(group: TensorGroup, notConverted: string[]): boolean {
  const leaf = group.name.split('.').pop() ?? group.name;
  return notConverted.some((entry) => entry === group.name || entry.endsWith(`.${leaf}`) || entry === leaf);
}

export interface WeightBytes {
  total: number;
  /** Bytes of the linear layers stored in the quantized format (0 for plain formats). */
  quantized: number;
  /** Bytes kept at 16 bits (or the plain format): embeddings, LM head, norms, routers, biases. */
  unquantized: number;
  /** The bytes a token reads: shared weights plus its top-k experts (all weights when dense). */
  active: number;
  /** The input embedding and an untied LM head (first and last pipeline stage). */
  embedding: number;
  lmHead: number;
}

/**
 * Weight memory of `spec` stored as `format`.
 * @example weightsBytes(qwq32b, 'bf16').total // 65_527_752_704 (32,763,876,352 parameters × 2 B)
 */
export function weightsBytes(spec: ModelSpec, format: WeightFormat): WeightBytes {
  const groupSize = spec.quantization?.groupSize ?? DEFAULT_QUANT_GROUP_SIZE;
  const notConverted = spec.quantization?.notConverted ?? [];
  if (spec.manualParams) {
    // No per-layer shapes: every parameter at the format's nominal width (scales approximated per 128).
    const bytesPerParam = isQuantized(format) ? quantizedLinearBytes(1, 128, format, groupSize) / 128 : plainBytes(format as 'bf16');
    const total = Math.ceil(spec.manualParams.total * bytesPerParam);
    const embedding = Math.min(total, spec.vocabSize * spec.hiddenSize * 2);
    return {
      total,
      quantized: isQuantized(format) ? total : 0,
      unquantized: isQuantized(format) ? 0 : total,
      active: Math.ceil(spec.manualParams.active * bytesPerParam),
      embedding,
      lmHead: 0,
    };
  }
  let quantized = 0;
  let unquantized = 0;
  let active = 0;
  let embedding = 0;
  let lmHead = 0;
  for (const group of modelTensors(spec)) {
    const quantize = isQuantized(format) && group.kind === 'linear' && !leftUnquantized(group, notConverted);
    const perTensor = quantize
      ? quantizedLinearBytes(group.rows, group.cols, format, groupSize)
      : group.rows * group.cols * (isQuantized(format) ? 2 : plainBytes(format as 'bf16'));
    if (quantize) quantized += perTensor * group.count;
    else unquantized += perTensor * group.count;
    active += perTensor * group.activeCount;
    if (group.kind === 'embedding') embedding += perTensor * group.count;
    if (group.kind === 'lm_head') lmHead += perTensor * group.count;
  }
  return { total: quantized + unquantized, quantized, unquantized, active, embedding, lmHead };
}

/**
 * Elements of the largest quantizable linear weight: AutoGPTQ's exllama kernels keep an fp16
 * buffer this size (`temp_dq`, sized by `max_dq_size`) to dequantize into for large batches.
 * @example largestLinearElements(qwen25_7b) // 18944 × 3584 = 67_895_296 (the MLP projections)
 */
export function largestLinearElements(spec: ModelSpec): number {
  return modelTensors(spec)
    .filter((g) => g.kind === 'linear')
    .reduce((max, g) => Math.max(max, g.rows * g.cols), 0);
}
