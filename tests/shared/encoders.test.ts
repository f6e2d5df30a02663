/**
 * Embedding and reranker workloads: encoders (BERT, XLM-RoBERTa) and decoders used for vectors
 * or scores. Golden values from outside the code where they exist (published exact counts), hand
 * calculations otherwise.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_SPECS, type CardSpec } from '../../shared/catalog/card-specs.ts';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { paramCount } from '../../shared/model/params.ts';
import { sizeWorkload } from '../../shared/memory/size.ts';
import { billOfMaterials } from '../../shared/plan/bom.ts';
import { planWorkload } from '../../shared/plan/plan.ts';
import { BYTES_PER_GIB } from '../../shared/units.ts';

const card = (id: string): CardSpec => BUILTIN_CARD_SPECS.find((c) => c.id === id)!;
const bge = builtinModel('bge-m3');

describe('encoder parameter counts, to the parameter', () => {
  it.each([
    // llama.cpp's print_info for BAAI/bge-m3: "model params = 567.75 M" (xorbitsai/inference#5001);
    // the count below is the XLMRobertaModel with its pooler: 250,002 × 1,024 word + 8,194 × 1,024
    // position + 1 × 1,024 token-type embeddings + LayerNorm 2,048, 24 layers of 12,596,224, pooler 1,049,600.
    ['bge-m3', 567_754_752],
    // A public test asserts parameter_count 567755777 for XLMRobertaForSequenceClassification with
    // this config: the same body without the pooler, plus a 1,024 → 1,024 → 1 head (1,050,625).
    ['bge-reranker-v2-m3', 567_755_777],
    // keras-hub's preset metadata for qwen3_embedding_0.6b_en: 595,776,512 (a Qwen3 decoder, tied embeddings).
    ['qwen3-embedding-0.6b', 595_776_512],
  ])('%s: %i', (id, exact) => {
    expect(paramCount(builtinModel(id)).total).toBe(exact);
  });

  it('BERT models (bge-large-zh-v1.5) count two token types and a pooler: 325,522,432', () => {
    // 21,128 × 1,024 + 512 × 1,024 + 2 × 1,024 + 2,048 = 22,163,456; + 24 × 12,596,224 + 1,049,600.
    expect(paramCount(builtinModel('bge-large-zh-v1.5')).total).toBe(22_163_456 + 24 * 12_596_224 + 1_049_600);
  });
});

describe('what an encoder is', () => {
  it('bge-m3 takes 8,192 tokens: 8,194 positions less the 2 RoBERTa reserves (padding_idx 1 + 1); BERT models take 512', () => {
    expect(bge.maxContextTokens).toBe(8192);
    expect(builtinModel('bge-large-zh-v1.5').maxContextTokens).toBe(512);
    expect(() => sizeWorkload(bge, { contextTokens: 8193 })).toThrow("sizeWorkload: contextTokens 8193 is above the model's limit of 8192 (max_position_embeddings); force it to size anyway");
  });

  it('is an embedding or reranker model by its architecture, and cannot generate', () => {
    expect(bge.defaultKind).toBe('embedding');
    expect(builtinModel('bge-reranker-v2-m3').defaultKind).toBe('reranker');
    expect(builtinModel('qwen3-embedding-0.6b').defaultKind).toBe('embedding'); // a decoder, published for embeddings
    expect(builtinModel('qwq-32b').defaultKind).toBe('generation');
    expect(() => sizeWorkload(bge, { kind: 'generation' })).toThrow('sizeWorkload: BAAI/bge-m3 is an encoder (xlm-roberta): it cannot generate text; its workload kind is embedding or reranker');
    expect(() => sizeWorkload(bge, { mode: 'train-full' })).toThrow('sizeWorkload: training an encoder (xlm-roberta) is not modelled; size it for inference');
  });
});

describe('sizing bge-m3 for embeddings: no KV cache, activations from batch × sequence', () => {
  // FP16, batches of 32 documents of 8,192 tokens on one H20:
  //   weights 567,754,752 × 2 B = 1,135,509,504
  //   KV cache 0 (an encoder keeps none)
  //   activations 32 × 8,192 × (2 × 1,024 + 2 × 4,096) × 2 B = 5,368,709,120
  //   CUDA context 0.51 GiB = 547,608,330 + PyTorch's cuBLAS workspace 32 MiB = 33,554,432
  //   need 7,085,381,386; + 20% buffer 1,417,076,278 = 8,502,457,664 B (7.92 GiB)
  const r = sizeWorkload(bge, { kind: 'embedding', weights: 'fp16', contextTokens: 8192, concurrency: 32, engine: 'transformers' }, { card: cardMemory('nvidia-h20-96gb'), tp: 1, pp: 1 });

  it('adds up term by term', () => {
    expect(r.kind).toBe('embedding');
    expect(r.perCard!.bytes).toMatchObject({ weights: 1_135_509_504, kvCache: 0, activations: 5_368_709_120, overhead: 581_162_762, buffer: 1_417_076_278, total: 8_502_457_664 });
    expect(r.breakdown.find((t) => t.term === 'kv-cache')!.formula).toBe('none: an encoder keeps no KV cache (one forward pass per batch)');
    expect(r.perCard!.verdict).toMatchObject({ basis: 'memory', status: 'fits', needWithBufferBytes: 8_502_457_664 });
  });

  it('grows with the batch: the largest batch of 8,192-token documents that fits an H20 is 496', () => {
    // (95.03 GiB ÷ 1.2 − 1,135,509,504 − 581,162,762) ÷ (8,192 × 10,240 × 2 B) = 83,312,942,776 ÷ 167,772,160 = 496.6
    const usable = cardMemory('nvidia-h20-96gb').usableBytes;
    expect(r.perCard!.maxConcurrency).toBe(Math.floor((Math.floor(usable / 1.2) - 1_135_509_504 - 581_162_762) / (8192 * 10_240 * 2)));
    expect(r.perCard!.maxConcurrency).toBe(496);
    expect([r.perCard!.maxContextTokens, r.perCard!.maxContextLimitedBy]).toEqual([8192, 'model']);
  });
});

describe('planning bge-m3', () => {
  const plan = planWorkload({ spec: bge, workload: { kind: 'embedding', weights: 'fp16', contextTokens: 8192, concurrency: 32, engine: 'transformers' }, cards: [card('nvidia-h20-96gb'), card('nvidia-rtx-4090')] });

  it('one card per replica, no tensor parallelism, and input tokens/s rather than output tokens', () => {
    expect(plan.kind).toBe('embedding');
    expect(plan.options.every((o) => o.tp === 1 && o.pp === 1)).toBe(true);
    const h20 = plan.options.find((o) => o.card === 'nvidia-h20-96gb')!;
    expect(h20.decodeTokensPerSecond).toBeNull();
    // 148 TFLOPS × 50% ÷ (2 × 303,361,024 non-embedding parameters + 4 × 24 × 1,024 × 8,192 attention) = 52,407 tokens/s
    expect(h20.inputTokensPerSecond!).toBeCloseTo((148e12 * 0.5) / (2 * 303_361_024 + 4 * 24 * 1024 * 8192), 6);
    expect(plan.speedFloorTokensPerSecondPerUser).toBeNull();
  });
});

describe('small models share a card in the bill of materials', () => {
  const h20 = card('nvidia-h20-96gb');
  const chat = planWorkload({ spec: builtinModel('qwq-32b'), workload: { contextTokens: 16_000, concurrency: 10, engine: 'vllm' }, cards: [h20] }).options.find((o) => o.tp === 2 && o.pp === 1)!;
  const embed = planWorkload({ spec: bge, workload: { kind: 'embedding', weights: 'fp16', contextTokens: 8192, concurrency: 32 }, cards: [h20] }).options[0]!;
  const rerank = planWorkload({ spec: builtinModel('bge-reranker-v2-m3'), workload: { weights: 'fp16', contextTokens: 1024, concurrency: 16 }, cards: [h20] }).options[0]!;

  it('bge-m3 (7.92 GiB) goes into the 8.99 GiB vLLM leaves free on a chat card (0.1 × 95.03 − 0.51 CUDA context)', () => {
    const bom = billOfMaterials([
      { workload: 'chat', card: h20, tp: 2, pp: 1, replicas: 1, decodeTokensPerSecond: null, verdict: chat.verdict },
      { workload: 'embeddings', card: h20, tp: 1, pp: 1, replicas: 1, decodeTokensPerSecond: null, verdict: embed.verdict },
    ]);
    expect(bom.lines[0]).toMatchObject({ cards: 2, servers: 1 });
    expect(bom.lines[0]!.sharedCards).toHaveLength(1);
    expect(bom.lines[0]!.sharedCards[0]!.workloads).toEqual(['chat', 'embeddings']);
    expect(bom.lines[0]!.sharedCards[0]!.usedBytes / BYTES_PER_GIB).toBeCloseTo(0.9 * 95.03 + 0.51 + 7.92, 1);
  });

  it('an embedding model and a reranker share one card of their own', () => {
    const bom = billOfMaterials([
      { workload: 'embeddings', card: h20, tp: 1, pp: 1, replicas: 1, decodeTokensPerSecond: null, verdict: embed.verdict },
      { workload: 'rerank', card: h20, tp: 1, pp: 1, replicas: 1, decodeTokensPerSecond: null, verdict: rerank.verdict },
    ]);
    expect(bom.lines[0]).toMatchObject({ cards: 1, servers: 1 });
  });

  it('two vLLM chat replicas never share: each takes 90% of its card', () => {
    const one = planWorkload({ spec: builtinModel('qwen2.5-7b-instruct'), workload: { contextTokens: 4096, engine: 'vllm' }, cards: [h20] }).options[0]!;
    const bom = billOfMaterials([{ workload: 'chat 7B', card: h20, tp: 1, pp: 1, replicas: 2, decodeTokensPerSecond: null, verdict: one.verdict }]);
    expect(bom.lines[0]!.cards).toBe(2);
    expect(bom.lines[0]!.sharedCards).toEqual([]);
  });
});
