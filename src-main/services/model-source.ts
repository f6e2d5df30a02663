/**
 * Reads a model from disk: a `config.json` file, or a downloaded model folder (config.json plus,
 * when present, `model.safetensors.index.json`, whose `metadata.total_size` is the exact weight
 * size). Every failure is one line naming the file and what was wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CardPlanError } from '../../shared/errors.ts';

/** No real config.json comes near this; a bigger file is refused before it is read. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export interface ModelSource {
  config: Record<string, unknown>;
  name: string;
  exactWeightBytes: number | null;
}

function readJson(file: string): unknown {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CardPlanError('invalid_input', `${file}: no such file`);
  }
  if (size > MAX_CONFIG_BYTES) throw new CardPlanError('invalid_input', `${file}: ${size} bytes is too large for a model config (at most ${MAX_CONFIG_BYTES})`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CardPlanError('invalid_input', `${file}: not valid JSON (${(error as Error).message})`);
  }
}

export function readModelSource(target: string): ModelSource {
  const resolved = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new CardPlanError('invalid_input', `${resolved}: no such file or folder`);
  }
  const folder = stat.isDirectory() ? resolved : null;
  const configFile = folder ? path.join(folder, 'config.json') : resolved;
  if (folder && !fs.existsSync(configFile)) throw new CardPlanError('invalid_input', `${folder}: the folder has no config.json`);
  const config = readJson(configFile);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new CardPlanError('invalid_input', `${configFile}: a model config must be a JSON object`);
  }
  let exactWeightBytes: number | null = null;
  const index = folder ? path.join(folder, 'model.safetensors.index.json') : null;
  if (index && fs.existsSync(index)) {
    const total = (readJson(index) as { metadata?: { total_size?: unknown } })?.metadata?.total_size;
    if (typeof total === 'number' && Number.isSafeInteger(total) && total > 0) exactWeightBytes = total;
  }
  return { config: config as Record<string, unknown>, name: folder ? path.basename(folder) : path.basename(path.dirname(resolved)), exactWeightBytes };
}
