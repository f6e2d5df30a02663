/**
 * Tensor parallelism costs two all-reduces per layer (after attention and after the MLP), each a
 * fixed latency plus the message over the link: time = latency(tp) + bytes × 2(tp − 1)/tp ÷ bus
 * bandwidth. Decode messages are small (batch × hidden × 2 B), so the latency dominates: it is
 * what keeps TP 8 far from 8 × TP 1.
 *
 * Latencies are the small-message floors AIConfigurator measured (ai-dynamo/aiconfigurator @095f58a5,
 * systems/data/<gpu>/comm/…): the engines' custom all-reduce under CUDA graphs (vLLM 0.24.0 /
 * 0.14.0 on A100, SGLang 0.5.14), and the same kernels launched eagerly; bus bandwidths are NCCL's
 * at large messages.
 */
import type { CardSpec } from '../../catalog/card-specs.ts';
import type { SpeedBasis } from './kernel-calibration.ts';

const US = 1e-6;
const GB = 1e9;

export interface LinkModel {
  kind: 'nvlink' | 'pcie' | 'hccs' | 'other';
  /** Small-message latency by TP degree (2, 4, 8; others interpolate), CUDA graphs captured. */
  graphLatencySeconds: { 2: number; 4: number; 8: number };
  /** The same, launched eagerly (transformers, or engines with graphs off). */
  eagerLatencySeconds: { 2: number; 4: number; 8: number };
  busBytesPerSecond: number;
  basis: SpeedBasis;
  source: string;
}

// vLLM/SGLang custom all-reduce floors (graph) and eager launches, TP 2/4/8, and NCCL bus bandwidth.
const NVLINK_AMPERE: LinkModel = {
  kind: 'nvlink',
  graphLatencySeconds: { 2: 4.9 * US, 4: 5.1 * US, 8: 5.6 * US },
  eagerLatencySeconds: { 2: 42 * US, 4: 43 * US, 8: 43 * US },
  busBytesPerSecond: 200 * GB,
  basis: 'measured',
  source: 'AIConfigurator a100_sxm all-reduce (vLLM 0.14.0 / SGLang 0.5.10 custom, NCCL 2.27.3)',
};
const NVLINK_HOPPER: LinkModel = {
  kind: 'nvlink',
  graphLatencySeconds: { 2: 3.3 * US, 4: 3.6 * US, 8: 4.0 * US },
  eagerLatencySeconds: { 2: 25 * US, 4: 25 * US, 8: 26 * US },
  busBytesPerSecond: 330 * GB,
  basis: 'measured',
  source: 'AIConfigurator h100_sxm / h200_sxm all-reduce (vLLM 0.24.0 / SGLang 0.5.14 custom, NCCL 2.27–2.29)',
};
const NVLINK_BLACKWELL: LinkModel = {
  kind: 'nvlink',
  graphLatencySeconds: { 2: 5.2 * US, 4: 5.4 * US, 8: 5.9 * US },
  eagerLatencySeconds: { 2: 24 * US, 4: 25 * US, 8: 25 * US },
  busBytesPerSecond: 530 * GB,
  basis: 'measured',
  source: 'AIConfigurator b200_sxm all-reduce (vLLM 0.24.0 / SGLang 0.5.14 custom, NCCL 2.27–2.29)',
};
const PCIE: LinkModel = {
  kind: 'pcie',
  // L40S over PCIe: custom all-reduce 5.2/13.3/25 µs (graph), 42–58 µs eager, NCCL 20 GB/s bus at TP 2.
  graphLatencySeconds: { 2: 5.3 * US, 4: 13.5 * US, 8: 25 * US },
  eagerLatencySeconds: { 2: 42 * US, 4: 56 * US, 8: 58 * US },
  busBytesPerSecond: 20 * GB,
  basis: 'measured',
  source: 'AIConfigurator l40s all-reduce over PCIe (vLLM 0.22.0 / SGLang 0.5.14 custom, NCCL 2.27.3)',
};
/** Domestic cards' fabrics (HCCS, xGMI, MTLink …): no public all-reduce measurements; assumed from the eager PCIe figures. */
const ASSUMED_FABRIC: LinkModel = {
  kind: 'other',
  graphLatencySeconds: { 2: 20 * US, 4: 25 * US, 8: 30 * US },
  eagerLatencySeconds: { 2: 45 * US, 4: 55 * US, 8: 60 * US },
  busBytesPerSecond: 50 * GB,
  basis: 'assumed',
  source: 'assumption: no public all-reduce measurement (HCCL, RCCL …) for this card; latencies of an eager PCIe all-reduce',
};

/** The link a card's tensor-parallel group talks over, from its catalog entry. */
export function linkFor(card: CardSpec): LinkModel {
  const fabric = (card.interconnect ?? '').toLowerCase();
  if (card.domestic) {
    const kind: LinkModel['kind'] = /hccs/.test(fabric) ? 'hccs' : /pcie/.test(fabric) || !fabric ? 'pcie' : 'other';
    return { ...ASSUMED_FABRIC, kind };
  }
  if (!/nvlink/.test(fabric) || card.serverClass === 'pcie') return { ...PCIE, basis: /^nvidia-l40s/.test(card.id) ? 'measured' : 'derived' };
  const base = /^nvidia-b|^nvidia-gb/.test(card.id) ? NVLINK_BLACKWELL : /^nvidia-a/.test(card.id) ? NVLINK_AMPERE : NVLINK_HOPPER;
  const exact = /^nvidia-(a100-sxm|h100-sxm|h200-sxm|b200)/.test(card.id);
  // Cut-down NVLink (A800/H800: 400 GB/s against 600/900): bus bandwidth scaled by the catalog's figure.
  const reference = base === NVLINK_AMPERE ? 600 : base === NVLINK_HOPPER ? 900 : 1800;
  const scale = card.interconnectBytesPerSecond ? Math.min(1, card.interconnectBytesPerSecond / (reference * GB)) : 1;
  return { ...base, busBytesPerSecond: base.busBytesPerSecond * scale, basis: exact ? 'measured' : 'derived' };
}

function latencyAt(table: { 2: number; 4: number; 8: number }, tp: number): number {
  if (tp <= 2) return table[2];
  if (tp <= 4) return table[2] + ((table[4] - table[2]) * (tp - 2)) / 2;
  if (tp <= 8) return table[4] + ((table[8] - table[4]) * (tp - 4)) / 4;
  return table[8] * (tp / 8);
}

/**
 * One all-reduce of `bytes` across `tp` cards, seconds; 0 without tensor parallelism.
 * @example allReduceSeconds(NVLINK_HOPPER, 8, 16 × 8192 × 2, true) // 4.0 µs + 262,144 × 1.75 ÷ 330 GB/s ≈ 5.4 µs
 */
export function allReduceSeconds(link: LinkModel, tp: number, bytes: number, graph: boolean): number {
  if (tp <= 1) return 0;
  return latencyAt(graph ? link.graphLatencySeconds : link.eagerLatencySeconds, tp) + (bytes * 2 * (tp - 1)) / tp / link.busBytesPerSecond;
}

/** Hand-off of a batch's hidden states between pipeline stages: AIConfigurator's p2p latency (10 µs) plus the bytes. */
export function pipelineHandoffSeconds(link: LinkModel, bytes: number): number {
  return 10 * US + bytes / link.busBytesPerSecond;
}
