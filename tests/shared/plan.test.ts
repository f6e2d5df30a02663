import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_SPECS, type CardSpec } from '../../shared/catalog/card-specs.ts';
import { cardMemory } from '../../shared/catalog/card-memory.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { kvBytesOnCard, prepareSizing, sizeWorkload } from '../../shared/memory/size.ts';
import { DEFAULT_ASSUMPTIONS } from '../../shared/plan/assumptions.ts';
import { billOfMaterials } from '../../shared/plan/bom.ts';
import { evaluateCandidate, formatForCard, planWorkload, validTensorParallel, type PlanOption } from '../../shared/plan/plan.ts';
import { atPricePoint } from '../../shared/plan/price-point.ts';
import { BYTES_PER_GIB } from '../../shared/units.ts';

const card = (id: string): CardSpec => BUILTIN_CARD_SPECS.find((c) => c.id === id)!;
const qwq = builtinModel('qwq-32b');

describe('splitting rules', () => {
  it('QwQ-32B (40 heads, 8 KV heads): TP 3 and TP 16 are refused, TP 8 holds one KV head per card', () => {
    expect(validTensorParallel(qwq, 16)).toEqual([1, 2, 4, 8]);
    const h100 = cardMemory('nvidia-h100-sxm5-80gb');
    expect(() => sizeWorkload(qwq, { contextTokens: 4096 }, { card: h100, tp: 3, pp: 1 })).toThrow('tp 3 must divide the 40 attention heads');
    expect(() => sizeWorkload(qwq, { contextTokens: 4096 }, { card: h100, tp: 16, pp: 1 })).toThrow('tp 16 must divide the 40 attention heads');
    const p = prepareSizing(qwq, { contextTokens: 4096 });
    expect(kvBytesOnCard(p, 8, 1)).toBe(kvBytesOnCard(p, 1, 1) / 8); // 1 of 8 KV heads
  });

  it('Qwen3-30B-A3B (32 heads, 4 KV heads) at TP 8: each KV head on two cards, so a card holds a quarter of the KV cache, not an eighth', () => {
    const moe = builtinModel('qwen3-30b-a3b');
    expect([moe.heads, moe.kvHeads]).toEqual([32, 4]);
    expect(validTensorParallel(moe, 8)).toEqual([1, 2, 4, 8]);
    const p = prepareSizing(moe, { contextTokens: 4096 });
    expect(kvBytesOnCard(p, 8, 1)).toBe(kvBytesOnCard(p, 1, 1) / 4);
    expect(sizeWorkload(moe, { contextTokens: 4096 }, { card: cardMemory('nvidia-h20-96gb'), tp: 8, pp: 1 }).warnings).toContain(
      'tp 8 exceeds the 4 KV heads: each rank keeps a replica of one KV head (as vLLM does)',
    );
  });

  it("the planner's fast path gives the same per-card bytes as sizeWorkload", () => {
    const models = ['qwq-32b', 'deepseek-v2-lite', 'qwen3-30b-a3b', 'gemma-2-9b'];
    const h100 = cardMemory('nvidia-h100-sxm5-80gb');
    for (const id of models) {
      for (const engine of ['generic', 'vllm', 'transformers'] as const) {
        const spec = builtinModel(id);
        const w = { contextTokens: 4096, concurrency: 3, engine };
        const p = prepareSizing(spec, w);
        for (const tp of validTensorParallel(spec, 8)) {
          for (const pp of [1, 2, 3]) {
            const sized = sizeWorkload(spec, w, { card: h100, tp, pp });
            expect(evaluateCandidate(p, tp, pp, h100.usableBytes).total, `${id} ${engine} tp${tp} pp${pp}`).toBe(sized.perCard!.bytes.total);
          }
        }
      }
    }
  });
});

