-- 0007: engine start-up logs the user calibrated on: per card and engine, at one split, what the
-- engine really kept besides weights and KV, with the log lines it was read from.
CREATE TABLE engine_calibrations (
  id TEXT PRIMARY KEY NOT NULL,
  card_id TEXT NOT NULL CHECK (length(card_id) BETWEEN 1 AND 200),
  engine TEXT NOT NULL CHECK (engine IN ('vllm', 'sglang')),
  tp INTEGER NOT NULL CHECK (tp BETWEEN 1 AND 64),
  pp INTEGER NOT NULL CHECK (pp BETWEEN 1 AND 64),
  model TEXT CHECK (model IS NULL OR length(model) <= 500),
  calibration_json TEXT NOT NULL CHECK (json_valid(calibration_json)),
  excerpt TEXT NOT NULL CHECK (length(excerpt) <= 20000),
  created_at_ms INTEGER NOT NULL
) STRICT;

-- The latest calibration per card, engine and split is the one plans use.
CREATE INDEX engine_calibrations_by_card ON engine_calibrations (card_id, engine, tp, pp, created_at_ms);
