/**
 * The one contract between the renderer and the main process. Every call the page can make is a
 * method here with its channel name (`domain:verb`), request type and response type. Main registers
 * a handler per channel (src-main/ipc/handlers.ts), the preload exposes one method per channel
 * through `contextBridge`, and the browser harness builds the same object over HTTP; all three
 * build it with `createApi` below, so they cannot drift apart.
 *
 * Payloads are plain JSON: numbers carry their unit in their name, no class instances or Dates.
 */
import type { AppError } from './errors.ts';
import type { SizingResult, Workload } from './memory/size.ts';
import type { ManualModelFields } from './model/manual.ts';
import type { WorkloadKind } from './model/spec.ts';
import type { CardOverride } from './catalog/card-override.ts';
import type { CardSpec, Currency } from './catalog/card-specs.ts';
import type { EngineCalibration } from './engine-log/calibration.ts';
import type { LogCheck } from './engine-log/check.ts';
import type { EngineFamily, EngineObservation } from './engine-log/observation.ts';
import type { BadRow, PriceListItem } from './catalog/price-list.ts';
import type { PricePoint } from './plan/price-point.ts';
import type { Plan } from './plan/plan.ts';
import type { ProjectPlan } from './plan/project.ts';
import type { ProjectDetail, ProjectFields, ProjectFile, ProjectSummary, StoredModel, WorkloadInput, WorkloadRecord } from './project.ts';
import type { Settings } from './settings.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What the app reports about itself: the first call the window makes. */
export interface AppInfo {
  name: string;
  version: string;
  /** `electron` inside the desktop app, `node` for the CLI and the browser harness. */
  runtime: 'electron' | 'node';
  databasePath: string;
  /** `PRAGMA user_version` after migrations. */
  schemaVersion: number;
  /** What happened when the database was opened that the user must know (recovery from a backup). */
  storeNotices: string[];
  catalog: {
    cardCount: number;
    nvidiaCardCount: number;
    domesticCardCount: number;
    vendorCount: number;
  };
}

/** A model to size: a catalog id, a config.json's contents, or fields typed in by hand. */
export type ModelRef =
  | { id: string }
  | { stored: string }
  | { config: Record<string, unknown>; name?: string; exactWeightBytes?: number | null }
  | { manual: ManualModelFields };

export interface SizeRequest {
  model: ModelRef;
  workload: Workload;
  /** A card from the catalog and the tensor/pipeline-parallel degrees to split over. */
  placement?: { cardId: string; tp: number; pp: number };
}

export interface PlanRequestPayload {
  model: ModelRef;
  workload: Workload;
  /** Card ids to consider; all built-in cards when absent. */
  cardIds?: string[];
  targetTokensPerSecond?: number;
  currency?: Currency;
  /** Price as this project does: its price list and price point. */
  projectId?: string;
  /** Or name them directly (the CLI's --prices and --price-point). */
  priceList?: string;
  pricePoint?: PricePoint;
}

/**
 * What main asks the window to do (from the native menu, or when a `.cardplan.json` file is
 * opened): sent on the one event channel below, received through `window.cardplanCommands`.
 */
export type AppCommand =
  | { kind: 'new-project' }
  | { kind: 'example-project' }
  | { kind: 'import-project' }
  | { kind: 'export-project' }
  | { kind: 'export-quote' }
  | { kind: 'open-project'; projectId: string }
  | { kind: 'language'; language: 'zh-CN' | 'en' };

export const COMMAND_CHANNEL = 'app:command';

/** The window's subscription to main's commands; returns the unsubscribe function. */
export interface CommandSource {
  subscribe(listener: (command: AppCommand) => void): () => void;
}

