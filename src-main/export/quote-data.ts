/**
 * Everything a quote shows, gathered from the store and the plans: the project, each workload's
 * chosen configuration with its memory and throughput, the bill of materials, the alternatives
 * considered, and the assumptions. The workbook writer only lays these out.
 */
import type { CardSpec } from '../../shared/catalog/card-specs.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { sizeWorkload, type SizingResult } from '../../shared/memory/size.ts';
import type { PlanAssumptions } from '../../shared/plan/assumptions.ts';
import { billOfMaterials, type BillOfMaterials } from '../../shared/plan/bom.ts';
import { planWorkload, type PlanOption } from '../../shared/plan/plan.ts';
import { measuredSpeedsFor } from '../services/measured-speeds.ts';
import { calibrationsFor } from '../services/calibrations.ts';
import { appliedCalibration } from '../../shared/engine-log/calibration.ts';
import type { ProjectDetail, WorkloadRecord } from '../../shared/project.ts';
import type { ServiceContext } from '../services/context.ts';
import { pricingFor } from '../services/planning.ts';
import type { PriceListRef } from '../../shared/catalog/price-list-apply.ts';
import type { PricePoint } from '../../shared/plan/price-point.ts';
import { getProject, modelSpecOf } from '../services/projects.ts';
import { getSettings } from '../services/settings.ts';

export interface QuotedWorkload {
  record: WorkloadRecord;
  modelName: string;
  params: number;
  option: PlanOption;
  card: CardSpec;
  sizing: SizingResult;
  /** Cheapest fitting option per card, NVIDIA and domestic, for the comparison sheet. */
  alternatives: PlanOption[];
}

export interface QuoteData {
  project: ProjectDetail;
  createdAtMs: number;
  assumptions: PlanAssumptions;
  safetyBufferFraction: number;
  workloads: QuotedWorkload[];
  bom: BillOfMaterials;
  cards: CardSpec[];
  /** The price list the cards are priced from, if the project chose one; else the catalog's ranges at `pricePoint`. */
  priceList: PriceListRef | null;
  pricePoint: PricePoint;
  document: QuoteDocument;
}

/** What makes the workbook a quote finance signs: its number, validity, parties, tax and terms. */
export interface QuoteDocument {
  /** Sequential per database: the number of quotes exported before, plus one. */
  sequence: number;
  /** "CP-2026-0007": year of the quote and its sequence. */
  number: string;
  validityDays: number;
  validUntilMs: number;
  supplier: { name: string; contact: string; address: string };
  paymentTerms: string;
  taxRate: number;
  /** Whether the project sets its own rate (else the settings' default). */
  taxRateFromProject: boolean;
  discountFraction: number;
}

const DAY_MS = 86_400_000;

function quoteDocument(ctx: ServiceContext, project: ProjectDetail, nowMs: number): QuoteDocument {
  const s = getSettings(ctx);
  const previous = ctx.storeless ? 0 : (ctx.db.prepare('SELECT coalesce(max(number), 0) FROM quotes').pluck().get() as number);
  const sequence = previous + 1;
  return {
    sequence,
    number: `CP-${new Date(nowMs).getUTCFullYear()}-${String(sequence).padStart(4, '0')}`,
    validityDays: s.quoteValidityDays,
    validUntilMs: nowMs + s.quoteValidityDays * DAY_MS,
    supplier: { name: s.supplierName, contact: s.supplierContact, address: s.supplierAddress },
    paymentTerms: s.paymentTerms,
    taxRate: project.taxRate ?? s.taxRate,
    taxRateFromProject: project.taxRate !== null,
    discountFraction: project.discountFraction ?? s.discountFraction,
  };
}

const ALTERNATIVES_PER_ORIGIN = 5;

