/** Repository of imported and typed-in models (built-in models are not stored). */
import { randomUUID } from 'node:crypto';
import type { StoredModel } from '../../shared/project.ts';
import type { Db } from './open.ts';

interface ModelRow {
  id: string;
  name: string;
  kind: 'config' | 'manual';
  body_json: string;
  exact_weight_bytes: number | null;
  created_at_ms: number;
}

const model = (r: ModelRow): StoredModel => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  body: JSON.parse(r.body_json) as StoredModel['body'],
  exactWeightBytes: r.exact_weight_bytes,
  createdAtMs: r.created_at_ms,
});

export function insertModel(db: Db, m: Omit<StoredModel, 'id' | 'createdAtMs'>, nowMs: number): string {
  const id = randomUUID();
  db.prepare('INSERT INTO models (id, name, kind, body_json, exact_weight_bytes, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    m.name,
    m.kind,
    JSON.stringify(m.body),
    m.exactWeightBytes,
    nowMs,
  );
  return id;
}

export function getModel(db: Db, id: string): StoredModel | undefined {
  const row = db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  return row ? model(row) : undefined;
}

export function listModels(db: Db): StoredModel[] {
  return (db.prepare('SELECT * FROM models ORDER BY name').all() as ModelRow[]).map(model);
}
