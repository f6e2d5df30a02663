/**
 * What an inference engine adds to the kernels of a step: the small kernels of every layer (norms,
 * rotary embedding, activation, KV-cache writes), the work once per decode step (sampling,
 * scheduling, launching), and once per request before its first token. vLLM and SGLang replay
 * decode steps as CUDA graphs; transformers launches every kernel from Python.
 *
 * The per-layer and per-step times are the two constants of the speed model fitted on end-to-end
 * measurements (tests/fixtures/measured/README.md lists them; `npm run calibrate:speed` prints the
 * fit); everything else comes from kernel measurements.
 */
import type { Engine } from '../../memory/engines.ts';

const US = 1e-6;
const MS = 1e-3;

export interface EngineSpeedProfile {
  engine: Engine;
  /** Decode steps replayed as CUDA graphs (all-reduces at their graph latency). */
  graph: boolean;
  perLayerSeconds: number;
  perStepSeconds: number;
  /** Added once per request to the time to first token, per layer. */
  prefillPerLayerSeconds: number;
  source: string;
}

export const ENGINE_SPEED: Record<Engine, EngineSpeedProfile> = {
  vllm: {
    engine: 'vllm',
    graph: true,
    perLayerSeconds: 8 * US,
    perStepSeconds: 1.2 * MS,
    // AIConfigurator's vLLM backend: _prefill_dispatch_overhead_ms = 0.8 ms × layers ("CPU-side dispatch not
    // captured by kernel benchmarks", recalibrated on their silicon corpus).
    prefillPerLayerSeconds: 0.8 * MS,
    source: 'fitted on vLLM runs (Qwen2.5 speed benchmark on A100, vLLM 0.6.3; AIConfigurator silicon sample, vLLM 0.12–0.19); prefill dispatch from AIConfigurator vllm_backend.py',
  },
  sglang: {
    engine: 'sglang',
    graph: true,
    perLayerSeconds: 8 * US,
    perStepSeconds: 0.8 * MS,
    // Fitted on AIConfigurator's SGLang 0.5 silicon rows (H100/H200/B200; Qwen3-32B, Qwen3-235B-FP8, DeepSeek-R1;
    // 80 runs, 4–16 users): the time to first token left after the prefill's compute, per layer, at the median.
    // It is scheduling (new requests waiting behind running batches), not kernel time: with it the measured ÷
    // estimated TTFT is 1.5 at the median (p10 0.8, p90 4.2); without it 8.8.
    prefillPerLayerSeconds: 3 * MS,
    source: 'fitted on SGLang runs (Qwen3 speed benchmark on H20, SGLang 0.4.6; AIConfigurator silicon sample, SGLang 0.5)',
  },
  transformers: {
    engine: 'transformers',
    graph: false,
    perLayerSeconds: 550 * US,
    perStepSeconds: 2 * MS,
    prefillPerLayerSeconds: 0,
    source: 'fitted on the Qwen2.5 speed benchmark (transformers 4.46.0, A100, eager): Qwen2.5-0.5B decodes at 47 tokens/s',
  },
  generic: {
    engine: 'generic',
    graph: true,
    perLayerSeconds: 8 * US,
    perStepSeconds: 1.2 * MS,
    prefillPerLayerSeconds: 0.8 * MS,
    source: 'as vLLM',
  },
};
