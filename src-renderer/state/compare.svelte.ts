import type { Plan, PlanOption } from '../../shared/plan/plan.ts';
import type { WorkloadRecord } from '../../shared/project.ts';
import { call, messageOf } from '../api.ts';
import { modelRef } from './workspace.svelte.ts';

export type Origin = 'all' | 'domestic' | 'nvidia';
export type SortKey = 'capex' | 'cards' | 'decodeTokensPerSecond' | 'tcoPerYear' | 'costPerMillionTokens' | 'perCardBytes';

/** Every configuration for one workload, filtered and sorted; choosing one saves it on the workload. */
export class CompareState {
  record = $state<WorkloadRecord | null>(null);
  plan = $state<Plan | null>(null);
  error = $state<string | null>(null);
  origin = $state<Origin>('all');
  vendor = $state('');
  priceKnown = $state(false);
  fitsOnly = $state(true);
  /** Cards with at least this much memory (GiB); 0 shows all. */
  minMemoryGib = $state(0);
  sortKey = $state<SortKey>('capex');
  ascending = $state(true);

  constructor(
    readonly projectId: string,
    readonly workloadId: string,
  ) {}

  readonly vendors = $derived([...new Set((this.plan?.options ?? []).map((o) => o.vendor))].sort());

  /** Options with their index in the plan (for the recommended and Pareto marks). */
  readonly rows = $derived.by(() => {
    const plan = this.plan;
    if (!plan) return [];
    const rows = plan.options
      .map((option, index) => ({ option, index }))
      .filter(({ option: o }) => (this.origin === 'all' || o.domestic === (this.origin === 'domestic')) && (!this.vendor || o.vendor === this.vendor) && (!this.priceKnown || o.capex !== null) && (!this.fitsOnly || o.fits) && o.capacityBytes >= this.minMemoryGib * 2 ** 30);
    const key = this.sortKey;
    const sign = this.ascending ? 1 : -1;
    // Unknown figures sort last whichever the direction.
    return rows.sort((a, b) => {
      const x = a.option[key];
      const y = b.option[key];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (x - y) * sign;
    });
  });

  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.ascending = !this.ascending;
    else {
      this.sortKey = key;
      this.ascending = key !== 'decodeTokensPerSecond';
    }
  }

  async load(): Promise<void> {
    try {
      const project = await call('projectGet', { id: this.projectId });
      this.record = project.workloadList.find((w) => w.id === this.workloadId) ?? null;
      const w = this.record!;
      this.plan = await call('plan', { model: modelRef(w), workload: w.workload, currency: project.currency, ...(w.targetTokensPerSecond ? { targetTokensPerSecond: w.targetTokensPerSecond } : {}) });
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  isChosen(o: PlanOption): boolean {
    const c = this.record?.chosen;
    return !!c && c.card === o.card && c.tp === o.tp && c.pp === o.pp && c.replicas === o.replicas;
  }

  async choose(o: PlanOption): Promise<void> {
    const w = this.record;
    if (!w) return;
    try {
      this.record = await call('workloadUpdate', {
        id: w.id,
        workload: { name: w.name, model: w.model, workload: w.workload, targetTokensPerSecond: w.targetTokensPerSecond, chosen: { card: o.card, tp: o.tp, pp: o.pp, replicas: o.replicas } },
      });
    } catch (error) {
      this.error = messageOf(error);
    }
  }
}
