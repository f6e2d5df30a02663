/**
 * An engine's start-up log to the figures it printed (see observation.ts). Pure: the file is read
 * (or the text pasted) elsewhere, so this runs in main and could run in the renderer.
 */
import { CardPlanError } from '../errors.ts';
import { contradictedBy, detectEngine, engineScores } from './detect.ts';
import { checkLogText } from './input.ts';
import { splitLines } from './lines.ts';
import { ENGINE_FAMILIES, ENGINE_NAMES, type EngineFamily, type EngineObservation } from './observation.ts';
import { parseSglang } from './sglang.ts';
import { parseVllm } from './vllm.ts';

export const NO_FIGURES_MESSAGE =
  "no engine start-up figures found: expected vLLM's 'Loading model weights took …' / '# GPU blocks' / 'GPU KV cache size', or SGLang's 'max_total_num_tokens' / 'KV Cache is allocated'";

const A_LOG_OF: Record<EngineFamily, string> = { vllm: 'a vLLM log', 'vllm-ascend': 'a vLLM-Ascend log', sglang: 'an SGLang log' };

/** Whether the log gave anything of a start-up: a memory or capacity figure, or the engine's config (model, version). */
function foundStartUp(o: EngineObservation): boolean {
  return [o.weightsBytes, o.kvBytes, o.kvTokens, o.kvBlocks, o.maxConcurrency, o.deviceBytes, o.model, o.version].some((f) => f !== null);
}

/**
 * Reads the figures an inference engine printed while starting: weights, KV cache bytes, tokens and
 * blocks, maximum concurrency, device memory, and the configuration (model, dtype, TP/PP, max model
 * length, memory fraction), each with the 1-based line it came from.
 *
 * - The engine is told by its own lines unless `options.engine` names it; a log that is clearly
 *   another engine's is then refused ("this looks like an SGLang log, not vLLM").
 * - Lines are searched anywhere (prefixes, bullets, missing timestamps are fine) and unknown lines
 *   are ignored. A figure printed by every rank or engine is taken from its first line, never summed:
 *   weights and KV bytes are per rank, as the engines print them.
 * - Memory is in integer bytes, with each engine's "GB" read as it computes it (units.ts).
 *
 * Throws `CardPlanError('invalid_input')` with one line for: more than 20 MB of text, binary data, an
 * unknown `options.engine`, a log of another engine than the one named, and a log without any
 * start-up figure.
 *
 * @example parseEngineLog('INFO 04-29 01:09:49 [kv_cache_utils.py:634] GPU KV cache size: 198,784 tokens').kvTokens
 * // { value: 198784, line: 1, text: 'INFO 04-29 01:09:49 [kv_cache_utils.py:634] GPU KV cache size: 198,784 tokens' }
 */
export function parseEngineLog(text: string, options: { engine?: EngineFamily } = {}): EngineObservation {
  checkLogText(text);
  const named = options.engine;
  if (named !== undefined && !ENGINE_FAMILIES.includes(named)) {
    throw new CardPlanError('invalid_input', `parseEngineLog: engine must be one of ${ENGINE_FAMILIES.join(', ')} (got ${JSON.stringify(named)})`);
  }
  const lines = splitLines(text);
  const scores = engineScores(lines);
  if (named !== undefined) {
    const other = contradictedBy(named, scores);
    if (other !== null) {
      throw new CardPlanError('invalid_input', `this looks like ${A_LOG_OF[other]}, not ${ENGINE_NAMES[named]}`);
    }
  }
  const engine = named ?? detectEngine(scores);
  const observation = engine === 'sglang' ? parseSglang(lines) : parseVllm(lines, engine);
  if (!foundStartUp(observation)) throw new CardPlanError('invalid_input', NO_FIGURES_MESSAGE);
  return observation;
}
