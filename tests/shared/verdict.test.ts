/**
 * One fit rule everywhere (shared/memory/verdict.ts): the figure beside a verdict is the figure it
 * was made on. Golden values are hand calculations written out below.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_SPECS, type CardSpec } from '../../shared/catalog/card-specs.ts';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { prepareSizing, sizeWorkload, verdictOnCard, type Workload } from '../../shared/memory/size.ts';
import { verdictFigure, verdictLabel, verdictSentence } from '../../shared/memory/verdict-text.ts';
import { planWorkload } from '../../shared/plan/plan.ts';

const qwq = builtinModel('qwq-32b');
const card = (id: string): CardSpec => BUILTIN_CARD_SPECS.find((c) => c.id === id)!;

describe('vLLM: the verdict is on the tokens its KV pool holds', () => {
  // QwQ-32B BF16 on Ascend 910B (60.70 GiB usable = 65,176,128,717 B), TP 2, vLLM 0.19 at 0.90:
  //   vLLM allocates ⌊0.9 × 65,176,128,717⌋ = 58,658,515,845 B per card
  //   − weights 65,527,752,704 / 2 = 32,763,876,352
  //   − activation peak 0.182 GiB + 152,064 × 14,400 B = 2,385,142,612
  //   − non-torch memory at TP > 1, 2.1 GiB = 2,254,857,830
  //   = 21,254,639,051 B of KV pool; at 64 layers × 2 × 4 KV heads × 128 × 2 B = 131,072 B per token
  //   that is 162,160 tokens in whole 16-token blocks.
  // Requested: 10 users × 16,000 tokens = 160,000 (1,000 blocks each); with 20% headroom 192,000.
  const workload: Workload = { contextTokens: 16_000, concurrency: 10, engine: 'vllm' };
  const sized = sizeWorkload(qwq, workload, { card: cardMemory('huawei-ascend-910b'), tp: 2, pp: 1 });
  const v = sized.perCard!.verdict;

  it('is "tight", not "fits": the 160,000 tokens fit, the 20% headroom does not', () => {
    expect(v).toMatchObject({ basis: 'kv-pool', status: 'tight', engineBytes: 58_658_515_845, poolBytes: 21_254_639_051, poolTokens: 162_160, requestedTokens: 160_000, requestedWithBufferTokens: 192_000 });
    expect(sized.perCard!.fits).toBe(false);
    if (v.basis === 'kv-pool') expect(v.engineConcurrency).toBe(10.14); // 162,160 / 16,000 = 10.135: vLLM prints "10.14x"
  });

  it('says so in one sentence with that figure, in English and Chinese, and no contradicting warning', () => {
    expect(verdictSentence(v, 'en')).toBe(
      'tight (inside the safety margin): vLLM allocates 0.90 × 60.70 GiB = 54.63 GiB per card; its KV pool (19.79 GiB) holds 162,160 tokens: the 160,000 requested (10 × 16,000) fit, but not with the 20% headroom (192,000)',
    );
    expect(verdictSentence(v, 'zh-CN')).toBe(
      '紧张（仅在安全冗余内）：vLLM 每卡分配 0.90 × 60.70 GiB = 54.63 GiB；KV 池（19.79 GiB）可容纳 162,160 个 Token，放得下请求的 160,000 个 Token（10 × 16,000），但留不出 20% 余量（192,000）',
    );
    expect(verdictFigure(v, 'en')).toBe('pool 162,160 / 160,000 tokens');
    expect(sized.warnings.filter((w) => /GiB per card/.test(w))).toEqual([]);
  });

  it('counts users as whole, with the same headroom: ⌊162,160 ÷ (16,000 × 1.2)⌋ = 8', () => {
    expect(sized.perCard!.maxConcurrency).toBe(8);
    // ⌊162,160 ÷ (10 × 1.2) ÷ 16⌋ × 16 = 13,504 tokens each for the 10 users.
    expect(sized.perCard!.maxContextTokens).toBe(13_504);
  });

  it('the planner agrees: the 2-card TP 2 option on 910B is shown as tight and never recommended', () => {
    // Memory alone (no speed floor): all 10 users on one TP 2 replica.
    const plan = planWorkload({ spec: qwq, workload: { ...workload, minTokensPerSecondPerUser: 0 }, cards: [card('huawei-ascend-910b'), card('nvidia-h20-96gb')] });
    const tp2 = plan.options.find((o) => o.card === 'huawei-ascend-910b' && o.tp === 2 && o.pp === 1)!;
    expect(tp2).toMatchObject({ status: 'tight', fits: false, cards: 2, maxConcurrency: 8, engineConcurrency: tp2.engineConcurrency });
    expect(plan.options[plan.recommended!]!.status).toBe('fits');
  });

  it('when latency splits the users over replicas, the verdict is for the users of one replica', () => {
    // A TPOT target of 60 ms: 10 users on one 910B TP 2 replica miss it, 5 per replica meet it.
    const plan = planWorkload({ spec: qwq, workload: { ...workload, tpotTargetMs: 60 }, cards: [card('huawei-ascend-910b')] });
    const tp2 = plan.options.find((o) => o.tp === 2 && o.pp === 1)!;
    expect(tp2.replicas).toBeGreaterThan(1);
    expect(tp2.batchPerReplica).toBe(Math.ceil(10 / tp2.replicas));
    expect(tp2.tpotMs!).toBeLessThanOrEqual(60);
    const one = sizeWorkload(qwq, { ...workload, concurrency: tp2.batchPerReplica }, { card: cardMemory('huawei-ascend-910b'), tp: 2, pp: 1 });
    expect(tp2.verdict).toEqual(one.perCard!.verdict);
    expect(tp2.status).toBe('fits');
  });

  it('a pool too small for the request does not fit; no pool at all says why', () => {
    const many = sizeWorkload(qwq, { ...workload, concurrency: 11 }, { card: cardMemory('huawei-ascend-910b'), tp: 2, pp: 1 });
    expect(many.perCard!.verdict.status).toBe('no'); // 176,000 > 162,160
    const one = sizeWorkload(qwq, { contextTokens: 4096, engine: 'vllm' }, { card: cardMemory('huawei-ascend-910b'), tp: 1, pp: 1 });
    // TP 1: weights 61.03 GiB + activation peak 2.22 GiB + non-torch 0.25 GiB = 63.50 GiB > 54.63 GiB.
    expect(verdictSentence(one.perCard!.verdict, 'en')).toBe('does not fit: vLLM allocates 0.90 × 60.70 GiB = 54.63 GiB per card, and weights and the rest take 63.50 GiB of it: no room for a KV cache');
  });
});

describe('engines that allocate on demand: the verdict is on memory per card', () => {
  it('QwQ-32B FP16 on 4 × RTX 4090 (TP 4), 16,000 tokens, 1 user: 19.82 GiB fits, 23.79 GiB with the buffer does not: tight', () => {
    // Per card: weights 65,527,752,704 / 4 = 16,381,938,176; KV 4,194,304,000 / 4 = 1,048,576,000;
    // activations 16,000 × (3 × 27,648 / 4 + 4 × 5,120) × 2 B + 152,064 × 4 B = 1,319,520,256;
    // CUDA context 0.51 GiB + TP buffers 1.85 GiB = 2,534,030,704 → need 21,284,065,136 B (19.82 GiB);
    // × 1.2 = 25,540,878,164 B (23.79 GiB) against 23.76 GiB usable (24 × 79.19/80).
    const r = sizeWorkload(qwq, { contextTokens: 16_000, weights: 'fp16' }, { card: cardMemory('nvidia-rtx-4090'), tp: 4, pp: 1 });
    expect(r.perCard!.verdict).toMatchObject({ basis: 'memory', status: 'tight', needBytes: 21_284_065_136, needWithBufferBytes: 25_540_878_164 });
    expect(verdictSentence(r.perCard!.verdict, 'en')).toBe('tight (inside the safety margin): 19.82 GiB per card fits only without the 20% safety buffer (23.79 GiB with it), 23.76 GiB usable');
    expect(verdictFigure(r.perCard!.verdict, 'en')).toBe('23.79 / 23.76 GiB');
  });

  it('three badges, three words', () => {
    expect(['fits', 'tight', 'no'].map((s) => verdictLabel(s as 'fits', 'en'))).toEqual(['fits', 'tight (inside the safety margin)', 'does not fit']);
    expect(['fits', 'tight', 'no'].map((s) => verdictLabel(s as 'fits', 'zh-CN'))).toEqual(['可部署', '紧张（仅在安全冗余内）', '放不下']);
  });
});

describe('max users and max context are the edge of "fits", by the same rule', () => {
  const cases: [string, string, Workload, string, number][] = [
    ['qwq-32b', 'transformers', { contextTokens: 8000, concurrency: 2, engine: 'transformers' }, 'nvidia-h20-96gb', 1],
    ['qwq-32b', 'generic', { contextTokens: 8000, concurrency: 2, engine: 'generic' }, 'nvidia-h100-sxm5-80gb', 2],
    ['qwq-32b', 'vllm', { contextTokens: 16_000, concurrency: 10, engine: 'vllm' }, 'nvidia-h20-96gb', 2],
    ['llama-3.1-8b', 'sglang', { contextTokens: 32_000, concurrency: 4, engine: 'sglang' }, 'nvidia-a100-sxm4-40gb', 1],
    ['bge-m3', 'embedding', { contextTokens: 4096, concurrency: 16, kind: 'embedding', weights: 'fp16' }, 'nvidia-rtx-4090', 1],
  ];
  it.each(cases)('%s on %s', (model, _engine, w, cardId, tp) => {
    const spec = builtinModel(model);
    const cap = cardMemory(cardId);
    const status = (x: Workload) => verdictOnCard(prepareSizing(spec, x), tp, 1, cap.usableBytes).status;
    const r = sizeWorkload(spec, w, { card: cap, tp, pp: 1 }).perCard!;
    expect(r.maxConcurrency).toBeGreaterThan(0);
    expect(status({ ...w, concurrency: r.maxConcurrency })).toBe('fits');
    expect(status({ ...w, concurrency: r.maxConcurrency + 1 })).not.toBe('fits');
    if (r.maxContextLimitedBy === 'memory') {
      expect(status({ ...w, contextTokens: r.maxContextTokens })).toBe('fits');
      const step = w.engine === 'vllm' ? 16 : 1;
      expect(status({ ...w, contextTokens: r.maxContextTokens + step, forceContext: true })).not.toBe('fits');
    }
  });
});
