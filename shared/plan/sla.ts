/**
 * Latency targets (what NVIDIA's AIConfigurator calls an SLA): a time to first token and a time
 * per output token, per user. An option meets them by serving its users on enough replicas that
 * each replica's batch is small enough; when even one user per replica misses, the option misses
 * and says by how much.
 */
import type { Workload } from '../memory/size.ts';
import { latencyAt, type SpeedRequest } from './speed/estimate.ts';

export interface LatencyTargets {
  /** Time to first token, ms; null when not set. */
  ttftMs: number | null;
  /** Time per output token, ms: the tighter of the TPOT target and 1000 ÷ the per-user speed floor. */
  tpotMs: number | null;
}

/**
 * The targets of a chat workload: its own TTFT and TPOT, and the speed floor as a TPOT (10 tokens/s
 * per user is 100 ms per token); null when none is set.
 * @example latencyTargetsOf({ tpotTargetMs: 50 }, 10) // { ttftMs: null, tpotMs: 50 }
 * @example latencyTargetsOf({ ttftTargetMs: 2000 }, 10) // { ttftMs: 2000, tpotMs: 100 }
 */
export function latencyTargetsOf(workload: Pick<Workload, 'ttftTargetMs' | 'tpotTargetMs'>, floorTokensPerSecondPerUser: number | null): LatencyTargets | null {
  const fromFloor = floorTokensPerSecondPerUser === null ? null : 1000 / floorTokensPerSecondPerUser;
  const tpot = [workload.tpotTargetMs ?? null, fromFloor].filter((x): x is number => x !== null);
  const targets: LatencyTargets = { ttftMs: workload.ttftTargetMs ?? null, tpotMs: tpot.length ? Math.min(...tpot) : null };
  return targets.ttftMs === null && targets.tpotMs === null ? null : targets;
}

export interface LatencySizing {
  /** Users each replica serves together. */
  batch: number;
  /** Replicas the users need: ⌈users ÷ batch⌉. */
  replicas: number;
  meets: boolean;
  /**
   * Estimated ÷ target where it misses (1.4 = 40% over), at the batch returned: when even one user
   * per replica misses, more replicas do not help and all users stay on one.
   */
  miss: { ttft: number | null; tpot: number | null };
}

function within(req: SpeedRequest, batch: number, t: LatencyTargets): { ok: boolean; ttft: number; tpot: number } | null {
  const l = latencyAt(req, batch);
  if (l === null || (t.ttftMs !== null && l.ttftSeconds === null)) return null;
  const ttft = t.ttftMs === null ? 0 : (l.ttftSeconds! * 1000) / t.ttftMs;
  const tpot = t.tpotMs === null ? 0 : (l.tpotSeconds * 1000) / t.tpotMs;
  return { ok: ttft <= 1 && tpot <= 1, ttft, tpot };
}

/**
 * The largest batch per replica that meets the targets (latency grows with the batch), and the
 * replicas that takes; null when the card's speed figures are unknown (its bandwidth, or its
 * compute peak when there is a TTFT target).
 * @example
 * // 64 users, TPOT target 50 ms, and a replica at 48 ms with 32 users and 55 ms with 33:
 * // batch 32, 2 replicas.
 */
export function sizeForLatency(req: SpeedRequest, users: number, targets: LatencyTargets): LatencySizing | null {
  const all = within(req, users, targets);
  if (all === null) return null;
  if (all.ok) return { batch: users, replicas: 1, meets: true, miss: { ttft: null, tpot: null } };
  const one = within(req, 1, targets)!;
  if (!one.ok) {
    return { batch: users, replicas: 1, meets: false, miss: { ttft: all.ttft > 1 ? all.ttft : null, tpot: all.tpot > 1 ? all.tpot : null } };
  }
  let lo = 1;
  let hi = users;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (within(req, mid, targets)!.ok) lo = mid;
    else hi = mid;
  }
  return { batch: lo, replicas: Math.ceil(users / lo), meets: true, miss: { ttft: null, tpot: null } };
}
