/**
 * The built-in example project, the seed's scenario: QwQ-32B for an internal chat service (BF16,
 * 16,000-token context, 10 concurrent users, vLLM) plus the bge-m3 embedding model, priced on H20
 * and Ascend 910B.
 */
import { BUILTIN_CARD_SPECS } from '../../shared/catalog/card-specs.ts';
import { EXAMPLE_PROJECT_NAME } from '../../shared/example-project.ts';
import { planProject } from '../../shared/plan/project.ts';
import type { ChosenConfiguration, WorkloadInput } from '../../shared/project.ts';
import type { ServiceContext } from './context.ts';
import { createProject, modelSpecOf } from './projects.ts';

export const EXAMPLE_CARDS = ['nvidia-h20-96gb', 'huawei-ascend-910b'];

export function createExampleProject(ctx: ServiceContext, language: 'zh-CN' | 'en' = 'zh-CN'): { id: string } {
  return ctx.db.transaction(() => createExample(ctx, language))();
}

function createExample(ctx: ServiceContext, language: 'zh-CN' | 'en'): { id: string } {
  const zh = language === 'zh-CN';
  const cards = BUILTIN_CARD_SPECS.filter((c) => EXAMPLE_CARDS.includes(c.id));
  const workloads: WorkloadInput[] = [
    { name: zh ? '内部聊天服务' : 'Internal chat service', model: { builtin: 'qwq-32b' }, workload: { weights: 'bf16', contextTokens: 16_000, concurrency: 10, engine: 'vllm' } },
    // bge-m3 is an encoder (XLM-RoBERTa): batches of 32 documents of up to 8,192 tokens, in FP16 as
    // FlagEmbedding serves it (use_fp16), on transformers: no KV cache, and small enough to share a card.
    {
      name: zh ? '知识库向量化' : 'Knowledge-base embeddings',
      model: { builtin: 'bge-m3' },
      workload: { kind: 'embedding', weights: 'fp16', contextTokens: 8192, concurrency: 32, engine: 'transformers' },
    },
  ];
  // Chosen as "Plan the whole project" chooses: the cheapest bill of materials on shared servers,
  // so the encoder shares the chat model's H20 server rather than buying one of its own.
  const project = planProject(
    workloads.map((w) => ({ name: w.name, spec: modelSpecOf(ctx.db, w.model), workload: w.workload })),
    cards,
  );
  workloads.forEach((w, k) => {
    const i = project.chosen[k];
    const best = i === null || i === undefined ? null : project.plans[k]!.options[i]!;
    w.chosen = best ? ({ card: best.card, tp: best.tp, pp: best.pp, replicas: best.replicas } satisfies ChosenConfiguration) : null;
  });
  return createProject(
    ctx,
    {
      name: EXAMPLE_PROJECT_NAME[language],
      client: zh ? '示例客户' : 'Example client',
      notes: zh
        ? '种子文章的场景：QwQ-32B（BF16，16,000 Token 上下文，10 并发）加一个向量模型，在 H20 与昇腾 910B 上比较。'
        : "The seed article's scenario: QwQ-32B (BF16, 16,000-token context, 10 concurrent users) plus an embedding model, compared on H20 and Ascend 910B.",
      currency: 'CNY',
    },
    workloads,
  );
}