describe("the seed's scenario (a 32B model, FP16, 16,000 tokens, one user) on four cards", () => {
  const cards = ['nvidia-h20-96gb', 'huawei-ascend-910b', 'nvidia-rtx-4090', 'nvidia-a100-sxm4-40gb'].map(card);
  const plan = planWorkload({ spec: qwq, workload: { contextTokens: 16_000, weights: 'fp16' }, cards });
  const fewest = (id: string): PlanOption => plan.options.filter((o) => o.card === id && o.fits).sort((a, b) => a.cards - b.cards || a.tp - b.tp)[0]!;

  // Per card at TP1 (hand calculation): weights 65,527,752,704 B (61.03 GiB) + KV 4,194,304,000 B
  // (3.91 GiB) + prefill activations 16,000 × (3 × 27,648 + 4 × 5,120) × 2 B + 152,064 × 4 B
  // (3.08 GiB) + CUDA context 0.51 GiB = 68.53 GiB, × 1.2 buffer = 82.23 GiB.
  it('fits one H20 (95.03 GiB usable of 96): 82.23 GiB', () => {
    const o = fewest('nvidia-h20-96gb');
    expect([o.cards, o.tp, o.pp]).toEqual([1, 1, 1]);
    expect(o.perCardBytes / BYTES_PER_GIB).toBeCloseTo(82.23, 2);
  });

  it('needs 2 Ascend 910B (60.7 GiB usable), 3 A100-40GB (39.5 GiB) and 5 RTX 4090 (23.76 GiB)', () => {
    // Halving the layers halves the weights and KV (82.23 → 43.27 GiB per card at PP 2); a
    // third of the layers is 31.64 GiB; a fifth 21.17 GiB. TP 4 on 4090s needs 23.79 GiB: 0.03 short.
    expect(fewest('huawei-ascend-910b').cards).toBe(2);
    expect(fewest('nvidia-a100-sxm4-40gb').cards).toBe(3);
    expect(fewest('nvidia-rtx-4090').cards).toBe(5);
  });

  it('prices capex at the middle of each card\'s public price range, and gives the range: cards × price + servers × chassis, in CNY at 7.1 per USD', () => {
    const chassisSxm = 32_010 * 7.1; // SemiAnalysis DGX H100 non-GPU bill of materials
    // H20: US$12,000–15,000 (Reuters 2024-02) → 13,500 in the middle.
    const h20 = fewest('nvidia-h20-96gb');
    expect(h20.capex).toBeCloseTo(13_500 * 7.1 + chassisSxm, 6);
    expect(h20.costRange!.capex[0]).toBeCloseTo(12_000 * 7.1 + chassisSxm, 6);
    expect(h20.costRange!.capex[1]).toBeCloseTo(15_000 * 7.1 + chassisSxm, 6);
    // Ascend 910B: 70,000–120,000 CNY → 95,000.
    const ascend = fewest('huawei-ascend-910b');
    expect(ascend.capex).toBeCloseTo(2 * 95_000 + chassisSxm, 6);
    expect(ascend.costRange!.capex).toEqual([2 * 70_000 + chassisSxm, 2 * 120_000 + chassisSxm]);
    // A100 40GB SXM4: US$12,500–15,000 list prices (The Next Platform) → 13,750.
    expect(fewest('nvidia-a100-sxm4-40gb').capex).toBeCloseTo(3 * 13_750 * 7.1 + chassisSxm, 6);
    // RTX 4090: 18,000–22,559 CNY (China street, 2025) → 20,279.5, in a PCIe server (assumed 80,000 CNY).
    expect(fewest('nvidia-rtx-4090').capex).toBeCloseTo(5 * 20_279.5 + 80_000, 6);
  });

  it('at the low or high end of the ranges when the project says so', () => {
    const low = planWorkload({ spec: qwq, workload: { contextTokens: 16_000, weights: 'fp16' }, cards: atPricePoint(cards, 'low') });
    const o = low.options.find((x) => x.card === 'huawei-ascend-910b' && x.fits)!;
    expect(o.capex).toBeCloseTo(o.cards * 70_000 + 32_010 * 7.1, 6);
  });

  it('power, TCO and cost per million tokens follow their formulas (H20 × 1)', () => {
    const o = fewest('nvidia-h20-96gb');
    const power = ((400 * 1 * 1.3 * 8760) / 1000) * 0.088 * 7.1; // TDP × cards × PUE × hours, at US$0.088/kWh
    expect(o.powerPerYear).toBeCloseTo(power, 6);
    expect(o.tcoPerYear).toBeCloseTo(o.capex! / 3 + power, 6);
    expect(o.costPerMillionTokens).toBeCloseTo((o.tcoPerYear! / (o.decodeTokensPerSecond! * 3600 * 8760)) * 1e6, 6);
  });

  it('the 910B is priced and powered on both sides of the comparison: capex, TCO and cost per 1M tokens', () => {
    const o = fewest('huawei-ascend-910b');
    // 400 W (reported: Huawei's Ascend pages via HAMi/AscendHub) × 2 cards × PUE 1.3 × 8,760 h × US$0.088/kWh.
    expect(o.powerPerYear).toBeCloseTo(((400 * 2 * 1.3 * 8760) / 1000) * 0.088 * 7.1, 6);
    expect(o.tcoPerYear).toBeCloseTo(o.capex! / 3 + o.powerPerYear!, 6);
    expect(o.costPerMillionTokens).not.toBeNull();
    expect(o.unknown).toEqual([]);
  });

  it('a figure still unknown says what it blocks and where to fill it in', () => {
    const noTdp = { ...card('huawei-ascend-910c'), tdpWatts: null };
    const o = planWorkload({ spec: qwq, workload: { contextTokens: 16_000, weights: 'fp16' }, cards: [noTdp] }).options[0]!;
    expect([o.powerPerYear, o.tcoPerYear, o.costPerMillionTokens]).toEqual([null, null, null]);
    expect(o.unknown).toEqual(['tdp']);
    expect(o.warnings).toContain('Power, TCO and cost per 1M tokens unknown: no TDP for Ascend 910C (huawei-ascend-910c) — enter it in the card catalog');
  });

  it('recommends the cheapest option that fits and gives each user the default 10 tokens/s, and marks a Pareto front no option dominates', () => {
    const rec = plan.options[plan.recommended!]!;
    expect(plan.speedFloorTokensPerSecondPerUser).toBe(10);
    expect(rec.fits).toBe(true);
    expect(rec.tokensPerSecondPerUser!).toBeGreaterThanOrEqual(10);
    for (const o of plan.options) if (o.fits && o.capex !== null && o.meetsFloor) expect(rec.capex!).toBeLessThanOrEqual(o.capex);
    // Five pipeline stages of RTX 4090s are the cheapest fit (144,995 CNY). One user's token
    // streams the 65.5 GB of weights through the five stages one after another at 1,008 GB/s ×
    // 0.856 (the L40S's measured GEMM fraction, same Ada kernels): 75.9 ms, + 6 ms of KV reads,
    // + vLLM-like 1.7 ms per step ≈ 83 ms, 12 tokens/s: above the default floor of 10.
    const five = fewest('nvidia-rtx-4090');
    expect(five.cards).toBe(5);
    expect(five.tpotMs!).toBeGreaterThan(65.5e9 / (1008e9 * 0.856) * 1000);
    expect(five.tpotMs!).toBeLessThan(90);
    expect(rec).toBe(five);
    // At 15 tokens/s (66.7 ms per token) it misses, more replicas cannot help one user, and it is not recommended.
    const faster = planWorkload({ spec: qwq, workload: { contextTokens: 16_000, weights: 'fp16', minTokensPerSecondPerUser: 15 }, cards });
    const five15 = faster.options.find((o) => o.card === 'nvidia-rtx-4090' && o.pp === 5)!;
    expect([five15.meetsFloor, five15.meetsLatency, five15.replicas]).toEqual([false, false, 1]);
    expect(five15.latencyMiss!.tpot!).toBeCloseTo(five15.tpotMs! / (1000 / 15), 6);
    const rec15 = faster.options[faster.recommended!]!;
    expect(rec15.tokensPerSecondPerUser!).toBeGreaterThanOrEqual(15);
    expect(rec15.capex!).toBeGreaterThan(five.capex!);
    for (const i of plan.pareto) {
      const o = plan.options[i]!;
      const dominated = plan.options.some((x) => x.fits && x.capex !== null && x.decodeTokensPerSecond !== null && x.capex < o.capex! && x.decodeTokensPerSecond > o.decodeTokensPerSecond!);
      expect(dominated).toBe(false);
    }
  });

  it('with the floor turned off (0), recommends the cheapest option that fits', () => {
    const off = planWorkload({ spec: qwq, workload: { contextTokens: 16_000, weights: 'fp16', minTokensPerSecondPerUser: 0 }, cards });
    expect(off.speedFloorTokensPerSecondPerUser).toBeNull();
    const rec = off.options[off.recommended!]!;
    for (const o of off.options) if (o.fits && o.capex !== null) expect(rec.capex!).toBeLessThanOrEqual(o.capex);
    expect([rec.card, rec.cards]).toEqual(['nvidia-rtx-4090', 5]);
  });
});

