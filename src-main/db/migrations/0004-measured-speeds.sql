-- 0004: speeds the user measured on a card for a model (time per output token at a batch and a
-- tensor-parallel degree). Plans for that card and model scale their estimate to it.
CREATE TABLE measured_speeds (
  card_id TEXT NOT NULL CHECK (length(card_id) BETWEEN 1 AND 200),
  model_name TEXT NOT NULL CHECK (length(model_name) BETWEEN 1 AND 200),
  tpot_ms REAL NOT NULL CHECK (tpot_ms > 0 AND tpot_ms <= 60000),
  batch INTEGER NOT NULL CHECK (batch BETWEEN 1 AND 4096),
  tp INTEGER NOT NULL CHECK (tp BETWEEN 1 AND 64),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  measured_at_ms INTEGER NOT NULL,
  PRIMARY KEY (card_id, model_name)
) STRICT;
