/**
 * Which option CardPlan recommends, and the order options are shown in. One ranking serves the
 * recommendation, each card's best option in Compare, and the project plan:
 *
 * 1. eligible: fits (not merely tight), has a price, meets the load target, every user's speed
 *    floor and the latency targets: cheapest first; at equal capex the faster; then lower TCO,
 *    then fewer cards;
 * 2. fits and meets all of them, but has no price: fewest cards first, then the faster;
 * 3. fits but misses the target, the floor or a latency target (or its speed is unknown): the faster first;
 * 4. tight (only inside the safety margin); 5. does not fit: the least short first.
 *
 * The recommendation is the first eligible option; nothing is recommended when none is.
 */
import type { PlanOption } from './plan.ts';
import type { LatencyTargets } from './sla.ts';

export interface Recommendation {
  /** Index of the recommended option, or null when no option is eligible. */
  index: number | null;
  /** Options that fit, have a price and meet the target and the floor. */
  eligible: number;
  /** Fitting options left out, by reason (an option may have several). */
  leftOut: { belowFloor: number; belowTarget: number; missesLatency: number; noPrice: number; noSpeed: number; tight: number };
  floorTokensPerSecondPerUser: number | null;
  /** The TTFT and TPOT targets as the workload set them (TPOT without the floor folded in); null when none. */
  latencyTargets: LatencyTargets | null;
  targetTokensPerSecond: number | null;
  /** An eligible option that costs the same as the recommendation but is slower: why one split beat another. */
  sameCapexSlower: { index: number; throughputTokensPerSecond: number } | null;
}

interface Criteria {
  target: number | undefined;
  floor: number | null;
  latency?: LatencyTargets | null;
  /** The user's own targets, for the sentence (the floor is stated apart). */
  stated?: LatencyTargets | null;
}

/** Capex within half a currency unit is "the same capex" (same cards, same servers). */
const SAME_CAPEX = 0.5;

function meetsDemands(o: PlanOption, c: Criteria): boolean {
  return (c.target === undefined || o.meetsTarget === true) && (c.floor === null || o.meetsFloor === true) && (!c.latency || o.meetsLatency === true);
}

/** 0 best … 4 worst, as in the list above. */
export function tierOf(o: PlanOption, c: Criteria): number {
  if (o.status === 'no') return 4;
  if (o.status === 'tight') return 3;
  if (!meetsDemands(o, c)) return 2;
  return o.capex === null ? 1 : 0;
}

const nullLast = (x: number | null, y: number | null, sign: 1 | -1): number => (x === null || y === null ? (x === y ? 0 : x === null ? 1 : -1) : (x - y) * sign);

export function compareOptions(a: PlanOption, b: PlanOption, c: Criteria): number {
  const ta = tierOf(a, c);
  const tb = tierOf(b, c);
  if (ta !== tb) return ta - tb;
  const speed = nullLast(a.throughputTokensPerSecond, b.throughputTokensPerSecond, -1);
  switch (ta) {
    case 0: {
      const capex = Math.abs(a.capex! - b.capex!) < SAME_CAPEX ? 0 : a.capex! - b.capex!;
      return capex || speed || nullLast(a.tcoPerYear, b.tcoPerYear, 1) || a.cards - b.cards;
    }
    case 1:
      return a.cards - b.cards || speed;
    case 2:
      return speed || a.cards - b.cards;
    default:
      // Closest to fitting first: the smallest need for the capacity.
      return a.perCardBytes / a.capacityBytes - b.perCardBytes / b.capacityBytes || a.cards - b.cards;
  }
}

export function rankAndRecommend(options: readonly PlanOption[], c: Criteria): { recommended: number | null; recommendation: Recommendation; bestPerCard: number[] } {
  const indexes = options.map((_, i) => i);
  const order = [...indexes].sort((x, y) => compareOptions(options[x]!, options[y]!, c));
  const first = order[0];
  const recommended = first !== undefined && tierOf(options[first]!, c) === 0 ? first : null;

  const leftOut = { belowFloor: 0, belowTarget: 0, missesLatency: 0, noPrice: 0, noSpeed: 0, tight: 0 };
  for (const o of options) {
    if (o.status === 'tight') leftOut.tight++;
    if (o.status !== 'fits') continue;
    if (o.meetsFloor === false) leftOut.belowFloor++;
    if (o.meetsTarget === false) leftOut.belowTarget++;
    // Below the floor is said once: as below the floor, not also as missing the TPOT it implies.
    if (o.meetsLatency === false && o.meetsFloor !== false) leftOut.missesLatency++;
    if ((c.floor !== null || c.target !== undefined || c.latency) && o.throughputTokensPerSecond === null) leftOut.noSpeed++;
    if (o.capex === null) leftOut.noPrice++;
  }

  let sameCapexSlower: Recommendation['sameCapexSlower'] = null;
  if (recommended !== null) {
    const rec = options[recommended]!;
    for (const i of order) {
      const o = options[i]!;
      if (i === recommended || tierOf(o, c) !== 0 || Math.abs(o.capex! - rec.capex!) >= SAME_CAPEX) continue;
      if (o.throughputTokensPerSecond !== null && rec.throughputTokensPerSecond !== null && o.throughputTokensPerSecond < rec.throughputTokensPerSecond) {
        sameCapexSlower = { index: i, throughputTokensPerSecond: o.throughputTokensPerSecond };
        break;
      }
    }
  }

  const best = new Map<string, number>();
  for (const i of order) if (!best.has(options[i]!.card)) best.set(options[i]!.card, i);

  return {
    recommended,
    recommendation: {
      index: recommended,
      eligible: options.filter((o) => tierOf(o, c) === 0).length,
      leftOut,
      floorTokensPerSecondPerUser: c.floor,
      latencyTargets: c.stated ?? null,
      targetTokensPerSecond: c.target ?? null,
      sameCapexSlower,
    },
    bestPerCard: [...best.values()],
  };
}