describe('throughput targets, unknowns and precision fallbacks', () => {
  it('adds data-parallel replicas to meet a target, and only recommends options that meet it', () => {
    const h20 = [card('nvidia-h20-96gb')];
    const one = planWorkload({ spec: qwq, workload: { contextTokens: 4096, concurrency: 8 }, cards: h20 });
    const perReplica = one.options[0]!.decodeTokensPerSecond!;
    const plan = planWorkload({ spec: qwq, workload: { contextTokens: 4096, concurrency: 8 }, cards: h20, targetTokensPerSecond: perReplica * 2.5 });
    const first = plan.options[0]!;
    expect(first.replicas).toBe(3);
    expect(first.cards).toBe(first.tp * first.pp * 3);
    expect(first.meetsTarget).toBe(true);
  });

  it('gives no throughput figure for a card with unknown bandwidth, but still sizes it', () => {
    // Every built-in card has a bandwidth now; a card entered without one (and without a price).
    const c500 = { ...card('metax-c500'), bandwidthBytesPerSecond: null, price: null };
    const plan = planWorkload({ spec: qwq, workload: { contextTokens: 4096 }, cards: [c500] });
    const fitting = plan.options.find((o) => o.fits)!;
    expect(fitting.decodeTokensPerSecond).toBeNull();
    expect(fitting.capex).toBeNull(); // no price
    expect(fitting.unknown).toEqual(['price', 'bandwidth']);
    expect(plan.recommended).toBeNull();
  });

  it('plans an FP8 checkpoint on a card without FP8 at INT8, with a warning', () => {
    expect(formatForCard('fp8-block', card('huawei-ascend-910b')).format).toBe('int8');
    expect(formatForCard('fp8-block', card('nvidia-h20-96gb')).format).toBe('fp8-block');
    const plan = planWorkload({ spec: builtinModel('qwen3-32b-fp8'), workload: { contextTokens: 4096 }, cards: [card('metax-c500')] });
    expect(plan.options[0]!.weights).toBe('int8');
    expect(plan.options[0]!.warnings[0]).toMatch(/has no FP8: planned with INT8 weights/);
  });

  it('excludes cards whose memory is unknown, saying why', () => {
    const noMemory = { ...card('huawei-ascend-910c'), memoryBytes: null, usableBytes: null };
    const plan = planWorkload({ spec: qwq, workload: {}, cards: [noMemory] });
    expect(plan.options).toEqual([]);
    expect(plan.excluded).toEqual([{ card: 'huawei-ascend-910c', reason: 'memory unknown: enter it to plan on this card' }]);
  });
});

