import type { SizingResult, Workload } from '../../shared/memory/size.ts';
import type { PlanOption } from '../../shared/plan/plan.ts';
import type { WorkloadRecord } from '../../shared/project.ts';
import { call, messageOf } from '../api.ts';
import { modelRef } from './workspace.svelte.ts';

/** One workload's detail: the detailed sizing (per card when a configuration is chosen), the rule of thumb beside it, and what fits. */
export class WorkloadState {
  record = $state<WorkloadRecord | null>(null);
  sizing = $state<SizingResult | null>(null);
  rule = $state<SizingResult | null>(null);
  option = $state<PlanOption | null>(null);
  error = $state<string | null>(null);

  constructor(
    readonly projectId: string,
    readonly workloadId: string,
  ) {}

  async load(): Promise<void> {
    try {
      const project = await call('projectGet', { id: this.projectId });
      this.record = project.workloadList.find((w) => w.id === this.workloadId) ?? null;
      await this.recompute();
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Recomputes from the current inputs (the sliders call this on every move). */
  async recompute(patch: Partial<Workload> = {}): Promise<void> {
    const w = this.record;
    if (!w) return;
    const workload = { ...w.workload, ...patch };
    try {
      const placement = w.chosen ? { cardId: w.chosen.card, tp: w.chosen.tp, pp: w.chosen.pp } : undefined;
      const [sizing, rule] = await Promise.all([
        call('size', { model: modelRef(w), workload, ...(placement ? { placement } : {}) }),
        call('size', { model: modelRef(w), workload: { ...workload, method: 'rule-of-thumb' } }),
      ]);
      this.sizing = sizing;
      this.rule = rule;
      this.option = w.chosen
        ? ((await call('plan', { model: modelRef(w), workload, cardIds: [w.chosen.card] })).options.find((o) => o.tp === w.chosen!.tp && o.pp === w.chosen!.pp) ?? null)
        : null;
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Saves a slider's final value. */
  async save(patch: Partial<Workload>): Promise<void> {
    const w = this.record;
    if (!w) return;
    try {
      this.record = await call('workloadUpdate', { id: w.id, workload: { name: w.name, model: w.model, workload: { ...w.workload, ...patch }, targetTokensPerSecond: w.targetTokensPerSecond, chosen: w.chosen } });
      await this.recompute();
    } catch (error) {
      this.error = messageOf(error);
    }
  }
}
