import type { PriceListSummary, ProjectTotals } from '../../shared/contract.ts';
import type { PricePoint } from '../../shared/plan/price-point.ts';
import type { CardSpec } from '../../shared/catalog/card-specs.ts';
import type { CatalogModelSummary } from '../../shared/contract.ts';
import type { Workload } from '../../shared/memory/size.ts';
import type { Verdict } from '../../shared/memory/verdict.ts';
import type { CalibrationSource } from '../../shared/memory/size.ts';
import type { WorkloadKind } from '../../shared/model/spec.ts';
import type { PlanOption } from '../../shared/plan/plan.ts';
import type { ProjectDetail, StoredModel, WorkloadInput, WorkloadRecord } from '../../shared/project.ts';
import { call, messageOf } from '../api.ts';
import { Guarded } from './guarded.svelte.ts';
import { downloadProjectFile, downloadQuote } from '../downloads.ts';

/** What a workload row shows beside its inputs: per-card memory and the chosen option's cost. */
export interface RowFigures {
  perCardBytes: number | null;
  capacityBytes: number | null;
  /** The chosen configuration's verdict, with the figure it was made on. */
  verdict: Verdict | null;
  /** The kind the workload is sized as (its own, or the model's default). */
  kind: WorkloadKind | null;
  option: PlanOption | null;
  /** Set when the verdict rests on the user's engine log for this card. */
  calibratedFrom: CalibrationSource | null;
  error: string | null;
}

const EMPTY: RowFigures = { perCardBytes: null, capacityBytes: null, verdict: null, kind: null, option: null, calibratedFrom: null, error: null };

/**
 * The scenario a new workload starts from: 4,096 tokens (never the model's maximum), one user, vLLM
 * for generation; an embedding or reranker model starts as such, on transformers (sentence-
 * transformers, FlagEmbedding), with its context capped at the model's limit.
 */
export function newWorkload(model: CatalogModelSummary | null): Workload {
  const context = Math.min(4096, model?.maxContextTokens ?? 4096);
  if (model && model.kind !== 'generation') return { kind: model.kind, contextTokens: context, concurrency: 8, engine: 'transformers' };
  return { contextTokens: context, concurrency: 1, engine: 'vllm' };
}

export const modelRef = (w: WorkloadRecord) => ('builtin' in w.model ? { id: w.model.builtin } : { stored: w.model.stored });

/** One project's workspace: its workloads, the model catalog, and each row's figures. */
export class WorkspaceState extends Guarded {
  project = $state<ProjectDetail | null>(null);
  catalog = $state<CatalogModelSummary[]>([]);
  stored = $state<StoredModel[]>([]);
  figures = $state<Record<string, RowFigures>>({});
  cards = $state<CardSpec[]>([]);
  /** Price lists the project can be quoted from. */
  priceLists = $state<PriceListSummary[]>([]);
  /** The project's capex per workload and on shared servers (the quote's); null while it cannot be priced. */
  totals = $state<ProjectTotals | null>(null);
  search = $state('');

  constructor(readonly projectId: string) {
    super();
  }

  readonly matches = $derived.by(() => {
    const q = this.search.trim().toLowerCase();
    return this.catalog.filter((m) => !q || `${m.id} ${m.name} ${m.modelType} ${Math.round(m.params / 1e9)}b`.toLowerCase().includes(q));
  });

  async load(): Promise<void> {
    await this.run(async () => {
      const [project, catalog, stored, cards, priceLists] = await Promise.all([
        call('projectGet', { id: this.projectId }),
        call('models', undefined),
        call('modelList', undefined),
        call('cards', undefined),
        call('pricesList', undefined),
      ]);
      this.project = project;
      this.priceLists = priceLists;
      this.catalog = catalog;
      this.stored = stored;
      this.cards = cards;
    });
    await Promise.all((this.project?.workloadList ?? []).map((w) => this.refreshFigures(w)));
    await this.refreshTotals();
  }

  /** Both totals again; a project that cannot be quoted yet (no workload, nothing fits) shows none. */
  async refreshTotals(): Promise<void> {
    try {
      this.totals = this.project?.workloadList.length ? await call('quoteTotals', { projectId: this.projectId }) : null;
    } catch {
      this.totals = null;
    }
  }

  modelName(w: WorkloadRecord): string {
    if ('builtin' in w.model) {
      const id = w.model.builtin;
      return this.catalog.find((m) => m.id === id)?.name ?? id;
    }
    const id = w.model.stored;
    return this.stored.find((m) => m.id === id)?.name ?? id;
  }

  /** A card's name, not its id, wherever the workspace shows a configuration. */
  cardName(id: string): string {
    return this.cards.find((c) => c.id === id)?.name ?? id;
  }