describe('vLLM KV pool per GPU under TP 2 and 4, through the planner (vLLM 0.19, Llama-3.1-8B, H100)', () => {
  const rows: { tp: number; max_concurrency: number; kv_cache_tokens: number }[] = JSON.parse(
    fs.readFileSync('tests/fixtures/measured/llm-d-planner_vllm0.19_h100_subset.json', 'utf8'),
  ).rows.filter((r: any) => r.model === 'meta-llama/Llama-3.1-8B-Instruct' && r.pp === 1 && r.tp > 1);
  const cases: [number, number, number][] = rows.map((r) => [r.tp, r.max_concurrency, r.kv_cache_tokens]);
  it.each(cases)('TP %i: vLLM prints max concurrency %d at 8192 tokens (%i tokens in the pool)', (tp, concurrency, tokens) => {
    const plan = planWorkload({ spec: builtinModel('llama-3.1-8b'), workload: { contextTokens: 8192, engine: 'vllm', gpuMemoryUtilization: 0.95 }, cards: [card('nvidia-h100-sxm5-80gb')] });
    const o = plan.options.find((x) => x.tp === tp)!;
    expect(o.verdict.basis).toBe('kv-pool');
    if (o.verdict.basis !== 'kv-pool') return;
    expect(Math.abs(o.verdict.poolTokens / tokens - 1)).toBeLessThan(0.01);
    expect(Math.abs(o.engineConcurrency! / concurrency - 1)).toBeLessThan(0.01);
    // Whole users with the 20% headroom: ⌊pool ÷ (8,192 × 1.2)⌋; the context is capped by the model (131,072).
    expect(o.maxConcurrency).toBe(Math.floor(o.verdict.poolTokens / (8192 * 1.2)));
    expect([o.maxContextTokens, o.maxContextLimitedBy]).toEqual([131_072, 'model']);
  });
});

