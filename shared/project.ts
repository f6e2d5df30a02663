/**
 * Projects and workloads as they cross the renderer ↔ main boundary and go into project files.
 */
import type { EngineCalibration } from './engine-log/calibration.ts';
import type { PricePoint } from './plan/price-point.ts';
import type { Currency } from './catalog/card-specs.ts';
import type { ManualModelFields } from './model/manual.ts';
import type { Workload } from './memory/size.ts';

export type ModelChoice = { builtin: string } | { stored: string };

/** The configuration chosen for the quote. */
export interface ChosenConfiguration {
  card: string;
  tp: number;
  pp: number;
  replicas: number;
}

/** A workload as the user edits it: a model, the scenario, and optionally the chosen configuration. */
export interface WorkloadInput {
  name: string;
  model: ModelChoice;
  workload: Workload;
  targetTokensPerSecond?: number | null;
  chosen?: ChosenConfiguration | null;
}

export interface WorkloadRecord extends WorkloadInput {
  id: string;
  projectId: string;
  position: number;
  targetTokensPerSecond: number | null;
  chosen: ChosenConfiguration | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface ProjectFields {
  name: string;
  client?: string;
  notes?: string;
  currency?: Currency;
  /** The price list the project is quoted from (its id), or null for the catalog's ranges. */
  priceListId?: string | null;
  /** Which point of the catalog's price ranges the project uses: low, mid (default) or high. */
  pricePoint?: PricePoint;
  /** The quote's tax rate (0.13 = 13%), or null for the settings' default. */
  taxRate?: number | null;
  /** A discount on the quote's subtotal (0.05 = 5%), or null for the settings' default. */
  discountFraction?: number | null;
}

export interface ProjectSummary {
  id: string;
  name: string;
  client: string;
  currency: Currency;
  priceListId: string | null;
  pricePoint: PricePoint;
  taxRate: number | null;
  discountFraction: number | null;
  workloads: number;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface ProjectDetail extends ProjectSummary {
  notes: string;
  workloadList: WorkloadRecord[];
}

export interface StoredModel {
  id: string;
  name: string;
  kind: 'config' | 'manual';
  /** The original config.json, or the manual fields. */
  body: Record<string, unknown> | ManualModelFields;
  exactWeightBytes: number | null;
  createdAtMs: number;
}

/** The versioned `.cardplan.json` project file (schema: shared/project-file.schema.json). */
export const PROJECT_FILE_FORMAT = 'cardplan.project';
export const PROJECT_FILE_VERSION = 1;

export interface ProjectFile {
  format: typeof PROJECT_FILE_FORMAT;
  version: number;
  exportedAtMs: number;
  app: string;
  /** The project's fields; a price list stays in the database it was imported into (only the price point travels). */
  project: Required<Omit<ProjectFields, 'priceListId'>>;
  models: { key: string; name: string; kind: 'config' | 'manual'; body: Record<string, unknown>; exactWeightBytes: number | null }[];
  workloads: { name: string; model: { builtin: string } | { model: string }; workload: Workload; targetTokensPerSecond: number | null; chosen: ChosenConfiguration | null }[];
  /** Engine-log calibrations of the cards the project's workloads are chosen on, with their log lines. */
  calibrations?: (EngineCalibration & { excerpt: string })[];
}
