/**
 * `npm run bench`: speed figures, printed (never asserted in tests). Run on an idle machine; each
 * rate is the best of three rounds. It rebuilds the CLI bundle first so the CLI timing measures
 * the installed command, not the tsx fallback.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../src-main/db/open.ts';
import { writeQuote } from '../src-main/export/quote.ts';
import { createProject, getProject } from '../src-main/services/projects.ts';
import { planProject } from '../src-main/services/planning.ts';
import { cardMemory } from '../shared/catalog/card-memory.ts';
import { BUILTIN_CARD_SPECS } from '../shared/catalog/card-specs.ts';
import { evaluateCandidate, planWorkload } from '../shared/plan/plan.ts';
import { builtinModel } from '../shared/model/catalog.ts';
import { paramCount } from '../shared/model/params.ts';
import { prepareSizing, sizeWorkload } from '../shared/memory/size.ts';

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

// The planner's inner loop: one candidate = one card × precision × TP × PP evaluated for fit.
{
  const prepared = [prepareSizing(qwq, { contextTokens: 16_000 }), prepareSizing(qwq, { contextTokens: 16_000, engine: 'vllm' }), prepareSizing(v3, { contextTokens: 8192 })];
  const tps = [1, 2, 4, 8];
  rate('plan candidates evaluated (one core)', 'candidates', 3_000_000, (i) => {
    evaluateCandidate(prepared[i % 3]!, tps[i & 3]!, 1 + (i % 8), h100.usableBytes);
  });
  rate(`whole plans, QwQ-32B over all ${BUILTIN_CARD_SPECS.length} cards`, 'plans', 200, () => planWorkload({ spec: qwq, workload: { contextTokens: 16_000 }, cards: BUILTIN_CARD_SPECS }));
}

// `cardplan plan --cards all` against `node -e 0`, wall time, mean of 10 runs each.
{
  const wall = (args: string[]): number => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 10; i++) {
      const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    }
    return Number(process.hrtime.bigint() - start) / 1e7; // ms per run
  };
  spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  const node = wall(['-e', '0']);
  const cli = wall(['bin/cardplan.mjs', 'plan', '--model', 'qwq-32b', '--cards', 'all']);
  console.log(`${'node -e 0'.padEnd(52)} ${node.toFixed(0).padStart(10)} ms`);
  console.log(`${'node bin/cardplan.mjs plan --model qwq-32b --cards all'.padEnd(52)} ${cli.toFixed(0).padStart(10)} ms (${(cli / node).toFixed(2)}× node -e 0)`);
}

// Quote export of a 50-workload project (store → plans → workbook on disk), best of three.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardplan-bench-'));
  const file = path.join(dir, 'bench.db');
  const { db } = openStore(file, { keepDailyBackups: 0 });
  const ctx = { db, databasePath: file, runtime: 'node' as const };
  const models = ['qwen2.5-7b-instruct', 'llama-3.1-8b', 'qwq-32b', 'glm-4-9b-chat', 'mistral-7b-v0.1'];
  const workloads = Array.from({ length: 50 }, (_, i) => ({
    name: `workload ${i + 1}`,
    model: { builtin: models[i % models.length]! },
    workload: { contextTokens: 4096 + 1024 * (i % 8), concurrency: 1 + (i % 16), engine: 'vllm' as const },
    chosen: { card: 'nvidia-h20-96gb', tp: 2, pp: 1, replicas: 1 },
  }));
  const { id } = createProject(ctx, { name: 'bench' }, workloads);
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    await writeQuote(ctx, id, path.join(dir, `quote-${round}.xlsx`), 'zh-CN');
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(`${'quote export, 50 workloads (plans + workbook to disk)'.padEnd(52)} ${best.toFixed(0).padStart(10)} ms`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

// Recomputing a 20-workload project (every workload sized on its card and planned over the
// catalog, as the workspace and the project plan do), and saving/loading a 1,000-workload project.
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardplan-bench-'));
  const file = path.join(dir, 'bench.db');
  const { db } = openStore(file, { keepDailyBackups: 0 });
  const ctx = { db, databasePath: file, runtime: 'node' as const };
  const models = ['qwen2.5-7b-instruct', 'llama-3.1-8b', 'qwq-32b', 'glm-4-9b-chat', 'deepseek-v2-lite'];
  const make = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `w${i}`,
      model: { builtin: models[i % models.length]! },
      workload: { contextTokens: 4096 + 512 * (i % 16), concurrency: 1 + (i % 32), engine: 'vllm' as const },
      chosen: { card: 'nvidia-h20-96gb', tp: 2, pp: 1, replicas: 1 },
    }));
  const { id: twenty } = createProject(ctx, { name: 'twenty' }, make(20));
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    planProject(ctx, twenty);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  console.log(`${'recompute a 20-workload project (all cards, BOM)'.padEnd(52)} ${best.toFixed(0).padStart(10)} ms`);

  const start = process.hrtime.bigint();
  const { id: thousand } = createProject(ctx, { name: 'thousand' }, make(1000));
  const saveMs = Number(process.hrtime.bigint() - start) / 1e6;
  const loadStart = process.hrtime.bigint();
  const loaded = getProject(ctx, thousand);
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
  if (loaded.workloadList.length !== 1000) throw new Error('load lost workloads');
  console.log(`${'save a 1,000-workload project (one transaction)'.padEnd(52)} ${saveMs.toFixed(0).padStart(10)} ms`);
  console.log(`${'load a 1,000-workload project'.padEnd(52)} ${loadMs.toFixed(0).padStart(10)} ms`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
