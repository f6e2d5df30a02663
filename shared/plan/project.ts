/**
 * Plans a whole project: several workloads, one bill of materials. Each workload is planned over
 * the catalog; then the project is priced two ways — every workload on its own cheapest option,
 * and all workloads on one card type (sharing servers) — and the cheaper bill wins. Mixed card
 * types only pay off when they save more than the extra half-empty servers cost.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { Workload } from '../memory/size.ts';
import { DEFAULT_ASSUMPTIONS, type PlanAssumptions } from './assumptions.ts';
import { billOfMaterials, type BillOfMaterials, type Placed } from './bom.ts';
import { planWorkload, type Plan } from './plan.ts';
import type { MeasuredSpeed } from './speed/estimate.ts';
import { compareOptions, tierOf } from './ranking.ts';
import type { EngineCalibration } from '../engine-log/calibration.ts';

export interface ProjectWorkload {
  name: string;
  spec: ModelSpec;
  workload: Workload;
  targetTokensPerSecond?: number;
  /** Speeds the user measured for this model, by card id. */
  measuredSpeeds?: ReadonlyMap<string, MeasuredSpeed>;
  /** Engine logs the user calibrated on, by card id. */
  calibrations?: ReadonlyMap<string, EngineCalibration>;
}

export interface ProjectPlan {
  plans: Plan[];
  /** For each workload, the option chosen (index into its plan), or null when nothing fits. */
  chosen: (number | null)[];
  bom: BillOfMaterials | null;
  strategy: 'per-workload cheapest' | 'one card type' | 'none';
}


export function planProject(workloads: readonly ProjectWorkload[], cards: readonly CardSpec[], a: PlanAssumptions = DEFAULT_ASSUMPTIONS): ProjectPlan {
  const plans = workloads.map((w) => planWorkload({ spec: w.spec, workload: w.workload, cards, assumptions: a, targetTokensPerSecond: w.targetTokensPerSecond, measuredSpeeds: w.measuredSpeeds, calibrations: w.calibrations }));
  const placed = (choice: (number | null)[]): Placed[] =>
    choice.map((i, k) => {
      const o = plans[k]!.options[i!]!;
      return { workload: workloads[k]!.name, card: cards.find((c) => c.id === o.card)!, tp: o.tp, pp: o.pp, replicas: o.replicas, decodeTokensPerSecond: o.decodeTokensPerSecond, verdict: o.verdict };
    });

  const candidates: { choice: (number | null)[]; strategy: ProjectPlan['strategy'] }[] = [];
  const own = plans.map((p) => p.recommended);
  if (own.every((i) => i !== null)) candidates.push({ choice: own, strategy: 'per-workload cheapest' });
  for (const card of cards) {
    const choice = plans.map((p, k) => {
      const criteria = { target: workloads[k]!.targetTokensPerSecond, floor: p.speedFloorTokensPerSecondPerUser, latency: p.latencyTargets };
      const options = p.options.map((o, i) => ({ o, i })).filter(({ o }) => o.card === card.id && tierOf(o, criteria) === 0);
      options.sort((x, y) => compareOptions(x.o, y.o, criteria));
      return options.length ? options[0]!.i : null;
    });
    if (choice.every((i) => i !== null)) candidates.push({ choice, strategy: 'one card type' });
  }
  let best: { choice: (number | null)[]; strategy: ProjectPlan['strategy']; bom: BillOfMaterials } | null = null;
  for (const c of candidates) {
    const bom = billOfMaterials(placed(c.choice), a);
    if (bom.capex !== null && (best === null || bom.capex < best.bom.capex!)) best = { ...c, bom };
  }
  if (!best) return { plans, chosen: plans.map(() => null), bom: null, strategy: 'none' };
  return { plans, chosen: best.choice, bom: best.bom, strategy: best.strategy };
}
