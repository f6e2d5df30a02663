-- 0005: vendors' price lists (several kept; one chosen per project) and the point of a catalog
-- price range a project is quoted at.
CREATE TABLE price_lists (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  -- Who sent it: a vendor or distributor, as the user names it.
  source TEXT NOT NULL DEFAULT '' CHECK (length(source) <= 200),
  file_name TEXT NOT NULL DEFAULT '' CHECK (length(file_name) <= 500),
  imported_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE price_list_items (
  list_id TEXT NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
  line INTEGER NOT NULL CHECK (line >= 1),
  item TEXT NOT NULL CHECK (length(item) <= 500),
  card_id TEXT CHECK (card_id IS NULL OR length(card_id) BETWEEN 1 AND 200),
  server_class TEXT CHECK (server_class IS NULL OR server_class IN ('baseboard', 'pcie')),
  unit_price REAL NOT NULL CHECK (unit_price > 0),
  currency TEXT NOT NULL CHECK (currency IN ('CNY', 'USD', 'EUR')),
  date TEXT CHECK (date IS NULL OR length(date) <= 40),
  source TEXT CHECK (source IS NULL OR length(source) <= 200),
  min_quantity INTEGER NOT NULL DEFAULT 1 CHECK (min_quantity >= 1),
  CHECK ((card_id IS NULL) <> (server_class IS NULL))
) STRICT;

CREATE INDEX price_list_items_by_list ON price_list_items (list_id);

ALTER TABLE projects ADD COLUMN price_list_id TEXT REFERENCES price_lists (id) ON DELETE SET NULL;
ALTER TABLE projects ADD COLUMN price_point TEXT NOT NULL DEFAULT 'mid' CHECK (price_point IN ('low', 'mid', 'high'));
