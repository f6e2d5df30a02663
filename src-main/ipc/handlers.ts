/**
 * The handler table: for every contract method, the schema its request must satisfy and the
 * service that answers it. Electron's `ipcMain.handle` (main.ts) and the browser harness
 * (web/server.ts) both call `dispatch`, so the page gets the same validation and the same
 * services whichever shell it runs in. The renderer is untrusted: nothing reaches a service
 * before its schema accepts it, and nothing but the envelope goes back.
 */
import * as v from 'valibot';
import { CHANNELS, METHODS, methodForChannel, type Method, type RequestOf, type ResponseOf, type Result } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { appInfo } from '../services/app.ts';
import { listCards, plan, planProject } from '../services/planning.ts';
import { projectTotals } from '../export/totals.ts';
import { quoteBuffer } from '../export/quote.ts';
import { catalogModels, size } from '../services/sizing.ts';
import type { ServiceContext } from '../services/context.ts';
import { createExampleProject } from '../services/example-project.ts';
import { exportProject, importProject } from '../services/project-file.ts';
import * as projects from '../services/projects.ts';
import { count, finite, idSchema, modelInputSchema, modelSchema, oneOf, projectFieldsSchema, projectPatchSchema, text, workloadInputSchema, workloadSchema } from '../services/schemas.ts';
import { getSettings, setSettings, settingsPatchSchema } from '../services/settings.ts';
import { overrideCard, resetCard } from '../services/cards.ts';
import { cardOverrideSchema } from '../services/schemas.ts';
import { PRICE_POINTS } from '../../shared/plan/price-point.ts';
import { listMeasuredSpeeds, removeMeasuredSpeed, saveMeasuredSpeed } from '../services/measured-speeds.ts';
import { deletePriceList, importPriceList, listPriceLists, previewPriceList } from '../services/price-lists.ts';
import { catalogBuffer } from '../export/catalog.ts';
import { checkEngineLog, listCalibrations, removeCalibration, saveCalibration } from '../services/calibrations.ts';
import { MAX_LOG_BYTES } from '../../shared/engine-log/input.ts';
import { ENGINE_FAMILIES } from '../../shared/engine-log/observation.ts';

// valibot rather than zod: the same declarative schemas, but it loads in a few milliseconds, which
// keeps `cardplan` as quick to start as plain Node.
type Schema<T> = v.GenericSchema<unknown, T>;

interface Handler<M extends Method> {
  request: Schema<RequestOf<M>>;
  handle: (ctx: ServiceContext, request: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>>;
}

const sizeRequestSchema = v.strictObject({
  model: modelSchema,
  workload: workloadSchema,
  placement: v.optional(v.strictObject({ cardId: text(200), tp: v.pipe(count, v.maxValue(1024)), pp: v.pipe(count, v.maxValue(1024)) })),
});

const planRequestSchema = v.strictObject({
  model: modelSchema,
  workload: workloadSchema,
  cardIds: v.optional(v.pipe(v.array(text(200)), v.minLength(1), v.maxLength(500))),
  targetTokensPerSecond: v.optional(v.pipe(finite, v.gtValue(0, 'Invalid number: expected a positive number'))),
  currency: v.optional(oneOf(['CNY', 'USD', 'EUR'] as const)),
  projectId: v.optional(idSchema),
  priceList: v.optional(text(200)),
  pricePoint: v.optional(oneOf(PRICE_POINTS)),
});

/** A file's bytes as base64, at most 8 MiB of them (a price list is far smaller). */
const base64Schema = v.pipe(v.string(), v.maxLength(Math.ceil((8 * 2 ** 20 * 4) / 3) + 4, 'Invalid file: larger than 8 MiB'), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Invalid file: expected base64'));

// The request types are declared in the contract; the cast ties each schema to its channel (the
// hardening tests send every channel good and malformed payloads).
const schema = <T>(s: v.GenericSchema<unknown, unknown>): Schema<T> => s as Schema<T>;
const logCheckSchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(MAX_LOG_BYTES, `Invalid log: longer than ${MAX_LOG_BYTES / 1e6} MB; paste the start-up part (its first few thousand lines)`)),
  model: modelSchema,
  cardId: text(200),
  engine: v.optional(oneOf(ENGINE_FAMILIES)),
  engineVersion: v.optional(text(20)),
  acceptOtherModel: v.optional(v.boolean()),
});
const none = <T>(): Schema<T> => schema<T>(v.undefined());
const byId = () => schema<{ id: string }>(v.strictObject({ id: idSchema }));

