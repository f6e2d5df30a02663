import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.ts';
import { ROOT } from '../helpers.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const CONTRACT_KEYS = ['card', 'cards', 'tp', 'pp', 'replicas', 'servers', 'fits', 'perCardBytes', 'capacityBytes', 'maxConcurrency', 'decodeTokensPerSecond', 'capex', 'currency', 'tcoPerYear', 'costPerMillionTokens', 'warnings'];

describe('cardplan plan', () => {
  it('prints options with the contract fields, and recommends the cheapest that fits and meets the per-user speed floor', async () => {
    const argv = ['plan', '--model', 'qwq-32b', '--context', '16000', '--weights', 'fp16', '--cards', 'nvidia-h20-96gb,nvidia-rtx-4090', '--json'];
    const r = await run(argv);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const o of j.options) {
      for (const key of CONTRACT_KEYS) expect(o).toHaveProperty(key);
      expect(o.cards).toBe(o.tp * o.pp * o.replicas);
    }
    expect(j.speedFloorTokensPerSecondPerUser).toBe(10);
    // 5 × RTX 4090 (18,000–22,559 CNY, mid 20,279.5) + one PCIe server (80,000 CNY) = 181,397.5 CNY is the cheapest
    // that fits; five pipeline stages stream the 65.5 GB of weights one after another, ≈ 83 ms per
    // token: 12 tokens/s, above the floor, so it is recommended.
    const five = j.options.find((o: any) => o.card === 'nvidia-rtx-4090' && o.cards === 5);
    expect(five).toMatchObject({ fits: true, meetsFloor: true });
    expect(five.capex).toBeCloseTo(181_397.5, 6);
    expect(five.costRange.capex).toEqual([5 * 18_000 + 80_000, 5 * 22_559 + 80_000]);
    expect(j.options[j.recommended]).toBe(j.options.find((o: any) => o === five) ?? j.options[j.recommended]);
    expect(j.options[j.recommended].cards).toBe(5);
    expect(j.recommendation.text).toMatch(/^Recommended: 5 × GeForce RTX 4090 24GB \(TP 1 × PP 5 × 1\), the cheapest of \d+ options that fit, have a price and give at least 10 tokens\/s for each user\./);

    // With the floor off, the cheapest that fits is recommended.
    const off = JSON.parse((await run([...argv, '--min-tokens-per-user', '0'])).out);
    expect(off.speedFloorTokensPerSecondPerUser).toBeNull();
    expect(off.options[off.recommended]).toMatchObject({ card: 'nvidia-rtx-4090', cards: 5 });
  });

  it('--ttft-ms 2000 --tpot-ms 50 --json: TTFT, TPOT, tokens/s per user and a band for every option, the cheapest meeting both, and by how much the others miss', async () => {
    const argv = ['plan', '--model', 'qwq-32b', '--context', '16000', '--prompt-tokens', '2000', '--output-tokens', '500', '--concurrency', '10', '--engine', 'vllm', '--cards', 'nvidia-h20-96gb,nvidia-rtx-4090,nvidia-a100-sxm4-80gb', '--ttft-ms', '2000', '--tpot-ms', '50', '--json'];
    const r = await run(argv);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.latencyTargets).toEqual({ ttftMs: 2000, tpotMs: 50 });
    for (const o of j.options) {
      expect(o.tokensPerSecondPerUser).toBeCloseTo(1000 / o.tpotMs, 6);
      expect(o.band.tpotMs[0]).toBeLessThan(o.tpotMs);
      expect(o.band.tpotMs[1]).toBeGreaterThan(o.tpotMs);
      expect(o.band.ttftMs[0]).toBeLessThan(o.ttftMs);
      expect(o.speedBasis).toMatch(/^(measured|derived)$/);
      expect(o.cards).toBe(o.tp * o.pp * o.replicas);
      expect(o.batchPerReplica).toBe(Math.ceil(10 / o.replicas));
    }
    const meets = j.options.filter((o: any) => o.fits && o.meetsLatency && o.capex !== null);
    const rec = j.options[j.recommended];
    expect(rec.meetsLatency).toBe(true);
    expect(rec.ttftMs).toBeLessThanOrEqual(2000);
    expect(rec.tpotMs).toBeLessThanOrEqual(50);
    expect(rec.capex).toBe(Math.min(...meets.map((o: any) => o.capex)));
    // Five or more 4090 pipeline stages: ≈ 110 ms per token for one user, 2.2× the target; more replicas cannot help.
    const deep = j.options.find((o: any) => o.card === 'nvidia-rtx-4090' && o.tp === 1);
    expect(deep.meetsLatency).toBe(false);
    expect(deep.latencyMiss.tpot).toBeCloseTo(deep.tpotMs / 50, 6);
    expect(deep.latencyMiss.tpot).toBeGreaterThan(2);
    expect(j.recommendation.text).toContain('a first token within 2,000 ms and at most 50 ms per output token');
    const text = (await run(argv.filter((a) => a !== '--json'))).out;
    expect(text).toMatch(/TTFT ms +TPOT ms/);
    expect(text).toMatch(new RegExp(`${Math.round(deep.tpotMs)} \\(×${deep.latencyMiss.tpot.toFixed(2)}\\)`));
  });

  it('bad latency targets fail in one line, naming the field', async () => {
    const r = await run(['plan', '--model', 'qwq-32b', '--tpot-ms', '0']);
    expect(r.code).not.toBe(0);
    expect(r.err).toBe('cardplan: sizeWorkload: tpotTargetMs must be a positive number of milliseconds (got 0)\n');
    const long = await run(['plan', '--model', 'qwq-32b', '--context', '4096', '--prompt-tokens', '4000', '--output-tokens', '500']);
    expect(long.err).toBe('cardplan: sizeWorkload: promptTokens + outputTokens (4000 + 500) must fit in contextTokens 4096\n');
  });

  it('converts to USD and honours a throughput target with replicas', async () => {
    const j = JSON.parse((await run(['plan', '--model', 'qwen2.5-7b-instruct', '--context', '4096', '--concurrency', '16', '--cards', 'nvidia-h20-96gb', '--target-tokens-per-second', '2000', '--currency', 'USD', '--json'])).out);
    const rec = j.options[j.recommended];
    expect(rec.currency).toBe('USD');
    expect(rec.decodeTokensPerSecond).toBeGreaterThanOrEqual(2000);
    // The H20 at the middle of US$12,000–15,000; the HGX chassis at US$32,010.
    expect(rec.capex).toBeCloseTo(rec.cards * 13_500 + rec.servers * 32_010, 6);
  });

  it('takes the target as users × tokens/s each, or requests/s × output tokens', async () => {
    const users = JSON.parse((await run(['plan', '--model', 'qwen2.5-7b-instruct', '--concurrency', '16', '--cards', 'nvidia-h20-96gb', '--target-users', '100', '--tokens-per-user', '20', '--json'])).out);
    const tokens = JSON.parse((await run(['plan', '--model', 'qwen2.5-7b-instruct', '--concurrency', '16', '--cards', 'nvidia-h20-96gb', '--target-tokens-per-second', '2000', '--json'])).out);
    expect(users.options).toEqual(tokens.options);
    const rps = JSON.parse((await run(['plan', '--model', 'qwen2.5-7b-instruct', '--concurrency', '16', '--cards', 'nvidia-h20-96gb', '--target-requests-per-second', '4', '--output-tokens', '500', '--json'])).out);
    expect(rps.options[0].replicas).toBe(JSON.parse((await run(['plan', '--model', 'qwen2.5-7b-instruct', '--concurrency', '16', '--cards', 'nvidia-h20-96gb', '--target-tokens-per-second', '2000', '--output-tokens', '500', '--json'])).out).options[0].replicas);
    const bad = await run(['plan', '--model', 'qwq-32b', '--target-users', '100']);
    expect(bad.err).toBe('cardplan: plan: --target-users and --tokens-per-user go together\n');
  });

  it('filters domestic cards without a second search', async () => {
    const j = JSON.parse((await run(['plan', '--model', 'qwq-32b', '--domestic', '--json'])).out);
    expect(j.options.length).toBeGreaterThan(0);
    for (const o of j.options) expect(o.domestic).toBe(true);
  });

  it.each([
    [['plan', '--model', 'qwq-32b', '--currency', 'JPY'], "cardplan: plan: --currency must be CNY, USD or EUR (got 'JPY')\n"],
    [['plan', '--model', 'qwq-32b', '--cards', 'nvidia-h9000'], 'cardplan: unknown card id "nvidia-h9000"; see cardplan cards for the ids\n'],
    [['plan', '--model', 'qwq-32b', '--target-tokens-per-second', 'fast'], "cardplan: plan: --target-tokens-per-second must be a number such as 4096, 1.5, 32e9 or 32B (got 'fast')\n"],
    [['plan', '--model', 'qwq-32b', '--tp', '2'], "cardplan: plan: unknown option '--tp'; allowed: see cardplan plan --help\n"],
  ])('%j fails in one line', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).not.toBe(0);
    expect(r.err).toBe(message);
  });
});

