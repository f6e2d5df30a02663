/**
 * The built-in model catalog: real config.json contents with their sources (catalog/SOURCES.md).
 */
import models from '../catalog/models.json' with { type: 'json' };
import { CardPlanError } from '../errors.ts';
import { describeModel } from './from-config.ts';
import type { ModelSpec, WorkloadKind } from './spec.ts';

export interface CatalogModel {
  id: string;
  name: string;
  source: string;
  source_type: string | null;
  notes: string[];
  /** What the model is published for, when its architecture does not say (Qwen3-Embedding is a decoder). */
  kind?: WorkloadKind;
  /** The exact parameter count its source publishes, where one does; tests compare against it. */
  params_published?: { value: number; source: string };
  config: Record<string, unknown>;
}

export const BUILTIN_MODELS: readonly CatalogModel[] = models as CatalogModel[];

export function findModel(id: string): CatalogModel | undefined {
  return BUILTIN_MODELS.find((model) => model.id === id.toLowerCase());
}

/** The described model for a catalog id; a clear error naming the known ids otherwise. */
export function builtinModel(id: string): ModelSpec {
  const entry = findModel(id);
  if (!entry) {
    throw new CardPlanError('invalid_input', `unknown model id ${JSON.stringify(id)}; built-in ids: ${BUILTIN_MODELS.map((m) => m.id).join(', ')}`);
  }
  return describeModel(entry.config, { name: entry.name, ...(entry.kind ? { kind: entry.kind } : {}) });
}
