import type { CardOverride } from '../../shared/catalog/card-override.ts';
import type { MeasuredSpeedRecord } from '../../shared/contract.ts';
import type { Plan, PlanOption } from '../../shared/plan/plan.ts';
import type { ProjectDetail, WorkloadInput, WorkloadRecord } from '../../shared/project.ts';
import { call, messageOf } from '../api.ts';
import { modelRef } from './workspace.svelte.ts';

export type SortKey = 'rank' | 'capex' | 'cards' | 'throughputTokensPerSecond' | 'tcoPerYear' | 'costPerMillionTokens' | 'maxConcurrency' | 'ttftMs' | 'tpotMs';

/** One row of Compare: a card's best option for the workload, with the card's other options behind it. */
export interface CardRow {
  option: PlanOption;
  index: number;
  /** Position in the plan's ranking of cards (0 = best). */
  rank: number;
  others: { option: PlanOption; index: number }[];
}

/** At most this many cards side by side: more columns stop being readable at 1280 px. */
export const MAX_PINS = 4;

/** Compare for one workload: one row per card, filters, pins, and choosing an option for the quote. */
export class CompareState {
  record = $state<WorkloadRecord | null>(null);
  project = $state<ProjectDetail | null>(null);
  plan = $state<Plan | null>(null);
  error = $state<string | null>(null);
  showNvidia = $state(true);
  showDomestic = $state(true);
  vendor = $state('');
  priceKnown = $state(false);
  fitsOnly = $state(false);
  /** Hide GeForce and workstation cards, which most data centres will not buy. */
  dataCentreOnly = $state(false);
  /** Cards with at least this much memory (GiB); 0 shows all. */
  minMemoryGib = $state(0);
  /** Only options that meet the speed floor and the latency targets (the SLA filter). */
  latencyOnly = $state(false);
  /** Speeds the user measured, all cards and models (this workload's model is picked out below). */
  measured = $state<MeasuredSpeedRecord[]>([]);

  sortKey = $state<SortKey>('rank');
  ascending = $state(true);
  pins = $state<string[]>([]);
  expanded = $state<string[]>([]);

  constructor(
    readonly projectId: string,
    readonly workloadId: string,
  ) {}

  readonly vendors = $derived([...new Set((this.plan?.options ?? []).map((o) => o.vendor))].sort());

  /** Every card's best option (the plan's own ranking), then the filters, then the chosen sort. */
  readonly rows = $derived.by((): CardRow[] => {
    const plan = this.plan;
    if (!plan) return [];
    const rows = plan.bestPerCard.map((index, rank) => {
      const option = plan.options[index]!;
      const others = plan.options.map((o, i) => ({ option: o, index: i })).filter((x) => x.option.card === option.card && x.index !== index);
      return { option, index, rank, others };
    });
    const shown = rows.filter(
      ({ option: o }) =>
        (o.domestic ? this.showDomestic : this.showNvidia) &&
        (!this.vendor || o.vendor === this.vendor) &&
        (!this.priceKnown || o.capex !== null) &&
        (!this.fitsOnly || o.fits) &&
        (!this.dataCentreOnly || (o.category !== 'consumer' && o.category !== 'workstation')) &&
        (!this.latencyOnly || (o.tpotMs !== null && o.meetsFloor !== false && (plan.latencyTargets === null || o.meetsLatency === true))) &&
        o.capacityBytes >= this.minMemoryGib * 2 ** 30,
    );
    const key = this.sortKey;
    const sign = this.ascending ? 1 : -1;
    if (key === 'rank') return shown.sort((a, b) => (a.rank - b.rank) * sign);
    // Unknown figures sort last whichever the direction.
    return shown.sort((a, b) => {
      const x = a.option[key];
      const y = b.option[key];
      if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
      return (x - y) * sign || a.rank - b.rank;
    });
  });

  /** The pinned cards' best options, in the order they were pinned. */
  readonly pinned = $derived.by(() => {
    const plan = this.plan;
    if (!plan) return [];
    // Pins stay visible whatever the filters hide.
    return this.pins.flatMap((card) => {
      const rank = plan.bestPerCard.findIndex((i) => plan.options[i]!.card === card);
      return rank < 0 ? [] : [{ option: plan.options[plan.bestPerCard[rank]!]!, index: plan.bestPerCard[rank]!, rank, others: [] }];
    });
  });