describe('cardplan cards', () => {
  it('lists the 57 catalog cards in base units, with where each figure comes from', async () => {
    const cards = JSON.parse((await run(['cards', '--json'])).out);
    expect(cards).toHaveLength(57);
    const h100 = cards.find((c: any) => c.id === 'nvidia-h100-sxm5-80gb');
    expect(h100.bandwidthBytesPerSecond).toBe(3350e9); // 3.35 TB/s (datasheet)
    expect(h100.peakFlops.bf16).toBe(989e12); // dense BF16
    const c500 = cards.find((c: any) => c.id === 'metax-c500');
    // No C500 spec sheet gives it: the OAM C550 (same chip, same 64 GB) is calibrated at 1.8 TB/s in FlagPerf.
    expect(c500.bandwidthBytesPerSecond).toBe(1800e9);
    expect(c500.provenance.bandwidth_gbps).toMatchObject({ confidence: 'estimated', derivation: expect.stringMatching(/OAM version of the same MXC500 chip/) });
    expect(c500.price).toBeNull();
    expect(c500.priceSearched.date).toMatch(/^2026-/);
  });

  it('says "no public price" with the date searched, never a blank', async () => {
    const r = await run(['cards']);
    expect(r.out.split('\n').find((l) => l.startsWith('metax-c500'))).toMatch(/no public price \(searched 2026-\d\d\)/);
  });
});

describe('the installed command', () => {
  it('runs from the bundle postinstall built when it is up to date, else from the sources', () => {
    const bundle = path.join(ROOT, 'out/cli/cardplan.mjs');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cardplan.mjs'), 'plan', '--model', 'qwq-32b', '--cards', 'all', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).options.length).toBeGreaterThan(40);
    expect(fs.existsSync(bundle)).toBe(true); // `npm test` builds it first
  });
});
