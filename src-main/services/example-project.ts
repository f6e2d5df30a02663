/**
 * The built-in example project, the seed's scenario: QwQ-32B for an internal chat service (BF16,
 * 16,000-token context, 10 concurrent users) plus an embedding model, priced on H20 and Ascend 910B.
 */
import { BUILTIN_CARD_SPECS } from '../../shared/catalog/card-specs.ts';
import { planWorkload } from '../../shared/plan/plan.ts';
import type { ChosenConfiguration, WorkloadInput } from '../../shared/project.ts';
import * as models from '../db/models.ts';
import type { ServiceContext } from './context.ts';
import { createProject, modelSpecOf } from './projects.ts';

export const EXAMPLE_CARDS = ['nvidia-h20-96gb', 'huawei-ascend-910b'];

/**
 * BAAI/bge-m3 (XLM-RoBERTa-large architecture, from its config.json): 24 layers, hidden 1024,
 * 16 heads of 64, FFN 4096, vocabulary 250,002, 8,192 positions; 568M parameters on its model card.
 */
export const BGE_M3 = {
  params: 568_000_000,
  layers: 24,
  heads: 16,
  kvHeads: 16,
  headDim: 64,
  hiddenSize: 1024,
  intermediateSize: 4096,
  vocabSize: 250_002,
  maxContextTokens: 8192,
};

export function createExampleProject(ctx: ServiceContext, language: 'zh-CN' | 'en' = 'zh-CN'): { id: string } {
  return ctx.db.transaction(() => createExample(ctx, language))();
}

function createExample(ctx: ServiceContext, language: 'zh-CN' | 'en'): { id: string } {
  const zh = language === 'zh-CN';
  const embedding = models.insertModel(ctx.db, { name: 'BAAI/bge-m3', kind: 'manual', body: BGE_M3, exactWeightBytes: null }, Date.now());
  const cards = BUILTIN_CARD_SPECS.filter((c) => EXAMPLE_CARDS.includes(c.id));
  const workloads: WorkloadInput[] = [
    { name: zh ? '内部聊天服务' : 'Internal chat service', model: { builtin: 'qwq-32b' }, workload: { weights: 'bf16', contextTokens: 16_000, concurrency: 10, engine: 'vllm' } },
    { name: zh ? '知识库向量化' : 'Knowledge-base embeddings', model: { stored: embedding }, workload: { weights: 'bf16', contextTokens: 8192, concurrency: 32, engine: 'vllm' } },
  ];
  for (const w of workloads) {
    const plan = planWorkload({ spec: modelSpecOf(ctx.db, w.model), workload: w.workload, cards });
    const best = plan.recommended === null ? null : plan.options[plan.recommended]!;
    w.chosen = best ? ({ card: best.card, tp: best.tp, pp: best.pp, replicas: best.replicas } satisfies ChosenConfiguration) : null;
  }
  return createProject(
    ctx,
    {
      name: zh ? '示例：QwQ-32B 内部聊天服务' : 'Example: QwQ-32B internal chat service',
      client: zh ? '示例客户' : 'Example client',
      notes: zh
        ? '种子文章的场景：QwQ-32B（BF16，16,000 Token 上下文，10 并发）加一个向量模型，在 H20 与昇腾 910B 上比较。'
        : "The seed article's scenario: QwQ-32B (BF16, 16,000-token context, 10 concurrent users) plus an embedding model, compared on H20 and Ascend 910B.",
      currency: 'CNY',
    },
    workloads,
  );
}