/** Method name → channel, request and response. Add a channel here first; TypeScript then asks for the rest. */
export interface Contract {
  appInfo: { channel: 'app:info'; request: void; response: AppInfo };
  size: { channel: 'sizing:size'; request: SizeRequest; response: SizingResult };
  cards: { channel: 'catalog:cards'; request: void; response: CardSpec[] };
  plan: { channel: 'plan:workload'; request: PlanRequestPayload; response: Plan };
  projectList: { channel: 'project:list'; request: void; response: ProjectSummary[] };
  projectGet: { channel: 'project:get'; request: { id: string }; response: ProjectDetail };
  /** A blank project from its fields, or the built-in example project. */
  projectCreate: { channel: 'project:create'; request: { fields: ProjectFields } | { example: true; language?: 'zh-CN' | 'en' }; response: { id: string } };
  projectUpdate: { channel: 'project:update'; request: { id: string; patch: Partial<ProjectFields> }; response: ProjectDetail };
  projectDuplicate: { channel: 'project:duplicate'; request: { id: string; copySuffix?: string }; response: { id: string } };
  /** Deletes a project so that `project:restore` can bring it back. */
  projectDelete: { channel: 'project:delete'; request: { id: string }; response: { id: string } };
  projectRestore: { channel: 'project:restore'; request: { id: string }; response: ProjectDetail };
  projectExport: { channel: 'project:export'; request: { id: string }; response: ProjectFile };
  projectImport: { channel: 'project:import'; request: { file: unknown }; response: { id: string } };
  workloadAdd: { channel: 'workload:add'; request: { projectId: string; workload: WorkloadInput }; response: WorkloadRecord };
  workloadUpdate: { channel: 'workload:update'; request: { id: string; workload: WorkloadInput }; response: WorkloadRecord };
  workloadDelete: { channel: 'workload:delete'; request: { id: string }; response: { id: string } };
  modelList: { channel: 'model:list'; request: void; response: StoredModel[] };
  modelSave: {
    channel: 'model:save';
    request: { name: string; config?: Record<string, unknown>; manual?: ManualModelFields; exactWeightBytes?: number | null };
    response: StoredModel;
  };
  settingsGet: { channel: 'settings:get'; request: void; response: Settings };
  settingsSet: { channel: 'settings:set'; request: Partial<Settings>; response: Settings };
  /** Edits a card's figures (a quote's price, a measured bandwidth) or adds a card of the user's own. */
  cardOverride: { channel: 'card:override'; request: { cardId: string; patch: CardOverride }; response: CardSpec };
  cardReset: { channel: 'card:reset'; request: { cardId: string }; response: { cardId: string } };
  /** Every workload of a project planned and packed onto shared servers (one bill of materials). */
  planProject: { channel: 'plan:project'; request: { projectId: string }; response: ProjectPlan };
  /** The project's capex with each workload on its own servers, and on shared servers as the quote charges it. */
  quoteTotals: { channel: 'quote:totals'; request: { projectId: string }; response: ProjectTotals };
  /** Builds the project's quote workbook and records the export; the window saves the bytes. */
  quoteExport: {
    channel: 'quote:export';
    request: { projectId: string; language: 'zh-CN' | 'en' };
    response: { fileName: string; base64: string; capex: number; currency: string };
  };
  /** The built-in models, for the catalog search. */
  models: { channel: 'catalog:models'; request: void; response: CatalogModelSummary[] };
  /** Speeds the user measured (per card and model); plans scale their estimate to them. */
  speedList: { channel: 'speed:list'; request: void; response: MeasuredSpeedRecord[] };
  speedSave: { channel: 'speed:save'; request: MeasuredSpeedInput; response: MeasuredSpeedRecord };
  speedRemove: { channel: 'speed:remove'; request: { cardId: string; modelName: string }; response: { cardId: string; modelName: string } };
  /** An engine's start-up log beside CardPlan's prediction for the same settings; stores nothing. */
  logCheck: { channel: 'log:check'; request: LogCheckRequest; response: LogCheckResult };
  /** Keeps the log's calibration for its card and engine: plans at that split then use it. */
  calibrationSave: { channel: 'calibration:save'; request: LogCheckRequest; response: CalibrationRecord };
  calibrationList: { channel: 'calibration:list'; request: void; response: CalibrationRecord[] };
  calibrationRemove: { channel: 'calibration:remove'; request: { id: string }; response: { id: string } };
  /** What a price-list file would import (matched rows, bad rows with their lines); stores nothing. */
  pricesPreview: { channel: 'prices:preview'; request: { fileName: string; base64: string }; response: PriceListPreview };
  /** Stores a price list's good rows under a name (confirming a preview). */
  pricesImport: { channel: 'prices:import'; request: { fileName: string; base64: string; name: string; source?: string }; response: { list: PriceListSummary; preview: PriceListPreview } };
  pricesList: { channel: 'prices:list'; request: void; response: PriceListSummary[] };
  pricesDelete: { channel: 'prices:delete'; request: { id: string }; response: { id: string } };
  /** The effective card catalog (the user's edits, and a project's price list when given) as an .xlsx workbook. */
  catalogExport: { channel: 'catalog:export'; request: { projectId?: string; language: 'zh-CN' | 'en' }; response: { fileName: string; base64: string } };
}

export interface PriceListSummary {
  id: string;
  name: string;
  source: string;
  fileName: string;
  importedAtMs: number;
  items: number;
}

export interface PriceListPreview {
  fileName: string;
  /** The header each field was read from. */
  columns: Partial<Record<'item' | 'price' | 'currency' | 'date' | 'source' | 'minQuantity', string>>;
  items: (PriceListItem & { name: string })[];
  bad: BadRow[];
}

/** A speed measured on a card for a model: time per output token (or tokens/s each user saw) at a batch and TP degree. */
export interface MeasuredSpeedInput {
  cardId: string;
  model: SizeRequest['model'];
  tpotMs?: number;
  tokensPerSecondPerUser?: number;
  /** Users decoding together when it was measured. */
  batch: number;
  tp: number;
  note?: string;
  measuredAtMs?: number;
}

