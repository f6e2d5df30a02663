import type { CardSpec } from '../../shared/catalog/card-specs.ts';
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
  cards = $state<CardSpec[]>([]);
  error = $state<string | null>(null);
  /** Chat: the speed of the chosen option (or of the recommended one, until one is chosen). */
  speed = $state<{ option: PlanOption; chosen: boolean } | null>(null);

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
      this.speed = sizing.kind === 'generation' && (workload.mode ?? 'inference') === 'inference' ? await this.speedOf(workload) : null;
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** The chosen option's speed from a plan on its card, or the recommended option's over the catalog. */
  private async speedOf(workload: Workload): Promise<{ option: PlanOption; chosen: boolean } | null> {
    const w = this.record!;
    const project = await call('projectGet', { id: this.projectId });
    const request = { model: modelRef(w), workload, currency: project.currency, ...(w.targetTokensPerSecond ? { targetTokensPerSecond: w.targetTokensPerSecond } : {}) };
    if (w.chosen) {
      const chosen = w.chosen;
      const plan = await call('plan', { ...request, cardIds: [chosen.card] });
      const option = plan.options.find((o) => o.tp === chosen.tp && o.pp === chosen.pp);
      return option ? { option, chosen: true } : null;
    }
    const plan = await call('plan', request);
    return plan.recommended === null ? null : { option: plan.options[plan.recommended]!, chosen: false };
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
