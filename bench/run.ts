/**
 * `npm run bench`: speed figures, printed (never asserted in tests). Run on an idle machine; each
 * figure is the best of three rounds.
 */
import { cardMemory } from '../shared/catalog/card-memory.ts';
import { builtinModel } from '../shared/model/catalog.ts';
import { paramCount } from '../shared/model/params.ts';
import { sizeWorkload } from '../shared/memory/size.ts';

function rate(label: string, unit: string, iterations: number, fn: (i: number) => void): void {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  console.log(`${label.padEnd(52)} ${Math.round(iterations / best).toLocaleString('en-US').padStart(10)} ${unit}/s`);
}

const qwq = builtinModel('qwq-32b');
const v3 = builtinModel('deepseek-v3');
const h100 = cardMemory('nvidia-h100-sxm5-80gb');
const contexts = [1024, 4096, 16_000, 32_768];

rate('describe + count (config.json → exact params), QwQ-32B', 'models', 20_000, () => paramCount(builtinModel('qwq-32b')));
rate('sizing calls, QwQ-32B, generic, whole deployment', 'calls', 50_000, (i) => sizeWorkload(qwq, { contextTokens: contexts[i % 4], concurrency: 1 + (i % 16) }));
rate('sizing calls, QwQ-32B, vLLM on H100 TP2', 'calls', 50_000, (i) => sizeWorkload(qwq, { contextTokens: contexts[i % 4], engine: 'vllm' }, { card: h100, tp: 2, pp: 1 }));
rate('sizing calls, DeepSeek-V3 (MLA + MoE), fp8-block, TP8 PP2', 'calls', 20_000, (i) => sizeWorkload(v3, { contextTokens: contexts[i % 4] }, { card: h100, tp: 8, pp: 2 }));
rate('sizing calls, Llama-3.1-8B full fine-tune, ZeRO-3 × 8', 'calls', 50_000, () => sizeWorkload(builtinModel('llama-3.1-8b'), { mode: 'train-full', contextTokens: 4096, zeroStage: 3, dataParallel: 8 }));
