/**
 * Does a workload fit one card? One rule, used by `cardplan size`, `cardplan plan`, the window and
 * the quote, so that the figure shown beside a verdict is always the figure the verdict was made on.
 *
 * - **On-demand engines** (generic, transformers) allocate as they go: the verdict is on memory per
 *   card. `need` is every term but the safety buffer.
 *   fits: need × (1 + buffer) ≤ usable · tight: need ≤ usable < need × (1 + buffer) · no: need > usable.
 * - **Preallocating engines** (vLLM, SGLang) take a fixed share of the card at start-up and keep
 *   the rest as their own margin; what can go wrong is that their KV pool holds fewer tokens than
 *   the workload asks for. The verdict is on tokens: `requested` = concurrency × context (vLLM:
 *   whole 16-token blocks per sequence).
 *   fits: pool ≥ requested × (1 + buffer) · tight: requested ≤ pool < requested × (1 + buffer) ·
 *   no: pool < requested.
 *
 * "tight" always means "only inside the safety margin": it runs if the estimate is right, with no
 * room for it being wrong.
 */

export type FitStatus = 'fits' | 'tight' | 'no';

export interface MemoryVerdict {
  basis: 'memory';
  status: FitStatus;
  /** Every term on the card except the safety buffer, bytes. */
  needBytes: number;
  /** need + safety buffer: the figure shown beside the verdict. */
  needWithBufferBytes: number;
  /** What the verdict compares with: the card's usable memory, or the engine's share of it. */
  usableBytes: number;
  bufferFraction: number;
  /**
   * Set when a preallocating engine serves a model with no KV pool (an embedding model on vLLM):
   * the engine takes `engineFraction` × usable, and `usableBytes` is that share.
   */
  engineFraction: number | null;
}

export interface PoolVerdict {
  basis: 'kv-pool';
  status: FitStatus;
  engine: 'vllm' | 'sglang';
  /** `gpu_memory_utilization` (vLLM) or `mem_fraction_static` (SGLang). */
  fraction: number;
  usableBytes: number;
  /** fraction × usable: what the engine allocates on each card at start-up. */
  engineBytes: number;
  /** What the engine keeps inside that allocation besides the KV pool (weights; vLLM adds its activation peak and non-torch memory). */
  nonKvBytes: number;
  poolBytes: number;
  poolTokens: number;
  /** KV bytes one token takes on this card. */
  kvBytesPerToken: number;
  /**
   * Per-card bytes outside the engine's allocation that the per-card total still counts (vLLM:
   * the CUDA context; SGLang: activations and overhead, which live outside its static fraction).
   * engineBytes + outsideBytes is what that total, headroom included, is measured against.
   */
  outsideBytes: number;
  concurrency: number;
  contextTokens: number;
  /** concurrency × context, in whole blocks per sequence. */
  requestedTokens: number;
  /** requested × (1 + buffer), rounded up: the headroom "fits" asks for. */
  requestedWithBufferTokens: number;
  bufferFraction: number;
  /**
   * vLLM's own start-up line "Maximum concurrency for N tokens per request: X x" (pool tokens ÷
   * tokens per request, printed with 2 decimals); null for SGLang, which prints no such figure.
   */
  engineConcurrency: number | null;
}

export type Verdict = MemoryVerdict | PoolVerdict;

/**
 * @example memoryVerdict(58_925_000_000, 0.2, 65_176_128_717).status // 'tight': 58.9 GB fits, 70.7 GB does not
 */
export function memoryVerdict(needBytes: number, bufferFraction: number, usableBytes: number, engineFraction: number | null = null): MemoryVerdict {
  const needWithBufferBytes = needBytes + Math.ceil(needBytes * bufferFraction);
  const status: FitStatus = needWithBufferBytes <= usableBytes ? 'fits' : needBytes <= usableBytes ? 'tight' : 'no';
  return { basis: 'memory', status, needBytes, needWithBufferBytes, usableBytes, bufferFraction, engineFraction };
}

