/**
 * The weights one decode step streams, layer by layer, grouped the way serving engines run them as
 * GEMMs: fused q/k/v, the output projection, fused gate/up, down; a MoE layer's router, routed
 * experts (one fused kernel) and shared experts. Bytes at the workload's weight format, whole
 * model (split by tensor parallelism later).
 */
import type { ModelSpec } from '../../model/spec.ts';
import { modelTensors, type TensorGroup } from '../../model/tensors.ts';
import { isQuantized, plainBytes, type WeightFormat } from '../../memory/precision.ts';
import { DEFAULT_QUANT_GROUP_SIZE, quantizedLinearBytes } from '../../memory/weights.ts';

export interface LayerShapes {
  layers: number;
  /** Dense layers (all of a dense model; DeepSeek's first_k_dense_replace). */
  denseLayers: number;
  /** Bytes of each attention GEMM of one layer (fused q/k/v first, then the rest). */
  attentionGemmBytes: number[];
  /** Bytes of each MLP GEMM of one dense layer (fused gate/up, down). */
  mlpGemmBytes: number[];
  moe: {
    experts: number;
    expertsPerToken: number;
    /** One routed expert: gate, up and down. */
    expertBytes: number;
    sharedBytes: number;
    routerBytes: number;
  } | null;
  /** The LM head (the embedding matrix when tied). */
  lmHeadBytes: number;
  hiddenSize: number;
  vocabSize: number;
}

const cache = new WeakMap<ModelSpec, Map<WeightFormat, LayerShapes>>();

function groupBytes(g: TensorGroup, format: WeightFormat, groupSize: number): number {
  const quantize = isQuantized(format) && g.kind === 'linear';
  return quantize ? quantizedLinearBytes(g.rows, g.cols, format, groupSize) : g.rows * g.cols * (isQuantized(format) ? 2 : plainBytes(format as 'bf16'));
}

/** @example layerShapes(qwen25_7b, 'bf16').mlpGemmBytes // [2 × 18944 × 3584 × 2, 3584 × 18944 × 2] */
export function layerShapes(spec: ModelSpec, format: WeightFormat): LayerShapes {
  let byFormat = cache.get(spec);
  if (!byFormat) cache.set(spec, (byFormat = new Map()));
  const hit = byFormat.get(format);
  if (hit) return hit;
  const groupSize = spec.quantization?.groupSize ?? DEFAULT_QUANT_GROUP_SIZE;
  const groups = modelTensors(spec);
  const L = spec.layers;
  const perLayer = (match: (name: string) => boolean, count = L): number =>
    groups.filter((g) => match(g.name)).reduce((sum, g) => sum + (groupBytes(g, format, groupSize) * g.count) / count, 0);
  const attention = (name: string) => name.startsWith('self_attn.') || name.startsWith('attention.');
  const qkv = perLayer((n) => attention(n) && !/o_proj|output\.dense/.test(n));
  const out = perLayer((n) => attention(n) && /o_proj|output\.dense/.test(n));
  const moe = spec.moe;
  const denseLayers = moe ? moe.denseLayers : L;
  const gateUp = denseLayers ? perLayer((n) => /^mlp\.(gate_proj|up_proj)/.test(n) || n.startsWith('intermediate.'), denseLayers) : 0;
  const down = denseLayers ? perLayer((n) => /^mlp\.down_proj/.test(n) || /^output\.dense/.test(n), denseLayers) : 0;
  const moeLayers = L - denseLayers;
  const lmHead = groups.find((g) => g.kind === 'lm_head') ?? groups.find((g) => g.kind === 'embedding')!;
  const shapes: LayerShapes = {
    layers: L,
    denseLayers,
    attentionGemmBytes: [Math.round(qkv), Math.round(out)],
    mlpGemmBytes: [Math.round(gateUp), Math.round(down)],
    moe: moe
      ? {
          experts: moe.experts,
          expertsPerToken: moe.expertsPerToken,
          expertBytes: Math.round(perLayer((n) => n.startsWith('mlp.experts.'), moeLayers * moe.experts)),
          sharedBytes: Math.round(moeLayers ? perLayer((n) => n.startsWith('mlp.shared_experts.'), moeLayers) : 0),
          routerBytes: Math.round(moeLayers ? perLayer((n) => n === 'mlp.gate', moeLayers) : 0),
        }
      : null,
    lmHeadBytes: groupBytes(lmHead, format, groupSize),
    hiddenSize: spec.hiddenSize,
    vocabSize: spec.vocabSize,
  };
  byFormat.set(format, shapes);
  return shapes;
}