export const HANDLERS: { readonly [M in Method]: Handler<M> } = {
  appInfo: { request: v.undefined() as Schema<undefined> as Schema<RequestOf<'appInfo'>>, handle: (ctx) => appInfo(ctx) },
  size: { request: sizeRequestSchema as unknown as Schema<RequestOf<'size'>>, handle: (ctx, request) => size(ctx, request) },
  cards: { request: v.undefined() as Schema<undefined> as Schema<RequestOf<'cards'>>, handle: (ctx) => listCards(ctx) },
  plan: { request: planRequestSchema as unknown as Schema<RequestOf<'plan'>>, handle: (ctx, request) => plan(ctx, request) },
  projectList: { request: none(), handle: (ctx) => projects.listProjects(ctx) },
  projectGet: { request: byId(), handle: (ctx, r) => projects.getProject(ctx, r.id) },
  projectCreate: {
    request: schema(v.union([v.strictObject({ fields: projectFieldsSchema }), v.strictObject({ example: v.literal(true), language: v.optional(oneOf(['zh-CN', 'en'] as const)) })], 'Invalid request: expected { fields } or { example: true }')),
    handle: (ctx, r) => ('example' in r ? createExampleProject(ctx, r.language) : projects.createProject(ctx, r.fields)),
  },
  projectUpdate: { request: schema(v.strictObject({ id: idSchema, patch: projectPatchSchema })), handle: (ctx, r) => projects.updateProject(ctx, r.id, r.patch) },
  projectDuplicate: {
    request: schema(v.strictObject({ id: idSchema, copySuffix: v.optional(v.pipe(v.string(), v.maxLength(50))) })),
    handle: (ctx, r) => projects.duplicateProject(ctx, r.id, r.copySuffix),
  },
  projectDelete: { request: byId(), handle: (ctx, r) => projects.deleteProject(ctx, r.id) },
  projectRestore: { request: byId(), handle: (ctx, r) => projects.restoreProject(ctx, r.id) },
  projectExport: { request: byId(), handle: (ctx, r) => exportProject(ctx, r.id) },
  projectImport: { request: schema(v.strictObject({ file: v.unknown() })), handle: (ctx, r) => importProject(ctx, r.file) },
  workloadAdd: { request: schema(v.strictObject({ projectId: idSchema, workload: workloadInputSchema })), handle: (ctx, r) => projects.addWorkload(ctx, r.projectId, r.workload) },
  workloadUpdate: { request: schema(v.strictObject({ id: idSchema, workload: workloadInputSchema })), handle: (ctx, r) => projects.updateWorkload(ctx, r.id, r.workload) },
  workloadDelete: { request: byId(), handle: (ctx, r) => projects.deleteWorkload(ctx, r.id) },
  modelList: { request: none(), handle: (ctx) => projects.listModels(ctx) },
  modelSave: { request: schema(modelInputSchema), handle: (ctx, r) => projects.saveModel(ctx, r) },
  settingsGet: { request: none(), handle: (ctx) => getSettings(ctx) },
  settingsSet: { request: schema(settingsPatchSchema), handle: (ctx, r) => setSettings(ctx, r) },
  cardOverride: { request: schema(v.strictObject({ cardId: idSchema, patch: cardOverrideSchema })), handle: (ctx, r) => overrideCard(ctx, r.cardId, r.patch) },
  cardReset: { request: schema(v.strictObject({ cardId: idSchema })), handle: (ctx, r) => resetCard(ctx, r.cardId) },
  models: { request: none(), handle: () => catalogModels() },
  speedList: { request: none(), handle: (ctx) => listMeasuredSpeeds(ctx) },
  speedSave: {
    request: schema(
      v.strictObject({
        cardId: text(200),
        model: modelSchema,
        tpotMs: v.optional(finite),
        tokensPerSecondPerUser: v.optional(finite),
        batch: finite,
        tp: finite,
        note: v.optional(v.pipe(v.string(), v.maxLength(500))),
        measuredAtMs: v.optional(v.pipe(finite, v.integer())),
      }),
    ),
    handle: (ctx, r) => saveMeasuredSpeed(ctx, r),
  },
  logCheck: { request: schema(logCheckSchema), handle: (ctx, r) => checkEngineLog(ctx, r) },
  calibrationSave: { request: schema(logCheckSchema), handle: (ctx, r) => saveCalibration(ctx, r) },
  calibrationList: { request: none(), handle: (ctx) => listCalibrations(ctx) },
  calibrationRemove: { request: schema(v.strictObject({ id: idSchema })), handle: (ctx, r) => removeCalibration(ctx, r.id) },
  speedRemove: { request: schema(v.strictObject({ cardId: text(200), modelName: text(200) })), handle: (ctx, r) => removeMeasuredSpeed(ctx, r.cardId, r.modelName) },
  pricesPreview: { request: schema(v.strictObject({ fileName: text(500), base64: base64Schema })), handle: (ctx, r) => previewPriceList(ctx, r) },
  pricesImport: {
    request: schema(v.strictObject({ fileName: text(500), base64: base64Schema, name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Invalid name: must not be empty'), v.maxLength(200)), source: v.optional(v.pipe(v.string(), v.maxLength(200))) })),
    handle: (ctx, r) => importPriceList(ctx, r),
  },
  pricesList: { request: none(), handle: (ctx) => listPriceLists(ctx) },
  pricesDelete: { request: byId(), handle: (ctx, r) => deletePriceList(ctx, r.id) },
  catalogExport: {
    request: schema(v.strictObject({ projectId: v.optional(idSchema), language: oneOf(['zh-CN', 'en'] as const) })),
    handle: async (ctx, r) => {
      const { fileName, buffer } = await catalogBuffer(ctx, r);
      return { fileName, base64: buffer.toString('base64') };
    },
  },
  planProject: { request: schema(v.strictObject({ projectId: idSchema })), handle: (ctx, r) => planProject(ctx, r.projectId) },
  quoteTotals: { request: schema(v.strictObject({ projectId: idSchema })), handle: (ctx, r) => projectTotals(ctx, r.projectId) },
  quoteExport: {
    request: schema(v.strictObject({ projectId: idSchema, language: oneOf(['zh-CN', 'en'] as const) })),
    handle: async (ctx, r) => {
      const { fileName, buffer, totals } = await quoteBuffer(ctx, r.projectId, r.language);
      return { fileName, base64: buffer.toString('base64'), capex: totals.capex, currency: totals.currency };
    },
  },
};

/**
 * What the disk did wrong, in words, for SQLite's storage errors (the transaction that hit it was
 * rolled back, so nothing was half-written); undefined for anything else.
 */
export function storageProblem(error: unknown): string | undefined {
  const code = String((error as { code?: unknown })?.code ?? '');
  if (code.startsWith('SQLITE_FULL')) return 'the disk holding the database is full; nothing was saved';
  if (code.startsWith('SQLITE_READONLY')) return 'the database is read-only (a read-only disk or folder); nothing was saved';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk failed while saving; nothing was saved';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'another CardPlan is writing to the same database; try again';
  return undefined;
}

/** One line naming each field that was wrong and what is allowed. */
export function describeIssues(channel: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const parts = issues.map((issue) => {
    const path = issue.path?.map((item) => String(item.key)) ?? [];
    return `${path.length > 0 ? path.join('.') : 'request'}: ${issue.message}`;
  });
  return `${channel}: invalid request (${parts.join('; ')})`;
}

export type ErrorLogger = (message: string, error: unknown) => void;

const logToStderr: ErrorLogger = (message, error) => {
  console.error(message, error);
};

/**
 * Validates and answers one request. Never throws: an unknown channel, a payload its schema
 * refuses, a `CardPlanError` from a service and an unexpected failure all come back as
 * `{ ok: false, error: { code, message } }`. Unexpected failures are logged in main with their
 * stack; the renderer sees only a one-line message.
 */
export async function dispatch(
  ctx: ServiceContext,
  channel: unknown,
  payload: unknown,
  logError: ErrorLogger = logToStderr,
): Promise<Result<unknown>> {
  const method = methodForChannel(channel);
  if (!method) {
    const known = METHODS.map((m) => CHANNELS[m]).join(', ');
    return {
      ok: false,
      error: { code: 'unknown_channel', message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}; known: ${known}` },
    };
  }
  const handler = HANDLERS[method] as unknown as Handler<Method>;
  const parsed = v.safeParse(handler.request, payload);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(CHANNELS[method], parsed.issues) } };
  }
  try {
    return { ok: true, value: await handler.handle(ctx, parsed.output) };
  } catch (error) {
    if (error instanceof CardPlanError) return { ok: false, error: { code: error.code, message: error.message } };
    const storage = storageProblem(error);
    if (storage) {
      logError(`${CHANNELS[method]} failed`, error);
      return { ok: false, error: { code: 'storage', message: `${CHANNELS[method]}: ${storage}` } };
    }
    logError(`${CHANNELS[method]} failed`, error);
    return {
      ok: false,
      error: { code: 'internal', message: `${CHANNELS[method]}: internal error (${(error as Error)?.message ?? String(error)})` },
    };
  }
}