export interface PoolInput {
  engine: 'vllm' | 'sglang';
  fraction: number;
  usableBytes: number;
  nonKvBytes: number;
  outsideBytes: number;
  /** KV bytes one token takes on this card. */
  kvBytesPerToken: number;
  /** Tokens per KV block: the pool and each sequence hold whole blocks (vLLM 16, SGLang 1). */
  blockTokens: number;
  concurrency: number;
  contextTokens: number;
  bufferFraction: number;
}

/**
 * @example
 * // QwQ-32B, vLLM 0.19, TP 2 on Ascend 910B (60.70 GiB usable), 10 users × 16,000 tokens:
 * // 0.9 × 60.70 GiB − 30.51 (weights) − 2.22 (activations) − 2.10 (non-torch) = 19.79 GiB
 * // = 162,160 tokens at 131,072 B each; 160,000 requested, 192,000 with 20% headroom → 'tight'
 */
export function poolVerdict(i: PoolInput): PoolVerdict {
  const engineBytes = Math.floor(i.fraction * i.usableBytes);
  const poolBytes = Math.max(0, engineBytes - i.nonKvBytes);
  const poolTokens = Math.floor(poolBytes / i.kvBytesPerToken / i.blockTokens) * i.blockTokens;
  const perSequence = Math.ceil(i.contextTokens / i.blockTokens) * i.blockTokens;
  const requestedTokens = perSequence * i.concurrency;
  const requestedWithBufferTokens = Math.ceil(requestedTokens * (1 + i.bufferFraction));
  const status: FitStatus = poolTokens >= requestedWithBufferTokens && poolTokens > 0 ? 'fits' : poolTokens >= requestedTokens && poolTokens > 0 ? 'tight' : 'no';
  return {
    basis: 'kv-pool',
    status,
    engine: i.engine,
    fraction: i.fraction,
    usableBytes: i.usableBytes,
    engineBytes,
    nonKvBytes: i.nonKvBytes,
    poolBytes,
    poolTokens,
    kvBytesPerToken: i.kvBytesPerToken,
    outsideBytes: i.outsideBytes,
    concurrency: i.concurrency,
    contextTokens: i.contextTokens,
    requestedTokens,
    requestedWithBufferTokens,
    bufferFraction: i.bufferFraction,
    engineConcurrency: i.engine === 'vllm' ? Math.round((poolTokens / perSequence) * 100) / 100 : null,
  };
}

/**
 * The most whole users (sequences of `contextTokens`) that still "fit", with the same headroom
 * as the verdict. Users are whole: 26.99 is 26.
 * @example poolMaxUsers(162_160, 16_000, 16, 0.2) // 8 (8 × 16,000 × 1.2 = 153,600 ≤ 162,160)
 */
export function poolMaxUsers(poolTokens: number, contextTokens: number, blockTokens: number, bufferFraction: number): number {
  const perSequence = Math.ceil(contextTokens / blockTokens) * blockTokens;
  return Math.max(0, Math.floor(poolTokens / (perSequence * (1 + bufferFraction))));
}

/**
 * The longest context (tokens) that still "fits" for `concurrency` users in a pool, in whole blocks.
 * @example poolMaxContextTokens(162_160, 10, 16, 0.2) // 13,504
 */
export function poolMaxContextTokens(poolTokens: number, concurrency: number, blockTokens: number, bufferFraction: number): number {
  const perSequence = poolTokens / (concurrency * (1 + bufferFraction));
  return Math.max(0, Math.floor(perSequence / blockTokens) * blockTokens);
}

/**
 * The verdict as two byte figures per card, for charts and bars: what the workload needs with its
 * safety buffer (or KV headroom) and the limit it is held to (usable memory, or what the engine
 * allocates plus what lives outside that allocation). "fits" is need ≤ limit, up to KV block rounding.
 */
export function verdictBytes(v: Verdict): { needBytes: number; limitBytes: number } {
  if (v.basis === 'memory') return { needBytes: v.needWithBufferBytes, limitBytes: v.usableBytes };
  return { needBytes: v.nonKvBytes + v.outsideBytes + v.requestedWithBufferTokens * v.kvBytesPerToken, limitBytes: v.engineBytes + v.outsideBytes };
}
