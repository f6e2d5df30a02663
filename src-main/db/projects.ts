/**
 * Repository of projects and their workloads: small functions taking the database first. Every
 * change of more than one statement runs in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Currency } from '../../shared/catalog/card-specs.ts';
import type { PricePoint } from '../../shared/plan/price-point.ts';
import type { Workload } from '../../shared/memory/size.ts';
import type { ChosenConfiguration, ProjectDetail, ProjectFields, ProjectSummary, WorkloadInput, WorkloadRecord } from '../../shared/project.ts';
import type { Db } from './open.ts';

interface ProjectRow {
  id: string;
  name: string;
  client: string;
  notes: string;
  currency: Currency;
  price_list_id: string | null;
  price_point: PricePoint;
  tax_rate: number | null;
  discount_fraction: number | null;
  created_at_ms: number;
  updated_at_ms: number;
  workloads: number;
}

interface WorkloadRow {
  id: string;
  project_id: string;
  position: number;
  name: string;
  builtin_model_id: string | null;
  model_id: string | null;
  weights: string | null;
  kv_dtype: string;
  context_tokens: number;
  concurrency: number;
  mode: string;
  engine: string;
  target_tokens_per_second: number | null;
  options_json: string;
  chosen_json: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

const summary = (r: ProjectRow): ProjectSummary => ({
  id: r.id,
  name: r.name,
  client: r.client,
  currency: r.currency,
  priceListId: r.price_list_id,
  pricePoint: r.price_point,
  taxRate: r.tax_rate,
  discountFraction: r.discount_fraction,
  workloads: r.workloads,
  createdAtMs: r.created_at_ms,
  updatedAtMs: r.updated_at_ms,
});

const PROJECTS = `SELECT p.*, (SELECT count(*) FROM workloads w WHERE w.project_id = p.id) AS workloads FROM projects p`;

export function listProjects(db: Db): ProjectSummary[] {
  return (db.prepare(`${PROJECTS} WHERE p.deleted_at_ms IS NULL ORDER BY p.updated_at_ms DESC, p.name`).all() as ProjectRow[]).map(summary);
}

/** The columns of a workload, the rest of its settings going to options_json. */
function workloadColumns(input: WorkloadInput): Omit<WorkloadRow, 'id' | 'project_id' | 'position' | 'created_at_ms' | 'updated_at_ms'> {
  const { weights, kvDtype, contextTokens, concurrency, mode, engine, ...rest } = input.workload;
  return {
    name: input.name,
    builtin_model_id: 'builtin' in input.model ? input.model.builtin : null,
    model_id: 'stored' in input.model ? input.model.stored : null,
    weights: weights ?? null,
    kv_dtype: kvDtype ?? 'auto',
    context_tokens: contextTokens ?? 4096,
    concurrency: concurrency ?? 1,
    mode: mode ?? 'inference',
    engine: engine ?? 'generic',
    target_tokens_per_second: input.targetTokensPerSecond ?? null,
    options_json: JSON.stringify(rest),
    chosen_json: input.chosen ? JSON.stringify(input.chosen) : null,
  };
}

function workloadRecord(r: WorkloadRow): WorkloadRecord {
  const workload: Workload = {
    ...(JSON.parse(r.options_json) as Workload),
    ...(r.weights ? { weights: r.weights as Workload['weights'] } : {}),
    kvDtype: r.kv_dtype as Workload['kvDtype'],
    contextTokens: r.context_tokens,
    concurrency: r.concurrency,
    mode: r.mode as Workload['mode'],
    engine: r.engine as Workload['engine'],
  };
  return {
    id: r.id,
    projectId: r.project_id,
    position: r.position,
    name: r.name,
    model: r.builtin_model_id !== null ? { builtin: r.builtin_model_id } : { stored: r.model_id! },
    workload,
    targetTokensPerSecond: r.target_tokens_per_second,
    chosen: r.chosen_json ? (JSON.parse(r.chosen_json) as ChosenConfiguration) : null,
    createdAtMs: r.created_at_ms,
    updatedAtMs: r.updated_at_ms,
  };
}

export function getProject(db: Db, id: string): ProjectDetail | undefined {
  const row = db.prepare(`${PROJECTS} WHERE p.id = ? AND p.deleted_at_ms IS NULL`).get(id) as ProjectRow | undefined;
  if (!row) return undefined;
  const workloads = (db.prepare('SELECT * FROM workloads WHERE project_id = ? ORDER BY position').all(id) as WorkloadRow[]).map(workloadRecord);
  return { ...summary(row), notes: row.notes, workloadList: workloads };
}

export function insertProject(db: Db, fields: ProjectFields, nowMs: number, workloads: WorkloadInput[] = []): string {
  const id = randomUUID();
  db.transaction(() => {
    db.prepare('INSERT INTO projects (id, name, client, notes, currency, price_list_id, price_point, tax_rate, discount_fraction, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      fields.name,
      fields.client ?? '',
      fields.notes ?? '',
      fields.currency ?? 'CNY',
      fields.priceListId ?? null,
      fields.pricePoint ?? 'mid',
      fields.taxRate ?? null,
      fields.discountFraction ?? null,
      nowMs,
      nowMs,
    );
    workloads.forEach((w) => insertWorkload(db, id, w, nowMs));
  })();
  return id;
}

