/**
 * `.cardplan.json` project files: a whole project with the custom models it uses, versioned.
 * Import checks everything (format, version, every model and workload) before writing anything,
 * then writes the project in one transaction.
 */
import fs from 'node:fs';
import * as v from 'valibot';
import { CardPlanError } from '../../shared/errors.ts';
import { PROJECT_FILE_FORMAT, PROJECT_FILE_VERSION, type ProjectFile, type WorkloadInput } from '../../shared/project.ts';
import * as models from '../db/models.ts';
import * as projects from '../db/projects.ts';
import { APP_NAME, APP_VERSION } from '../version.ts';
import type { ServiceContext } from './context.ts';
import { checkWorkload, getProject, specOfStored } from './projects.ts';
import { insertCalibration, listCalibrations } from './calibrations.ts';
import { projectFieldsSchema, workloadInputFields } from './schemas.ts';

export function exportProject(ctx: ServiceContext, id: string): ProjectFile {
  const project = getProject(ctx, id);
  const used = new Map<string, string>();
  const fileModels: ProjectFile['models'] = [];
  for (const w of project.workloadList) {
    if (!('stored' in w.model) || used.has(w.model.stored)) continue;
    const stored = models.getModel(ctx.db, w.model.stored)!;
    const key = `m${fileModels.length + 1}`;
    used.set(stored.id, key);
    fileModels.push({ key, name: stored.name, kind: stored.kind, body: stored.body as Record<string, unknown>, exactWeightBytes: stored.exactWeightBytes });
  }
  return {
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    exportedAtMs: Date.now(),
    app: `${APP_NAME} ${APP_VERSION}`,
    project: { name: project.name, client: project.client, notes: project.notes, currency: project.currency, pricePoint: project.pricePoint, taxRate: project.taxRate, discountFraction: project.discountFraction },
    models: fileModels,
    workloads: project.workloadList.map((w) => ({
      name: w.name,
      model: 'builtin' in w.model ? { builtin: w.model.builtin } : { model: used.get(w.model.stored)! },
      workload: w.workload,
      targetTokensPerSecond: w.targetTokensPerSecond,
      chosen: w.chosen,
    })),
    calibrations: listCalibrations(ctx).filter((c) => project.workloadList.some((w) => w.chosen?.card === c.cardId && w.workload.engine === c.engine)),
  };
}

const fileSchema = v.strictObject({
  format: v.literal(PROJECT_FILE_FORMAT),
  version: v.literal(PROJECT_FILE_VERSION),
  exportedAtMs: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  app: v.pipe(v.string(), v.maxLength(100)),
  project: projectFieldsSchema,
  models: v.pipe(
    v.array(
      v.strictObject({
        key: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
        name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
        kind: v.picklist(['config', 'manual']),
        body: v.record(v.string(), v.unknown()),
        exactWeightBytes: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
      }),
    ),
    v.maxLength(1000),
  ),
  workloads: v.pipe(
    v.array(
      v.strictObject({
        ...workloadInputFields,
        model: v.union([v.strictObject({ builtin: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }), v.strictObject({ model: v.pipe(v.string(), v.minLength(1), v.maxLength(50)) })]),
      }),
    ),
    v.maxLength(1000),
  ),
  calibrations: v.optional(
    v.pipe(
      v.array(
        v.strictObject({
          id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
          cardId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
          engine: v.picklist(['vllm', 'sglang']),
          model: v.nullable(v.pipe(v.string(), v.maxLength(500))),
          tp: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
          pp: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
          fraction: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
          usableBytes: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
          weightsBytes: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
          kvBytes: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
          nonKvExtraBytes: v.pipe(v.number(), v.safeInteger()),
          createdAtMs: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
          excerpt: v.pipe(v.string(), v.maxLength(20_000)),
        }),
      ),
      v.maxLength(1000),
    ),
  ),
});

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0]!;
  const where = first.path?.map((p) => String(p.key)).join('.') || 'file';
  return `${where}: ${first.message}`;
}

/** Imports a project file's contents; returns the new project's id. */
export function importProject(ctx: ServiceContext, content: unknown): { id: string } {
  if (typeof content !== 'object' || content === null || (content as { format?: unknown }).format !== PROJECT_FILE_FORMAT) {
    throw new CardPlanError('invalid_input', `not a CardPlan project file (expected "format": "${PROJECT_FILE_FORMAT}")`);
  }
  const version = (content as { version?: unknown }).version;
  if (typeof version === 'number' && version > PROJECT_FILE_VERSION) {
    throw new CardPlanError('invalid_input', `this project file is version ${version}, written by a newer CardPlan; this version reads up to ${PROJECT_FILE_VERSION}. Nothing was imported.`);
  }
  const parsed = v.safeParse(fileSchema, content);
  if (!parsed.success) throw new CardPlanError('invalid_input', `project file: ${describe(parsed.issues)}. Nothing was imported.`);
  const file = parsed.output as ProjectFile;
  // Check every model and workload before writing anything.
  const keys = new Set<string>();
  for (const m of file.models) {
    if (keys.has(m.key)) throw new CardPlanError('invalid_input', `project file: model key ${JSON.stringify(m.key)} appears twice. Nothing was imported.`);
    keys.add(m.key);
    try {
      specOfStored(m);
    } catch (error) {
      throw new CardPlanError('invalid_input', `project file: model ${JSON.stringify(m.name)}: ${(error as Error).message}. Nothing was imported.`);
    }
  }
  const now = Date.now();
  return {
    id: ctx.db.transaction(() => {
      const ids = new Map(file.models.map((m) => [m.key, models.insertModel(ctx.db, m, now)]));
      const workloads: WorkloadInput[] = file.workloads.map((w, i) => {
        if ('model' in w.model && !ids.has(w.model.model)) {
          throw new CardPlanError('invalid_input', `project file: workloads.${i}.model refers to model ${JSON.stringify(w.model.model)}, which the file does not contain. Nothing was imported.`);
        }
        const input: WorkloadInput = {
          name: w.name,
          model: 'builtin' in w.model ? { builtin: w.model.builtin } : { stored: ids.get(w.model.model)! },
          workload: w.workload,
          targetTokensPerSecond: w.targetTokensPerSecond,
          chosen: w.chosen,
        };
        try {
          checkWorkload(ctx.db, input);
        } catch (error) {
          throw new CardPlanError('invalid_input', `project file: workloads.${i} (${w.name}): ${(error as Error).message}. Nothing was imported.`);
        }
        return input;
      });
      // A calibration already in this database (same id) is kept as it is.
      for (const c of file.calibrations ?? []) insertCalibration(ctx, c, c.excerpt);
      return projects.insertProject(ctx.db, { ...file.project, priceListId: null }, now, workloads);
    })(),
  };
}

/** Largest project file read; real ones are a few KB. */
export const MAX_PROJECT_FILE_BYTES = 16 * 1024 * 1024;

/** A `.cardplan.json` file's contents, or one line saying why it cannot be read (missing, too large, not JSON). */
export function readProjectFile(file: string): unknown {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CardPlanError('invalid_input', `${file}: no such file`);
  }
  if (size > MAX_PROJECT_FILE_BYTES) throw new CardPlanError('invalid_input', `${file}: ${size} bytes is too large for a project file (at most ${MAX_PROJECT_FILE_BYTES})`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CardPlanError('invalid_input', `${file}: not valid JSON (${(error as Error).message})`);
  }
}
