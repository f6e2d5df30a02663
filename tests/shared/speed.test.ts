/**
 * The speed model against measurements it was not written from (end-to-end runs: Qwen's speed
 * benchmarks, AIConfigurator's silicon sample) and against hand calculations of its parts.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_SPECS, type CardSpec } from '../../shared/catalog/card-specs.ts';
import { builtinModel } from '../../shared/model/catalog.ts';
import { prepareSizing, type Workload } from '../../shared/memory/size.ts';
import { planWorkload } from '../../shared/plan/plan.ts';
import { latencyTargetsOf, sizeForLatency } from '../../shared/plan/sla.ts';
import { allReduceSeconds, linkFor } from '../../shared/plan/speed/all-reduce.ts';
import { distinctExperts } from '../../shared/plan/speed/decode-step.ts';
import { SPEED_BAND, decodeStepAt, estimateSpeed, type SpeedRequest } from '../../shared/plan/speed/estimate.ts';
import { moeKernelEfficiency } from '../../shared/plan/speed/moe-kernel.ts';
import { prefillShareOfStepSeconds, ttftQueueFactor } from '../../shared/plan/speed/prefill.ts';
import { ratios } from '../../scripts/calibrate-speed.ts';

const card = (id: string): CardSpec => BUILTIN_CARD_SPECS.find((c) => c.id === id)!;
const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
const request = (cardId: string, model: string, workload: Workload, tp: number, pp = 1): SpeedRequest => {
  const prepared = prepareSizing(builtinModel(model), { forceContext: true, ...workload });
  return { card: card(cardId), prepared, tp, pp, batch: prepared.r.concurrency };
};

describe('decode speed against public end-to-end measurements', () => {
  const all = ratios();
  const used = all.filter((x) => !x.kvQueued);

  it('leaves out only runs whose KV pool, by CardPlan’s own memory model, cannot hold every request in flight', () => {
    // Qwen3-32B BF16 on one H100 (SGLang) leaves ~6 GB of pool for 16 users of 2-3k tokens, and the
    // measured TTFTs of 7-89 s show the queue; Qwen3-235B-FP8 on one H200 cannot hold its weights.
    const left = [...new Set(all.filter((x) => x.kvQueued).map((x) => `${x.row.card} ${x.row.model} tp${x.row.tp}`))].sort();
    expect(left).toEqual(['nvidia-b200-sxm deepseek-r1 tp4', 'nvidia-h100-sxm5-80gb qwen3-32b tp1', 'nvidia-h200-sxm-141gb qwen3-235b-a22b-fp8 tp1']);
    expect(used.length).toBeGreaterThan(300);
  });

  it('Qwen2.5 on A100 with vLLM 0.6.3 (the shared table, TP 1/2/4, BF16, GPTQ, AWQ): within 1.25× at the median', () => {
    const a100 = used.filter((x) => x.row.card === 'nvidia-a100-sxm4-80gb').map((x) => x.ratio);
    expect(a100.length).toBeGreaterThanOrEqual(95);
    expect(median(a100)).toBeGreaterThan(1 / 1.25);
    expect(median(a100)).toBeLessThan(1.25);
    // BF16 at batch 1, short prompts: the weights' stream, nothing else, and within 5%.
    const bf16Short = used.filter((x) => x.row.card === 'nvidia-a100-sxm4-80gb' && x.row.weights === 'bf16' && x.row.inputTokens <= 6144);
    for (const x of bf16Short) expect(Math.abs(x.ratio - 1)).toBeLessThan(0.16);
  });

  it('every public set (H100, H200, B200, H20; vLLM and SGLang; dense and MoE; BF16, FP8, INT4) within 1.25× at the median', () => {
    const sets = new Map<string, number[]>();
    for (const x of used) sets.set(`${x.row.card} ${x.row.engine}`, [...(sets.get(`${x.row.card} ${x.row.engine}`) ?? []), x.ratio]);
    expect(sets.size).toBeGreaterThanOrEqual(7);
    for (const [key, xs] of sets) {
      const m = median(xs);
      expect(m, key).toBeGreaterThan(1 / 1.25);
      expect(m, key).toBeLessThan(1.25);
    }
  });

  it('the "measured" band holds 80% of the runs: its ends are the 10th and 90th percentiles or wider', () => {
    const r = used.map((x) => x.ratio);
    const [low, high] = SPEED_BAND.measured;
    expect(quantile(r, 0.1)).toBeGreaterThanOrEqual(low);
    expect(quantile(r, 0.9)).toBeLessThanOrEqual(high);
  });

  it('time to first token: vLLM within 1.25× at the median; the band holds 9 in 10 vLLM runs and 7 in 10 SGLang runs', () => {
    const vllm = used.filter((x) => x.row.engine === 'vllm' && x.ttftRatio !== null);
    const sglang = used.filter((x) => x.row.engine === 'sglang' && x.ttftRatio !== null);
    expect(median(vllm.map((x) => x.ttftRatio!))).toBeLessThan(1.25);
    expect(median(vllm.map((x) => x.ttftRatio!))).toBeGreaterThan(0.8);
    expect(vllm.filter((x) => x.ttftInBand).length / vllm.length).toBeGreaterThan(0.9);
    expect(sglang.filter((x) => x.ttftInBand).length / sglang.length).toBeGreaterThan(0.7);
  });
});

describe('the parts, by hand', () => {
  it('expected distinct experts: E × (1 − (1 − k/E)^B)', () => {
    expect(distinctExperts(128, 8, 1)).toBeCloseTo(8, 10);
    expect(distinctExperts(128, 8, 16)).toBeCloseTo(128 * (1 - (120 / 128) ** 16), 10);
    expect(distinctExperts(128, 8, 16)).toBeCloseTo(82.4, 1);
    expect(distinctExperts(256, 8, 10_000)).toBeCloseTo(256, 6);
  });

  it('an MoE kernel at one token per expert is below a dense GEMM, and reaches it by 8 tokens per expert', () => {
    expect(moeKernelEfficiency(3 * 2 ** 20, 1, 'sglang', 'bf16')).toBeCloseTo(0.6, 10); // Qwen3-30B-A3B's 3 MiB matrices
    expect(moeKernelEfficiency(12 * 2 ** 20, 1, 'sglang', 'bf16')).toBeCloseTo(0.85, 10); // Qwen3-235B's
    expect(moeKernelEfficiency(12 * 2 ** 20, 8, 'sglang', 'bf16')).toBe(1);
    expect(moeKernelEfficiency(12 * 2 ** 20, 8, 'vllm', 'fp8-block')).toBeCloseTo(0.5, 10);
  });

  it('an all-reduce under CUDA graphs on Hopper NVLink: 4.0 µs + bytes × 2(tp−1)/tp ÷ 330 GB/s', () => {
    const link = linkFor(card('nvidia-h100-sxm5-80gb'));
    const bytes = 16 * 8192 * 2;
    expect(allReduceSeconds(link, 8, bytes, true)).toBeCloseTo(4.0e-6 + (bytes * 2 * 7) / 8 / 330e9, 12);
    expect(allReduceSeconds(link, 1, bytes, true)).toBe(0);
    expect(allReduceSeconds(link, 8, bytes, false)).toBeGreaterThan(allReduceSeconds(link, 8, bytes, true));
  });

  it('the others’ prompts per decode step: (batch − 1) × prefill ÷ output tokens', () => {
    expect(prefillShareOfStepSeconds(0.172, 16, 128)).toBeCloseTo((15 * 0.172) / 128, 12);
    expect(prefillShareOfStepSeconds(0.172, 1, 128)).toBe(0);
    expect(ttftQueueFactor(16)).toBe(1.5);
    expect(ttftQueueFactor(1024)).toBe(2);
  });

  it('Qwen2.5-7B BF16 on one A100, one user: 28 layers of weights at 0.81 × 2.039 TB/s ≈ 9.3 ms, + KV, + per step; vLLM 0.6.3 measured 11.87 ms', () => {
    const req = request('nvidia-a100-sxm4-80gb', 'qwen2.5-7b-instruct', { weights: 'bf16', engine: 'vllm', contextTokens: 2049, promptTokens: 1, outputTokens: 2048 }, 1);
    const step = decodeStepAt(req, 1)!;
    // 7.07 GB of layer weights + 1.09 GB LM head through 0.81 × 2,039 GB/s, plus 7 GEMMs' fixed times per layer.
    expect(step.weightsSeconds * 1000).toBeGreaterThan(((7.07e9 + 1.09e9) / (0.81 * 2039e9)) * 1000);
    expect(step.weightsSeconds * 1000).toBeLessThan(11);
    expect(estimateSpeed(req)!.tpotMs / 11.87).toBeGreaterThan(0.85);
    expect(estimateSpeed(req)!.tpotMs / 11.87).toBeLessThan(1.05);
  });
});

describe('tensor parallelism scales, but not linearly', () => {
  const cases = [
    ['nvidia-h100-sxm5-80gb', 'llama-3.1-70b', 'fp8'],
    ['nvidia-h200-sxm-141gb', 'qwen3-235b-a22b-fp8', 'fp8-block'],
    ['nvidia-a100-sxm4-80gb', 'qwen2.5-72b-instruct', 'bf16'],
    ['huawei-ascend-910b', 'qwq-32b', 'bf16'],
  ] as const;
  for (const [cardId, model, weights] of cases) {
    it(`${model} on ${cardId}: TP 1→8 is faster at every step, and TP 8 gives well under 8× TP 1`, () => {
      const tps = [1, 2, 4, 8];
      const tpot = tps.map((tp) => estimateSpeed(request(cardId, model, { weights, engine: 'vllm', contextTokens: 2048, concurrency: 1 }, tp))!.tpotMs);
      for (let i = 1; i < tpot.length; i++) expect(tpot[i]!).toBeLessThan(tpot[i - 1]!);
      const speedup = tpot[0]! / tpot[3]!;
      expect(speedup).toBeGreaterThan(1.5);
      expect(speedup).toBeLessThan(6.5);
      // Efficiency per card falls as TP grows.
      const perCard = tps.map((tp, i) => tpot[0]! / tpot[i]! / tp);
      for (let i = 1; i < perCard.length; i++) expect(perCard[i]!).toBeLessThan(perCard[i - 1]!);
    });
  }

  it('AIConfigurator’s measured TP scaling (Llama-3.1-70B FP8, H100, vLLM, 4 users, 1k/1k): TP 2→8 measured 1.91×; the model within 15% of it', () => {
    const measured = ratios().filter((x) => x.row.card === 'nvidia-h100-sxm5-80gb' && x.row.model === 'llama-3.1-70b' && x.row.concurrency === 4 && x.row.inputTokens === 1024 && x.row.outputTokens === 1024);
    const at = (tp: number) => measured.find((x) => x.row.tp === tp)!;
    const measuredSpeedup = at(2).row.tpotMs / at(8).row.tpotMs;
    expect(measuredSpeedup).toBeCloseTo(17.4 / 9.1, 1);
    const estimated = at(2).estimate.tpotMs / at(8).estimate.tpotMs;
    expect(Math.abs(estimated / measuredSpeedup - 1)).toBeLessThan(0.15);
  });
});

describe('latency targets', () => {
  const qwq = builtinModel('qwq-32b');

  it('the speed floor is a TPOT target: 10 tokens/s is 100 ms per token; the tighter target wins', () => {
    expect(latencyTargetsOf({}, 10)).toEqual({ ttftMs: null, tpotMs: 100 });
    expect(latencyTargetsOf({ tpotTargetMs: 50 }, 10)).toEqual({ ttftMs: null, tpotMs: 50 });
    expect(latencyTargetsOf({ ttftTargetMs: 2000, tpotTargetMs: 150 }, 10)).toEqual({ ttftMs: 2000, tpotMs: 100 });
    expect(latencyTargetsOf({}, null)).toBeNull();
  });

  it('splits users over replicas to meet TPOT: the largest batch that meets it, and the next one misses', () => {
    const req = request('nvidia-h20-96gb', 'qwq-32b', { weights: 'bf16', engine: 'vllm', contextTokens: 4096, concurrency: 64 }, 1);
    const s = sizeForLatency(req, 64, { ttftMs: null, tpotMs: 60 })!;
    expect(s.meets).toBe(true);
    expect(s.replicas).toBe(Math.ceil(64 / s.batch));
    const tpot = (b: number) => estimateSpeed({ ...req, batch: b })!.tpotMs;
    expect(tpot(s.batch)).toBeLessThanOrEqual(60);
    expect(tpot(s.batch + 1)).toBeGreaterThan(60);
  });

  it('`plan` with TTFT 2,000 ms and TPOT 50 ms picks the cheapest option meeting both, and says by how much the others miss', () => {
    const workload: Workload = { contextTokens: 8192, promptTokens: 2048, outputTokens: 512, concurrency: 8, engine: 'vllm', weights: 'bf16', ttftTargetMs: 2000, tpotTargetMs: 50 };
    const plan = planWorkload({ spec: qwq, workload, cards: ['nvidia-h20-96gb', 'nvidia-a100-sxm4-80gb', 'nvidia-rtx-4090', 'huawei-ascend-910b'].map(card) });
    const rec = plan.options[plan.recommended!]!;
    expect(rec.ttftMs!).toBeLessThanOrEqual(2000);
    expect(rec.tpotMs!).toBeLessThanOrEqual(50);
    for (const o of plan.options) {
      if (o.fits && o.capex !== null && o.meetsLatency) expect(rec.capex!).toBeLessThanOrEqual(o.capex);
      if (o.meetsLatency === false) {
        const miss = o.latencyMiss!;
        expect(miss.ttft !== null || miss.tpot !== null).toBe(true);
        if (miss.tpot !== null) expect(miss.tpot).toBeCloseTo(o.tpotMs! / 50, 6);
        if (miss.ttft !== null) expect(miss.ttft).toBeCloseTo(o.ttftMs! / 2000, 6);
      }
    }
    expect(plan.options.some((o) => o.meetsLatency === false)).toBe(true);
  });

  it('a speed you measured replaces the estimate on that card: the same split gives your figure, others scale with it', () => {
    const base = request('nvidia-h20-96gb', 'qwq-32b', { weights: 'bf16', engine: 'vllm', contextTokens: 4096, concurrency: 4 }, 1);
    const measured = { tpotMs: 80, batch: 4, tp: 1, measuredAtMs: Date.UTC(2026, 11, 1) };
    const mine = estimateSpeed({ ...base, measured })!;
    expect(mine.tpotMs).toBeCloseTo(80, 6);
    expect(mine.basis).toBe('yours');
    const ratio = 80 / estimateSpeed(base)!.tpotMs;
    const tp2 = estimateSpeed({ ...base, tp: 2, measured })!;
    expect(tp2.tpotMs).toBeCloseTo(estimateSpeed({ ...base, tp: 2 })!.tpotMs * ratio, 6);
  });

  it('cards nothing has measured are "assumed", with a wider band than measured ones', () => {
    const ascend = estimateSpeed(request('huawei-ascend-910b', 'qwq-32b', { weights: 'bf16', engine: 'vllm', contextTokens: 4096 }, 2))!;
    const h100 = estimateSpeed(request('nvidia-h100-sxm5-80gb', 'qwq-32b', { weights: 'bf16', engine: 'vllm', contextTokens: 4096 }, 2))!;
    expect(ascend.basis).toBe('assumed');
    expect(h100.basis).toBe('measured');
    const width = (e: typeof h100) => e.band.tpotMs[1] / e.band.tpotMs[0];
    expect(width(ascend)).toBeGreaterThan(width(h100));
    expect(ascend.assumptions.join(' ')).toMatch(/no public kernel measurements/);
  });
});
