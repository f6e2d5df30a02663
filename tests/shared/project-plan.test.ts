import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_SPECS } from '../../shared/catalog/card-specs.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { DEFAULT_ASSUMPTIONS } from '../../shared/plan/assumptions.ts';
import { planProject } from '../../shared/plan/project.ts';
import { targetTokensPerSecond } from '../../shared/plan/target.ts';

const cards = BUILTIN_CARD_SPECS.filter((c) => ['nvidia-h20-96gb', 'nvidia-rtx-4090'].includes(c.id));
const project = [
  { name: 'chat 72B', spec: builtinModel('qwen2.5-72b-instruct'), workload: { contextTokens: 8192, concurrency: 4 } },
  { name: 'assistant 7B', spec: builtinModel('qwen2.5-7b-instruct'), workload: { contextTokens: 4096 } },
  { name: 'router 8B', spec: builtinModel('llama-3.1-8b'), workload: { contextTokens: 4096 } },
];

describe('planning a project', () => {
  it('packs its workloads onto shared servers in one bill of materials', () => {
    const plan = planProject(project, cards);
    const chosen = plan.chosen.map((i, k) => plan.plans[k]!.options[i!]!);
    expect(chosen.map((o) => [o.card, o.cards])).toEqual([
      ['nvidia-rtx-4090', 12],
      ['nvidia-rtx-4090', 1],
      ['nvidia-rtx-4090', 1],
    ]);
    // 14 cards in ⌈14 / 8⌉ = 2 PCIe servers at the RTX 4090's mid price (18,000–22,559 CNY → 20,279.5):
    // 14 × 20,279.5 + 2 × 80,000 = 443,913 CNY, where each workload on its own servers (4) would
    // cost 14 × 20,279.5 + 4 × 80,000 = 603,913 CNY.
    expect(plan.bom!.lines).toEqual([expect.objectContaining({ card: 'nvidia-rtx-4090', cards: 14, servers: 2 })]);
    expect(plan.bom!.capex).toBeCloseTo(443_913, 6);
    expect(chosen.reduce((sum, o) => sum + o.capex!, 0)).toBeCloseTo(603_913, 6);
  });

  it('says when a workload fits nowhere', () => {
    // DeepSeek-V3 (about 680 GB in FP8) on at most 8 RTX 4090s (one server, no pipeline stages).
    const onePerServer = { ...DEFAULT_ASSUMPTIONS, maxPipelineParallel: 1 };
    const plan = planProject([{ name: 'V3', spec: builtinModel('deepseek-v3'), workload: { contextTokens: 4096 } }], cards.filter((c) => c.id === 'nvidia-rtx-4090'), onePerServer);
    expect(plan.strategy).toBe('none');
    expect(plan.bom).toBeNull();
  });
});

describe('throughput targets', () => {
  it('turns users or requests into output tokens per second', () => {
    expect(targetTokensPerSecond({ tokensPerSecond: 1500 })).toBe(1500);
    expect(targetTokensPerSecond({ concurrentUsers: 100, tokensPerSecondEach: 20 })).toBe(2000);
    expect(targetTokensPerSecond({ requestsPerSecond: 5, outputTokens: 512 })).toBe(2560);
    expect(() => targetTokensPerSecond({ requestsPerSecond: 0, outputTokens: 512 })).toThrow('targetTokensPerSecond: requestsPerSecond must be a positive number (got 0)');
  });
});