export function quoteData(ctx: ServiceContext, projectId: string, nowMs = Date.now()): QuoteData {
  const project = getProject(ctx, projectId);
  if (project.workloadList.length === 0) throw new CardPlanError('invalid_input', `project "${project.name}" has no workloads to quote`);
  const pricing = pricingFor(ctx, { projectId });
  const assumptions = pricing.assumptions;
  const catalog = pricing.cards;
  const workloads = project.workloadList.map((w): QuotedWorkload => {
    const spec = modelSpecOf(ctx.db, w.model);
    const measuredSpeeds = measuredSpeedsFor(ctx, spec.name);
    const calibrations = calibrationsFor(ctx, w.workload.engine);
    const everywhere = planWorkload({ spec, workload: w.workload, cards: catalog, assumptions, measuredSpeeds, calibrations, ...(w.targetTokensPerSecond ? { targetTokensPerSecond: w.targetTokensPerSecond } : {}) });
    let option: PlanOption | undefined;
    if (w.chosen) {
      const chosen = w.chosen;
      const card = catalog.find((c) => c.id === chosen.card);
      if (!card) throw new CardPlanError('invalid_input', `workload "${w.name}": its card ${chosen.card} is no longer in the catalog; choose another`);
      const onCard = planWorkload({ spec, workload: w.workload, cards: [card], assumptions, measuredSpeeds, calibrations });
      option = onCard.options.find((o) => o.tp === chosen.tp && o.pp === chosen.pp);
      if (option) {
        // The chosen replica count may differ from what the target alone would give.
        const factor = chosen.replicas / option.replicas;
        option = {
          ...option,
          replicas: chosen.replicas,
          cards: chosen.tp * chosen.pp * chosen.replicas,
          decodeTokensPerSecond: option.decodeTokensPerSecond === null ? null : option.decodeTokensPerSecond * factor,
          inputTokensPerSecond: option.inputTokensPerSecond === null ? null : option.inputTokensPerSecond * factor,
          throughputTokensPerSecond: option.throughputTokensPerSecond === null ? null : option.throughputTokensPerSecond * factor,
        };
      }
    } else if (everywhere.recommended !== null) {
      option = everywhere.options[everywhere.recommended];
    }
    if (!option) throw new CardPlanError('invalid_input', `workload "${w.name}" has no configuration that fits; choose one under Compare`);
    const card = catalog.find((c) => c.id === option!.card)!;
    const sizing = sizeWorkload(spec, w.workload, { card: { id: card.id, name: card.name, vendor: card.vendor, nominalBytes: card.memoryBytes ?? 0, usableBytes: card.usableBytes ?? 0, usableSource: card.usableSource }, tp: option.tp, pp: option.pp }, calibrations.has(card.id) ? appliedCalibration(calibrations.get(card.id)!, spec.name) : null);
    // Each card's best option by the recommendation's own ranking, where it fits and has a price.
    const sorted = everywhere.bestPerCard.map((i) => everywhere.options[i]!).filter((o) => o.fits && o.capex !== null);
    const alternatives = [...sorted.filter((o) => !o.domestic).slice(0, ALTERNATIVES_PER_ORIGIN), ...sorted.filter((o) => o.domestic).slice(0, ALTERNATIVES_PER_ORIGIN)];
    return { record: w, modelName: spec.name, params: sizing.params, option, card, sizing, alternatives };
  });
  const bom = billOfMaterials(
    workloads.map((q) => ({ workload: q.record.name, card: q.card, tp: q.option.tp, pp: q.option.pp, replicas: q.option.replicas, decodeTokensPerSecond: q.option.decodeTokensPerSecond, verdict: q.option.verdict })),
    assumptions,
  );
  const used = new Set([...workloads.map((q) => q.card.id), ...workloads.flatMap((q) => q.alternatives.map((o) => o.card))]);
  return {
    project,
    createdAtMs: nowMs,
    assumptions,
    safetyBufferFraction: getSettings(ctx).safetyBufferFraction,
    workloads,
    bom,
    cards: catalog.filter((c) => used.has(c.id)),
    priceList: pricing.priceList,
    pricePoint: pricing.pricePoint,
    document: quoteDocument(ctx, project, nowMs),
  };
}
