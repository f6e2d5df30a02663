import type { CardSpec } from '../../shared/catalog/card-specs.ts';
import type { SizingResult, Workload } from '../../shared/memory/size.ts';
import type { WorkloadRecord } from '../../shared/project.ts';
import { call, messageOf } from '../api.ts';
import { modelRef } from './workspace.svelte.ts';

/** One workload's detail: the detailed sizing (per card when a configuration is chosen), the rule of thumb beside it, and what fits. */
export class WorkloadState {
  record = $state<WorkloadRecord | null>(null);
  sizing = $state<SizingResult | null>(null);
  rule = $state<SizingResult | null>(null);
  cards = $state<CardSpec[]>([]);
  error = $state<string | null>(null);

  constructor(
    readonly projectId: string,
    readonly workloadId: string,
  ) {}

  async load(): Promise<void> {
    try {
      const [project, cards] = await Promise.all([call('projectGet', { id: this.projectId }), call('cards', undefined)]);
      this.cards = cards;
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
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  cardName(id: string): string {
    return this.cards.find((c) => c.id === id)?.name ?? id;
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
