import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../../shared/model/catalog.ts';
import { main } from '../../src-main/cli/main.ts';
import { parseNumber } from '../../src-main/cli/size.ts';
import { tempDir } from '../helpers.ts';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err, json: () => JSON.parse(out) };
}

describe('cardplan size', () => {
  it('QwQ-32B at 16,000 tokens: exact parameters and 4,194,304,000 B of KV cache', async () => {
    const r = await run(['size', '--model', 'qwq-32b', '--context', '16000', '--json']);
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.params).toBe(32_763_876_352);
    expect(j.activeParams).toBe(32_763_876_352);
    expect(j.kvCacheBytesPerToken).toBe(262_144);
    expect(j.bytes.kvCache).toBe(4_194_304_000);
    expect(Object.keys(j.bytes)).toEqual(['weights', 'kvCache', 'activations', 'overhead', 'buffer', 'total']);
    expect(Object.keys(j.breakdown[0])).toEqual(['term', 'bytes', 'formula', 'inputs']);
    expect(j.warnings).toEqual([]);
  });

  it("reproduces the seed article's example with --method rule-of-thumb", async () => {
    const r = await run(['size', '--params', '32e9', '--layers', '40', '--heads', '64', '--kv-heads', '64', '--head-dim', '128', '--weights', 'fp16', '--context', '16000', '--method', 'rule-of-thumb', '--json']);
    expect(r.code).toBe(0);
    expect(r.json().bytes).toMatchObject({ weights: 64_000_000_000, kvCache: 20_971_520_000, total: 101_965_824_000 });
  });

  it('per card and engine figures with --card and --engine vllm (Llama-3.1-8B on an H100 at 0.95)', async () => {
    const r = await run(['size', '--model', 'llama-3.1-8b', '--context', '8192', '--engine', 'vllm', '--gpu-memory-utilization', '0.95', '--card', 'nvidia-h100-sxm5-80gb', '--json']);
    const j = r.json();
    expect(j.perCard).toMatchObject({ card: 'nvidia-h100-sxm5-80gb', tp: 1, pp: 1, cards: 1, fits: true });
    // vLLM 0.19 logged 476,016 tokens and 58.11× concurrency at 8192 for this setting.
    expect(Math.abs(j.engine.kvCacheTokens / 476_016 - 1)).toBeLessThan(0.005);
    expect(j.engine.maxConcurrency).toBeCloseTo(58.11, 0);
  });

  it('reads a model folder: config.json plus the exact weight bytes of model.safetensors.index.json', async () => {
    const dir = path.join(tempDir(), 'Qwen2.5-7B-Instruct');
    fs.mkdirSync(dir);
    const config = BUILTIN_MODELS.find((m) => m.id === 'qwen2.5-7b-instruct')!.config;
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
    // Qwen2.5-7B-Instruct's index reports total_size 15,231,233,024 (7,615,616,512 × 2).
    fs.writeFileSync(path.join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: 15_231_233_024 }, weight_map: {} }));
    const j = (await run(['size', '--config', dir, '--context', '4096', '--json'])).json();
    expect(j.bytes.weights).toBe(15_231_233_024);
    expect(j.breakdown[0].formula).toBe('safetensors index total_size');
    expect(j.model).toBe('Qwen2.5-7B-Instruct');
  });

  it('prints a readable table with GB and GiB labelled', async () => {
    const r = await run(['size', '--model', 'qwq-32b', '--context', '16000']);
    expect(r.out).toContain('GB (10^9)');
    expect(r.out).toContain('GiB (2^30)');
    expect(r.out).toContain('parameters: 32,763,876,352 (32.76 B = 327.6 亿)');
    expect(r.out).toMatch(/kv-cache\s+4,194,304,000\s+4\.19\s+3\.91/);
  });

  it.each([
    [['size', '--model', 'qwq-32b', '--context', 'lots'], 2, "cardplan: size: --context must be a number such as 4096, 1.5, 32e9 or 32B (got 'lots')\n"],
    [['size', '--context', '4096'], 2, 'cardplan: size: give exactly one of --model ID, --config PATH_OR_FOLDER or --params N (with --layers --heads --kv-heads --head-dim)\n'],
    [['size', '--params', '7B', '--layers', '28'], 2, 'cardplan: size: --params needs --heads, --kv-heads, --head-dim\n'],
    [['size', '--model', 'qwq-32b', '--tp', '2'], 2, 'cardplan: size: --tp and --pp need --card CARD_ID\n'],
    [['size', '--model', 'qwq-32b', '--weights', 'int3'], 1, 'cardplan: sizing:size: invalid request (workload.weights: Invalid option: expected one of "fp32"|"bf16"|"fp16"|"fp8"|"int8"|"int4"|"gptq-int8"|"gptq-int4"|"awq-int4"|"fp8-block"|"nvfp4"|"mxfp4")\n'],
    [['size', '--model', 'qwq-32b', '--context', '1000000'], 1, "cardplan: sizeWorkload: contextTokens 1000000 is above the model's limit of 131072 (max_position_embeddings); force it to size anyway\n"],
    [['size', '--model', 'gpt-5'], 1, /^cardplan: unknown model id "gpt-5"; built-in ids: yi-34b-chat-4bits, /],
  ])('%j fails in one line (exit %i)', async (argv, code, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.out).toBe('');
    if (typeof message === 'string') expect(r.err).toBe(message);
    else expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a config.json that is not JSON, and a folder without one', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), '{ "model_type": "llama", ');
    const bad = await run(['size', '--config', path.join(dir, 'config.json')]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/config\.json: not valid JSON/);
    const empty = tempDir();
    expect((await run(['size', '--config', empty])).err).toBe(`cardplan: ${empty}: the folder has no config.json\n`);
  });
});

describe('parseNumber', () => {
  it('reads B as 10⁹ (never 亿) and M as 10⁶', () => {
    expect(parseNumber('params', '32B')).toBe(32_000_000_000);
    expect(parseNumber('params', '7.61b')).toBe(7_610_000_000);
    expect(parseNumber('params', '32e9')).toBe(32_000_000_000);
    expect(parseNumber('params', '350M')).toBe(350_000_000);
    expect(parseNumber('context', '4096')).toBe(4096);
    expect(() => parseNumber('context', '-5')).toThrow("--context must be a number");
  });
});