  /** Whether the model behind a workload is an encoder (it cannot generate). */
  isEncoder(w: WorkloadRecord): boolean {
    return 'builtin' in w.model ? (this.catalog.find((m) => m.id === (w.model as { builtin: string }).builtin)?.encoder ?? false) : false;
  }

  async refreshFigures(w: WorkloadRecord): Promise<void> {
    const figures: RowFigures = { ...EMPTY };
    try {
      if (w.chosen) {
        const sized = await call('size', { model: modelRef(w), workload: w.workload, placement: { cardId: w.chosen.card, tp: w.chosen.tp, pp: w.chosen.pp } });
        figures.perCardBytes = sized.perCard!.bytes.total;
        figures.capacityBytes = sized.perCard!.capacityBytes;
        figures.verdict = sized.perCard!.verdict;
        figures.calibratedFrom = sized.perCard!.calibratedFrom;
        figures.kind = sized.kind;
        const plan = await call('plan', { model: modelRef(w), workload: w.workload, cardIds: [w.chosen.card], projectId: this.projectId, ...(this.project ? { currency: this.project.currency } : {}), ...(w.targetTokensPerSecond ? { targetTokensPerSecond: w.targetTokensPerSecond } : {}) });
        figures.option = plan.options.find((o) => o.tp === w.chosen!.tp && o.pp === w.chosen!.pp) ?? null;
      } else {
        const sized = await call('size', { model: modelRef(w), workload: w.workload });
        figures.perCardBytes = sized.bytes.total;
        figures.kind = sized.kind;
      }
    } catch (error) {
      figures.error = messageOf(error);
    }
    this.figures = { ...this.figures, [w.id]: figures };
  }

  /** The project's price list (null: the catalog's ranges) and price point; every figure is priced again. */
  async setPricing(patch: { priceListId?: string | null; pricePoint?: PricePoint; taxRate?: number | null; discountFraction?: number | null }): Promise<void> {
    await this.rename(patch);
    await Promise.all((this.project?.workloadList ?? []).map((w) => this.refreshFigures(w)));
    await this.refreshTotals();
  }

  async rename(patch: { name?: string; client?: string; priceListId?: string | null; pricePoint?: PricePoint; taxRate?: number | null; discountFraction?: number | null }): Promise<void> {
    const updated = await this.run(() => call('projectUpdate', { id: this.projectId, patch }));
    if (updated) this.project = updated;
  }

  async add(input: WorkloadInput): Promise<void> {
    const created = await this.run(() => call('workloadAdd', { projectId: this.projectId, workload: input }));
    if (created && this.project) {
      this.project = { ...this.project, workloadList: [...this.project.workloadList, created], workloads: this.project.workloads + 1 };
      await this.refreshFigures(created);
      await this.refreshTotals();
    }
  }

  /** Saves one edited field of a workload at once (every change is saved automatically). */
  async update(w: WorkloadRecord, patch: Partial<Workload>): Promise<void> {
    const input: WorkloadInput = { name: w.name, model: w.model, workload: { ...w.workload, ...patch }, targetTokensPerSecond: w.targetTokensPerSecond, chosen: w.chosen };
    try {
      const saved = await call('workloadUpdate', { id: w.id, workload: input });
      if (this.project) this.project = { ...this.project, workloadList: this.project.workloadList.map((x) => (x.id === w.id ? saved : x)) };
      await this.refreshFigures(saved);
      await this.refreshTotals();
    } catch (error) {
      this.figures = { ...this.figures, [w.id]: { ...(this.figures[w.id] ?? EMPTY), error: messageOf(error) } };
    }
  }

  async remove(w: WorkloadRecord): Promise<void> {
    await this.run(() => call('workloadDelete', { id: w.id }));
    await this.load();
  }

  /** Imports a config.json as a stored model (kept verbatim) and adds a workload on it. */
  async importConfig(file: File): Promise<void> {
    await this.run(async () => {
      const config = JSON.parse(await file.text()) as Record<string, unknown>;
      // A config.json rarely names its model: use _name_or_path, else the file's own name, else the architecture.
      const fileName = file.name.replace(/\.json$/i, '');
      const architecture = Array.isArray(config.architectures) && typeof config.architectures[0] === 'string' ? config.architectures[0] : String(config.model_type ?? 'model');
      const name = typeof config._name_or_path === 'string' && config._name_or_path ? config._name_or_path : fileName.toLowerCase() !== 'config' ? fileName : architecture;
      const model = await call('modelSave', { name, config });
      this.stored = [...this.stored, model];
      await this.add({ name, model: { stored: model.id }, workload: newWorkload(null) });
    });
  }

  /** The quote workbook and the project file, saved through the page's download. */
  async exportQuote(language: 'zh-CN' | 'en'): Promise<void> {
    await this.run(() => downloadQuote(this.projectId, language));
  }

  async exportFile(): Promise<void> {
    await this.run(() => downloadProjectFile(this.projectId));
  }
}
