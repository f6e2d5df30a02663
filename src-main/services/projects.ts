/**
 * Project, workload and model services behind the contract. Each validates what the sizing core
 * needs (the model exists and describes, the workload sizes, the chosen configuration is a valid
 * split of a known card) before anything is written, so no row the app cannot use is ever stored.
 */
import { BUILTIN_CARD_SPECS } from '../../shared/catalog/card-specs.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { findModel, builtinModel } from '../../shared/model/catalog.ts';
import { describeModel } from '../../shared/model/from-config.ts';
import { manualModel, type ManualModelFields } from '../../shared/model/manual.ts';
import type { ModelSpec } from '../../shared/model/spec.ts';
import { prepareSizing, validateSplit } from '../../shared/memory/size.ts';
import type { ModelChoice, ProjectDetail, ProjectFields, ProjectSummary, StoredModel, WorkloadInput, WorkloadRecord } from '../../shared/project.ts';
import * as models from '../db/models.ts';
import * as projects from '../db/projects.ts';
import type { Db } from '../db/open.ts';
import type { ServiceContext } from './context.ts';
import { getSettings } from './settings.ts';

const notFound = (what: string, id: string): CardPlanError => new CardPlanError('not_found', `${what} ${JSON.stringify(id)} does not exist (or was deleted)`);

export function modelSpecOf(db: Db, choice: ModelChoice): ModelSpec {
  if ('builtin' in choice) {
    if (!findModel(choice.builtin)) throw new CardPlanError('invalid_input', `unknown built-in model ${JSON.stringify(choice.builtin)}`);
    return builtinModel(choice.builtin);
  }
  const stored = models.getModel(db, choice.stored);
  if (!stored) throw notFound('model', choice.stored);
  return specOfStored(stored);
}

export function specOfStored(stored: Pick<StoredModel, 'name' | 'kind' | 'body' | 'exactWeightBytes'>): ModelSpec {
  if (stored.kind === 'manual') return { ...manualModel(stored.body as ManualModelFields), name: stored.name };
  return describeModel(stored.body, { name: stored.name, exactWeightBytes: stored.exactWeightBytes });
}

/** Refuses a workload the sizing core would refuse, or a chosen configuration that cannot exist. */
export function checkWorkload(db: Db, input: WorkloadInput): void {
  const spec = modelSpecOf(db, input.model);
  prepareSizing(spec, input.workload);
  if (input.chosen) {
    const card = BUILTIN_CARD_SPECS.find((c) => c.id === input.chosen!.card);
    if (!card) throw new CardPlanError('invalid_input', `chosen.card: unknown card ${JSON.stringify(input.chosen.card)}`);
    validateSplit(spec, { tp: input.chosen.tp, pp: input.chosen.pp }, []);
  }
}

export const listProjects = (ctx: ServiceContext): ProjectSummary[] => projects.listProjects(ctx.db);

export function getProject(ctx: ServiceContext, id: string): ProjectDetail {
  const project = projects.getProject(ctx.db, id);
  if (!project) throw notFound('project', id);
  return project;
}

/** A new project, priced in the settings' currency unless the fields say otherwise. */
export function createProject(ctx: ServiceContext, fields: ProjectFields, workloads: WorkloadInput[] = []): { id: string } {
  for (const w of workloads) checkWorkload(ctx.db, w);
  const currency = fields.currency ?? getSettings(ctx).currency;
  return { id: projects.insertProject(ctx.db, { ...fields, currency }, Date.now(), workloads) };
}

export function updateProject(ctx: ServiceContext, id: string, fields: Partial<ProjectFields>): ProjectDetail {
  if (fields.priceListId != null && !ctx.db.prepare('SELECT 1 FROM price_lists WHERE id = ?').get(fields.priceListId)) {
    throw new CardPlanError('invalid_input', `project: unknown price list ${JSON.stringify(fields.priceListId)}; import it first (cardplan prices import FILE)`);
  }
  if (!projects.updateProject(ctx.db, id, fields, Date.now())) throw notFound('project', id);
  return getProject(ctx, id);
}

export function duplicateProject(ctx: ServiceContext, id: string, copySuffix = ' (copy)'): { id: string } {
  const copy = projects.duplicateProject(ctx.db, id, Date.now(), (name) => `${name}${copySuffix}`);
  if (!copy) throw notFound('project', id);
  return { id: copy };
}

/** Deleting keeps the project restorable (`project:restore`) until it is purged. */
export function deleteProject(ctx: ServiceContext, id: string): { id: string } {
  if (!projects.softDeleteProject(ctx.db, id, Date.now())) throw notFound('project', id);
  return { id };
}

export function restoreProject(ctx: ServiceContext, id: string): ProjectDetail {
  if (!projects.restoreProject(ctx.db, id)) throw new CardPlanError('not_found', `project ${JSON.stringify(id)} is not a deleted project`);
  return getProject(ctx, id);
}

export function addWorkload(ctx: ServiceContext, projectId: string, input: WorkloadInput): WorkloadRecord {
  getProject(ctx, projectId);
  checkWorkload(ctx.db, input);
  return projects.getWorkload(ctx.db, projects.insertWorkload(ctx.db, projectId, input, Date.now()))!;
}

export function updateWorkload(ctx: ServiceContext, id: string, input: WorkloadInput): WorkloadRecord {
  if (!projects.getWorkload(ctx.db, id)) throw notFound('workload', id);
  checkWorkload(ctx.db, input);
  projects.updateWorkload(ctx.db, id, input, Date.now());
  return projects.getWorkload(ctx.db, id)!;
}

export function deleteWorkload(ctx: ServiceContext, id: string): { id: string } {
  if (!projects.deleteWorkload(ctx.db, id, Date.now())) throw notFound('workload', id);
  return { id };
}

export interface ModelInput {
  name: string;
  config?: Record<string, unknown>;
  manual?: ManualModelFields;
  exactWeightBytes?: number | null;
}

/** Stores an imported config.json (kept verbatim) or typed-in fields, after checking they describe. */
export function saveModel(ctx: ServiceContext, input: ModelInput): StoredModel {
  if ((input.config === undefined) === (input.manual === undefined)) throw new CardPlanError('invalid_input', 'model: give either config or manual');
  const m = {
    name: input.name,
    kind: input.config ? ('config' as const) : ('manual' as const),
    body: (input.config ?? input.manual)!,
    exactWeightBytes: input.exactWeightBytes ?? null,
  };
  specOfStored(m);
  return models.getModel(ctx.db, models.insertModel(ctx.db, m, Date.now()))!;
}

export const listModels = (ctx: ServiceContext): StoredModel[] => models.listModels(ctx.db);