describe("a project's bill of materials", () => {
  it('packs a 72B chat model on 4 H20s, an embedding model and a reranker (1 card each) into one 8-card server', () => {
    const h20 = card('nvidia-h20-96gb');
    const bom = billOfMaterials([
      { workload: 'chat 72B', card: h20, tp: 4, pp: 1, replicas: 1, decodeTokensPerSecond: null },
      { workload: 'embedding', card: h20, tp: 1, pp: 1, replicas: 1, decodeTokensPerSecond: null },
      { workload: 'reranker', card: h20, tp: 1, pp: 1, replicas: 1, decodeTokensPerSecond: null },
    ]);
    expect(bom.lines).toHaveLength(1);
    expect(bom.lines[0]).toMatchObject({ cards: 6, servers: 1, workloads: ['chat 72B', 'embedding', 'reranker'] });
    // The H20 at the middle of its reported US$12,000–15,000, the HGX chassis at US$32,010, 7.1 CNY/USD.
    expect(bom.capex).toBeCloseTo(6 * 13_500 * 7.1 + 32_010 * 7.1, 6);
  });

  it('adds the project line items once', () => {
    const h20 = card('nvidia-h20-96gb');
    const a = { ...DEFAULT_ASSUMPTIONS, extraLineItems: [{ name: 'network', quantity: 2, price: { amount: 50_000, currency: 'CNY' as const, date: null, source: 'quote', indicative: true } }] };
    const bom = billOfMaterials([{ workload: 'chat', card: h20, tp: 8, pp: 1, replicas: 2, decodeTokensPerSecond: null }], a);
    expect(bom.lines[0]!.servers).toBe(2);
    expect(bom.capex).toBeCloseTo(16 * 13_500 * 7.1 + 2 * 32_010 * 7.1 + 100_000, 6);
  });
});

describe('costs per server beyond the chassis', () => {
  it('networking, rack and installation add to capex per server; support adds to TCO per server per year', () => {
    const h20 = card('nvidia-h20-96gb');
    const plain = billOfMaterials([{ workload: 'chat', card: h20, tp: 8, pp: 1, replicas: 2, decodeTokensPerSecond: null }]);
    const a = {
      ...DEFAULT_ASSUMPTIONS,
      perServer: {
        capex: { amount: 50_000, currency: 'CNY' as const, date: null, source: 'switch port, rack, installation', indicative: false },
        supportPerYear: { amount: 12_000, currency: 'CNY' as const, date: null, source: 'support contract', indicative: false },
      },
    };
    const withExtras = billOfMaterials([{ workload: 'chat', card: h20, tp: 8, pp: 1, replicas: 2, decodeTokensPerSecond: null }], a);
    // 2 servers: + 2 × 50,000 capex; TCO + 2 × 50,000 / 3 years + 2 × 12,000 a year.
    expect(withExtras.capex! - plain.capex!).toBeCloseTo(100_000, 6);
    expect(withExtras.tcoPerYear! - plain.tcoPerYear!).toBeCloseTo(100_000 / 3 + 24_000, 6);
    const option = planWorkload({ spec: builtinModel('qwen2.5-7b-instruct'), workload: { contextTokens: 4096 }, cards: [h20], assumptions: a }).options[0]!;
    const base = planWorkload({ spec: builtinModel('qwen2.5-7b-instruct'), workload: { contextTokens: 4096 }, cards: [h20] }).options[0]!;
    expect(option.capex! - base.capex!).toBeCloseTo(option.servers * 50_000, 6);
    expect(option.tcoPerYear! - base.tcoPerYear!).toBeCloseTo((option.servers * 50_000) / 3 + option.servers * 12_000, 6);
  });
});
