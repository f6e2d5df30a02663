/**
 * The weight tensors of a model, grouped by shape: what the parameter count adds up and what the
 * weight-memory formulas quantize. A group is `count` tensors of `rows × cols` (a linear layer's
 * rows are its outputs, its columns its inputs); `activeCount` is how many a token uses (MoE).
 */
import type { ModelSpec } from './spec.ts';

export type TensorKind = 'embedding' | 'lm_head' | 'linear' | 'router' | 'norm' | 'bias';

export interface TensorGroup {
  /** Hugging Face-style module name, e.g. `self_attn.q_proj`, `mlp.experts.gate_proj`. */
  name: string;
  kind: TensorKind;
  rows: number;
  cols: number;
  count: number;
  activeCount: number;
}

const group = (name: string, kind: TensorKind, rows: number, cols: number, count: number, activeCount = count): TensorGroup => ({
  name,
  kind,
  rows,
  cols,
  count,
  activeCount,
});

/** A linear layer, with its bias as a separate group when it has one. */
function linear(name: string, out: number, inp: number, count: number, bias: boolean, activeCount = count): TensorGroup[] {
  const weight = group(name, 'linear', out, inp, count, activeCount);
  return bias ? [weight, group(`${name}.bias`, 'bias', out, 1, count, activeCount)] : [weight];
}

/** gate, up and down projections of a SwiGLU MLP of width `width`, `count` times. */
function mlp(prefix: string, hidden: number, width: number, count: number, bias: boolean, activeCount = count): TensorGroup[] {
  return [
    ...linear(`${prefix}.gate_proj`, width, hidden, count, bias, activeCount),
    ...linear(`${prefix}.up_proj`, width, hidden, count, bias, activeCount),
    ...linear(`${prefix}.down_proj`, hidden, width, count, bias, activeCount),
  ];
}

function attention(spec: ModelSpec): TensorGroup[] {
  const { layers: L, hiddenSize: h, heads, kvHeads, headDim } = spec;
  if (spec.mla) {
    // DeepSeek MLA: queries through an optional low-rank q_a/q_b pair; keys and values through a
    // shared latent (kv_lora_rank) plus a decoupled RoPE key (qk_rope_head_dim).
    const { kvLoraRank, qLoraRank, qkNopeHeadDim, qkRopeHeadDim, vHeadDim } = spec.mla;
    const qHead = qkNopeHeadDim + qkRopeHeadDim;
    const q =
      qLoraRank === null
        ? linear('self_attn.q_proj', heads * qHead, h, L, false)
        : [
            ...linear('self_attn.q_a_proj', qLoraRank, h, L, false),
            group('self_attn.q_a_layernorm', 'norm', qLoraRank, 1, L),
            ...linear('self_attn.q_b_proj', heads * qHead, qLoraRank, L, false),
          ];
    return [
      ...q,
      ...linear('self_attn.kv_a_proj_with_mqa', kvLoraRank + qkRopeHeadDim, h, L, false),
      group('self_attn.kv_a_layernorm', 'norm', kvLoraRank, 1, L),
      ...linear('self_attn.kv_b_proj', heads * (qkNopeHeadDim + vHeadDim), kvLoraRank, L, false),
      ...linear('self_attn.o_proj', h, heads * vHeadDim, L, spec.outputBias),
    ];
  }
  const groups = [
    ...linear('self_attn.q_proj', heads * headDim, h, L, spec.qkvBias),
    ...linear('self_attn.k_proj', kvHeads * headDim, h, L, spec.qkvBias),
    ...linear('self_attn.v_proj', kvHeads * headDim, h, L, spec.qkvBias),
    ...linear('self_attn.o_proj', h, heads * headDim, L, spec.outputBias),
  ];
  if (spec.qkNorm) groups.push(group('self_attn.q_norm', 'norm', headDim, 1, L), group('self_attn.k_norm', 'norm', headDim, 1, L));
  return groups;
}