export interface MeasuredSpeedRecord {
  cardId: string;
  /** The model's name (its Hugging Face name for built-in models). */
  modelName: string;
  tpotMs: number;
  batch: number;
  tp: number;
  note: string;
  measuredAtMs: number;
}

export interface CatalogModelSummary {
  id: string;
  name: string;
  modelType: string;
  params: number;
  activeParams: number;
  maxContextTokens: number | null;
  defaultWeights: string;
  /** What the model is for: generation, embedding or reranker (encoders cannot generate). */
  kind: WorkloadKind;
  encoder: boolean;
  source: string;
}

export type Method = keyof Contract;
export type Channel = Contract[Method]['channel'];
export type RequestOf<M extends Method> = Contract[M]['request'];
export type ResponseOf<M extends Method> = Contract[M]['response'];

/** Capex before tax: the sum of each workload on its own servers, and the project on shared servers (the quote's). */
export interface ProjectTotals {
  currency: Currency;
  perWorkload: number | null;
  perWorkloadServers: number;
  shared: number | null;
  sharedServers: number;
}

/** A start-up log to check: its text, the model and card it ran, optionally its engine and version. */
export interface LogCheckRequest {
  text: string;
  model: ModelRef;
  cardId: string;
  engine?: EngineFamily;
  engineVersion?: string;
  /** Calibrate the card even though the log loaded another model than `model`. */
  acceptOtherModel?: boolean;
}

export interface LogCheckResult {
  observation: EngineObservation;
  /** CardPlan's prediction beside the log, term by term. */
  check: LogCheck;
  /** The same once calibrated on this log: what plans will say. */
  calibrated: LogCheck;
  calibration: EngineCalibration;
  /** Set when the log's model is not the one asked for. */
  modelMismatch: string | null;
  /** The log lines the figures come from, numbered. */
  excerpt: string;
}

export type CalibrationRecord = EngineCalibration & { excerpt: string };

export const CHANNELS: { readonly [M in Method]: Contract[M]['channel'] } = {
  appInfo: 'app:info',
  size: 'sizing:size',
  cards: 'catalog:cards',
  plan: 'plan:workload',
  projectList: 'project:list',
  projectGet: 'project:get',
  projectCreate: 'project:create',
  projectUpdate: 'project:update',
  projectDuplicate: 'project:duplicate',
  projectDelete: 'project:delete',
  projectRestore: 'project:restore',
  projectExport: 'project:export',
  projectImport: 'project:import',
  workloadAdd: 'workload:add',
  workloadUpdate: 'workload:update',
  workloadDelete: 'workload:delete',
  modelList: 'model:list',
  modelSave: 'model:save',
  settingsGet: 'settings:get',
  settingsSet: 'settings:set',
  cardOverride: 'card:override',
  cardReset: 'card:reset',
  models: 'catalog:models',
  planProject: 'plan:project',
  quoteTotals: 'quote:totals',
  quoteExport: 'quote:export',
  speedList: 'speed:list',
  speedSave: 'speed:save',
  speedRemove: 'speed:remove',
  logCheck: 'log:check',
  calibrationSave: 'calibration:save',
  calibrationList: 'calibration:list',
  calibrationRemove: 'calibration:remove',
  pricesPreview: 'prices:preview',
  pricesImport: 'prices:import',
  pricesList: 'prices:list',
  pricesDelete: 'prices:delete',
  catalogExport: 'catalog:export',
};

export const METHODS = Object.keys(CHANNELS) as Method[];

/** The object the renderer sees as `window.cardplan`. */
export type Api = {
  [M in Method]: (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;
};

/** Sends one request over whatever transport carries it (Electron IPC or the harness's HTTP). */
export type Invoke = (channel: Channel, request: unknown) => Promise<Result<unknown>>;

/**
 * Builds the API object with one method per channel over a transport. Used by the preload
 * (`ipcRenderer.invoke`) and by the browser harness (`fetch`), so both expose the same shape.
 *
 * @example
 * const api = createApi((channel, request) => ipcRenderer.invoke(channel, request));
 * const info = await api.appInfo(); // { ok: true, value: { version: '0.1.0', … } }
 */
export function createApi(invoke: Invoke): Api {
  const api: Record<string, (request: unknown) => Promise<Result<unknown>>> = {};
  for (const method of METHODS) {
    const channel = CHANNELS[method];
    api[method] = (request: unknown) => invoke(channel, request);
  }
  return Object.freeze(api) as unknown as Api;
}

/** Finds the method serving a channel name; `undefined` for anything the contract does not name. */
export function methodForChannel(channel: unknown): Method | undefined {
  if (typeof channel !== 'string') return undefined;
  return METHODS.find((method) => CHANNELS[method] === channel);
}
