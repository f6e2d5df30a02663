/**
 * Exact parameter counts from a model description: total, active per token (MoE), embedding
 * (input embedding plus an untied LM head) and non-embedding, the split model cards publish.
 */
import { modelTensors, type TensorGroup } from './tensors.ts';
import type { ModelSpec } from './spec.ts';

export interface ParamCount {
  total: number;
  /** Parameters one token passes through: all of a dense model; shared + top-k experts of a MoE. */
  active: number;
  /** Input embedding plus the LM head when it is not tied. */
  embedding: number;
  nonEmbedding: number;
}

const size = (g: TensorGroup, count: number): number => g.rows * g.cols * count;

/**
 * @example
 * paramCount(describeModel(qwen25_32bConfig))
 * // { total: 32_763_876_352, active: 32_763_876_352, embedding: 1_557_135_360, nonEmbedding: 31_206_740_992 }
 */
export function paramCount(spec: ModelSpec): ParamCount {
  if (spec.manualParams) {
    const { total, active } = spec.manualParams;
    const embedding = spec.vocabSize > 0 && spec.hiddenSize > 0 ? spec.vocabSize * spec.hiddenSize * (spec.tiedEmbeddings ? 1 : 2) : 0;
    return { total, active, embedding: Math.min(embedding, total), nonEmbedding: total - Math.min(embedding, total) };
  }
  const groups = modelTensors(spec);
  const total = groups.reduce((sum, g) => sum + size(g, g.count), 0);
  const active = groups.reduce((sum, g) => sum + size(g, g.activeCount), 0);
  const embedding = groups.filter((g) => g.kind === 'embedding' || g.kind === 'lm_head').reduce((sum, g) => sum + size(g, g.count), 0);
  return { total, active, embedding, nonEmbedding: total - embedding };
}