function feedForward(spec: ModelSpec): TensorGroup[] {
  const { layers: L, hiddenSize: h } = spec;
  const moe = spec.moe;
  if (!moe) return mlp('mlp', h, spec.intermediateSize, L, spec.mlpBias);
  const moeLayers = L - moe.denseLayers;
  const groups: TensorGroup[] = [];
  if (moe.denseLayers > 0) groups.push(...mlp('mlp', h, spec.intermediateSize, moe.denseLayers, spec.mlpBias));
  groups.push(group('mlp.gate', 'router', moe.experts, h, moeLayers));
  if (moe.routerBias) groups.push(group('mlp.gate.e_score_correction_bias', 'bias', moe.experts, 1, moeLayers));
  groups.push(...mlp('mlp.experts', h, moe.expertIntermediateSize, moeLayers * moe.experts, false, moeLayers * moe.expertsPerToken));
  if (moe.sharedExperts > 0) groups.push(...mlp('mlp.shared_experts', h, moe.expertIntermediateSize * moe.sharedExperts, moeLayers, false));
  return groups;
}

/**
 * A BERT-family encoder (BERT, RoBERTa, XLM-RoBERTa), as transformers names it: word, position and
 * token-type embeddings with a LayerNorm; per layer q/k/v and output projections with biases, two
 * LayerNorms (weight and bias each), a GELU MLP (intermediate.dense, output.dense) with biases;
 * then a pooler or a classification head.
 * @example paramCount(bgeM3).total // 567_754_752 (llama.cpp prints "567.75 M")
 */
function encoderTensors(spec: ModelSpec): TensorGroup[] {
  const { hiddenSize: h, vocabSize: V, layers: L, intermediateSize: I } = spec;
  const e = spec.encoder!;
  const groups: TensorGroup[] = [group('embeddings.word_embeddings', 'embedding', V, h, 1), group('embeddings.position_embeddings', 'embedding', e.positionEmbeddings, h, 1)];
  if (e.typeVocabSize > 0) groups.push(group('embeddings.token_type_embeddings', 'embedding', e.typeVocabSize, h, 1));
  groups.push(group('embeddings.LayerNorm', 'norm', h, 2, 1));
  groups.push(
    ...linear('attention.self.query', h, h, L, true),
    ...linear('attention.self.key', h, h, L, true),
    ...linear('attention.self.value', h, h, L, true),
    ...linear('attention.output.dense', h, h, L, true),
    ...linear('intermediate.dense', I, h, L, true),
    ...linear('output.dense', h, I, L, true),
    group('layernorms', 'norm', h, 2, 2 * L),
  );
  if (e.pooler) groups.push(...linear('pooler.dense', h, h, 1, true));
  if (e.classifier?.style === 'roberta') groups.push(...linear('classifier.dense', h, h, 1, true), ...linear('classifier.out_proj', e.classifier.labels, h, 1, true));
  if (e.classifier?.style === 'bert') groups.push(...linear('classifier', e.classifier.labels, h, 1, true));
  return groups;
}

/**
 * Every weight tensor of `spec`, grouped. Embeddings and the LM head are `vocab × hidden`; a tied
 * LM head shares the embedding and adds nothing.
 */
export function modelTensors(spec: ModelSpec): TensorGroup[] {
  if (spec.encoder) return encoderTensors(spec);
  const { hiddenSize: h, vocabSize: V, layers: L } = spec;
  const groups: TensorGroup[] = [group('embed_tokens', 'embedding', V, h, 1)];
  groups.push(...attention(spec));
  groups.push(...feedForward(spec));
  groups.push(group('layernorms', 'norm', h, 1, L * spec.normsPerLayer));
  groups.push(group('norm', 'norm', h, 1, 1));
  if (!spec.tiedEmbeddings) groups.push(group('lm_head', 'lm_head', V, h, 1));
  return groups;
}