export function updateProject(db: Db, id: string, fields: Partial<ProjectFields>, nowMs: number): boolean {
  const current = getProject(db, id);
  if (!current) return false;
  db.prepare('UPDATE projects SET name = ?, client = ?, notes = ?, currency = ?, price_list_id = ?, price_point = ?, tax_rate = ?, discount_fraction = ?, updated_at_ms = ? WHERE id = ?').run(
    fields.name ?? current.name,
    fields.client ?? current.client,
    fields.notes ?? current.notes,
    fields.currency ?? current.currency,
    fields.priceListId === undefined ? current.priceListId : fields.priceListId,
    fields.pricePoint ?? current.pricePoint,
    fields.taxRate === undefined ? current.taxRate : fields.taxRate,
    fields.discountFraction === undefined ? current.discountFraction : fields.discountFraction,
    nowMs,
    id,
  );
  return true;
}

/** A copy with its workloads, named "<name> (copy)". */
export function duplicateProject(db: Db, id: string, nowMs: number, copyName: (name: string) => string): string | undefined {
  const source = getProject(db, id);
  if (!source) return undefined;
  return insertProject(
    db,
    { name: copyName(source.name).slice(0, 200), client: source.client, notes: source.notes, currency: source.currency, priceListId: source.priceListId, pricePoint: source.pricePoint, taxRate: source.taxRate, discountFraction: source.discountFraction },
    nowMs,
    source.workloadList,
  );
}

/** Marks deleted; `restoreProject` undoes it. Deleted projects are purged after a grace period. */
export function softDeleteProject(db: Db, id: string, nowMs: number): boolean {
  return db.prepare('UPDATE projects SET deleted_at_ms = ? WHERE id = ? AND deleted_at_ms IS NULL').run(nowMs, id).changes === 1;
}

export function restoreProject(db: Db, id: string): boolean {
  return db.prepare('UPDATE projects SET deleted_at_ms = NULL WHERE id = ? AND deleted_at_ms IS NOT NULL').run(id).changes === 1;
}

export function purgeDeletedProjects(db: Db, deletedBeforeMs: number): number {
  return db.prepare('DELETE FROM projects WHERE deleted_at_ms IS NOT NULL AND deleted_at_ms < ?').run(deletedBeforeMs).changes;
}

export function insertWorkload(db: Db, projectId: string, input: WorkloadInput, nowMs: number): string {
  const id = randomUUID();
  const c = workloadColumns(input);
  db.transaction(() => {
    const position = (db.prepare('SELECT coalesce(max(position) + 1, 0) AS next FROM workloads WHERE project_id = ?').get(projectId) as { next: number }).next;
    db.prepare(
      `INSERT INTO workloads (id, project_id, position, name, builtin_model_id, model_id, weights, kv_dtype, context_tokens, concurrency, mode, engine,
        target_tokens_per_second, options_json, chosen_json, created_at_ms, updated_at_ms)
       VALUES (@id, @project_id, @position, @name, @builtin_model_id, @model_id, @weights, @kv_dtype, @context_tokens, @concurrency, @mode, @engine,
        @target_tokens_per_second, @options_json, @chosen_json, @now, @now)`,
    ).run({ ...c, id, project_id: projectId, position, now: nowMs });
    db.prepare('UPDATE projects SET updated_at_ms = ? WHERE id = ?').run(nowMs, projectId);
  })();
  return id;
}

export function getWorkload(db: Db, id: string): WorkloadRecord | undefined {
  const row = db.prepare('SELECT * FROM workloads WHERE id = ?').get(id) as WorkloadRow | undefined;
  return row ? workloadRecord(row) : undefined;
}

export function updateWorkload(db: Db, id: string, input: WorkloadInput, nowMs: number): boolean {
  const c = workloadColumns(input);
  return db.transaction(() => {
    const changed =
      db
        .prepare(
          `UPDATE workloads SET name = @name, builtin_model_id = @builtin_model_id, model_id = @model_id, weights = @weights, kv_dtype = @kv_dtype,
            context_tokens = @context_tokens, concurrency = @concurrency, mode = @mode, engine = @engine, target_tokens_per_second = @target_tokens_per_second,
            options_json = @options_json, chosen_json = @chosen_json, updated_at_ms = @now WHERE id = @id`,
        )
        .run({ ...c, id, now: nowMs }).changes === 1;
    if (changed) db.prepare('UPDATE projects SET updated_at_ms = ? WHERE id = (SELECT project_id FROM workloads WHERE id = ?)').run(nowMs, id);
    return changed;
  })();
}

export function deleteWorkload(db: Db, id: string, nowMs: number): boolean {
  return db.transaction(() => {
    const row = db.prepare('SELECT project_id FROM workloads WHERE id = ?').get(id) as { project_id: string } | undefined;
    if (!row) return false;
    db.prepare('DELETE FROM workloads WHERE id = ?').run(id);
    db.prepare('UPDATE projects SET updated_at_ms = ? WHERE id = ?').run(nowMs, row.project_id);
    return true;
  })();
}