  sortBy(key: SortKey): void {
    if (this.sortKey === key) this.ascending = !this.ascending;
    else {
      this.sortKey = key;
      this.ascending = key !== 'throughputTokensPerSecond' && key !== 'maxConcurrency';
    }
  }

  isPinned(card: string): boolean {
    return this.pins.includes(card);
  }

  togglePin(card: string): void {
    if (this.isPinned(card)) this.pins = this.pins.filter((c) => c !== card);
    else if (this.pins.length < MAX_PINS) this.pins = [...this.pins, card];
  }

  isExpanded(card: string): boolean {
    return this.expanded.includes(card);
  }

  toggleExpanded(card: string): void {
    this.expanded = this.isExpanded(card) ? this.expanded.filter((c) => c !== card) : [...this.expanded, card];
  }

  async load(): Promise<void> {
    try {
      this.project = await call('projectGet', { id: this.projectId });
      this.record = this.project.workloadList.find((w) => w.id === this.workloadId) ?? null;
      await this.replan();
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  private async replan(): Promise<void> {
    const w = this.record!;
    this.measured = await call('speedList', undefined);
    this.plan = await call('plan', { model: modelRef(w), workload: w.workload, currency: this.project!.currency, projectId: this.projectId, ...(w.targetTokensPerSecond ? { targetTokensPerSecond: w.targetTokensPerSecond } : {}) });
  }

  /** Saves a change to the workload (its scenario or its chosen option); then `after`, e.g. planning again. */
  private async save(patch: Partial<Pick<WorkloadInput, 'workload' | 'chosen'>>, after?: () => Promise<void>): Promise<void> {
    const w = this.record;
    if (!w) return;
    try {
      this.record = await call('workloadUpdate', { id: w.id, workload: { name: w.name, model: w.model, workload: w.workload, targetTokensPerSecond: w.targetTokensPerSecond, chosen: w.chosen, ...patch } });
      await after?.();
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Saves the per-user speed floor on the workload and plans again (0 turns it off). */
  async setFloor(tokensPerSecond: number): Promise<void> {
    await this.save({ workload: { ...this.record!.workload, minTokensPerSecondPerUser: tokensPerSecond } }, () => this.replan());
  }

  /** Saves the latency targets and request lengths on the workload (null clears one) and plans again. */
  async setLatency(fields: { ttftTargetMs?: number | null; tpotTargetMs?: number | null; promptTokens?: number | null; outputTokens?: number | null }): Promise<void> {
    const workload = { ...this.record!.workload };
    for (const [key, value] of Object.entries(fields) as [keyof typeof fields, number | null | undefined][]) {
      if (value === undefined) continue;
      if (value === null) delete workload[key];
      else workload[key] = value;
    }
    await this.save({ workload }, () => this.replan());
  }

  /** The user's measurement on a card for this workload's model, if any. */
  measuredOn(card: string): MeasuredSpeedRecord | null {
    return this.measured.find((m) => m.cardId === card && m.modelName === this.plan?.model) ?? null;
  }

  async saveMeasured(card: string, tokensPerSecondPerUser: number, batch: number, tp: number): Promise<void> {
    try {
      await call('speedSave', { cardId: card, model: modelRef(this.record!), tokensPerSecondPerUser, batch, tp });
      await this.replan();
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async removeMeasured(card: string): Promise<void> {
    try {
      await call('speedRemove', { cardId: card, modelName: this.plan!.model });
      await this.replan();
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Fills in a figure the catalog lacks for a card (the hole an option reports), then plans again. */
  async fillIn(card: string, patch: CardOverride): Promise<void> {
    try {
      await call('cardOverride', { cardId: card, patch });
      await this.replan();
      this.error = null;
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  isChosen(o: PlanOption): boolean {
    const c = this.record?.chosen;
    return !!c && c.card === o.card && c.tp === o.tp && c.pp === o.pp && c.replicas === o.replicas;
  }

  async choose(o: PlanOption): Promise<void> {
    await this.save({ chosen: { card: o.card, tp: o.tp, pp: o.pp, replicas: o.replicas } });
  }
}
