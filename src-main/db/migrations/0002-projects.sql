-- 0002: projects, their workloads, custom models and card overrides, and exported quotes.
CREATE TABLE projects (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  client TEXT NOT NULL DEFAULT '' CHECK (length(client) <= 200),
  notes TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
  currency TEXT NOT NULL DEFAULT 'CNY' CHECK (currency IN ('CNY', 'USD', 'EUR')),
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  -- Set when deleted: the row stays until purged, so a delete can be undone.
  deleted_at_ms INTEGER
) STRICT;

-- Imported (config.json) or typed-in models; built-in models live in the app, not here.
CREATE TABLE models (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind TEXT NOT NULL CHECK (kind IN ('config', 'manual')),
  -- The original config.json, kept verbatim, or the manual fields.
  body_json TEXT NOT NULL CHECK (json_valid(body_json)),
  exact_weight_bytes INTEGER CHECK (exact_weight_bytes IS NULL OR exact_weight_bytes > 0),
  created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE workloads (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- Exactly one of a built-in model id and a stored model.
  builtin_model_id TEXT,
  model_id TEXT REFERENCES models (id) ON DELETE RESTRICT,
  weights TEXT,
  kv_dtype TEXT NOT NULL DEFAULT 'auto',
  context_tokens INTEGER NOT NULL CHECK (context_tokens > 0),
  concurrency INTEGER NOT NULL CHECK (concurrency > 0),
  mode TEXT NOT NULL DEFAULT 'inference' CHECK (mode IN ('inference', 'train-full', 'train-lora', 'train-qlora')),
  engine TEXT NOT NULL DEFAULT 'generic' CHECK (engine IN ('generic', 'transformers', 'vllm', 'sglang')),
  target_tokens_per_second REAL CHECK (target_tokens_per_second IS NULL OR target_tokens_per_second > 0),
  -- The rest of the workload (training options, utilisation …) as JSON.
  options_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options_json)),
  -- The configuration chosen for the quote: {"card","tp","pp","replicas"} or NULL.
  chosen_json TEXT CHECK (chosen_json IS NULL OR json_valid(chosen_json)),
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  CHECK ((builtin_model_id IS NULL) <> (model_id IS NULL))
) STRICT;
CREATE INDEX workloads_by_project ON workloads (project_id, position);

-- User edits of a built-in card (or a card of their own): the fields given replace the built-in ones.
CREATE TABLE card_overrides (
  card_id TEXT PRIMARY KEY NOT NULL,
  spec_json TEXT NOT NULL CHECK (json_valid(spec_json)),
  price_date TEXT,
  price_source TEXT,
  updated_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE quotes (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  inputs_json TEXT NOT NULL CHECK (json_valid(inputs_json)),
  results_json TEXT NOT NULL CHECK (json_valid(results_json)),
  created_at_ms INTEGER NOT NULL
) STRICT;
