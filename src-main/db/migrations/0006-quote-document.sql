-- 0006: what a quote needs to be a document finance signs.
-- A project's tax rate and discount (null: the settings' defaults, 13% VAT for goods in China).
ALTER TABLE projects ADD COLUMN tax_rate REAL CHECK (tax_rate IS NULL OR (tax_rate >= 0 AND tax_rate <= 1));
ALTER TABLE projects ADD COLUMN discount_fraction REAL CHECK (discount_fraction IS NULL OR (discount_fraction >= 0 AND discount_fraction < 1));
-- Quotes are numbered in the order they were exported, per database.
ALTER TABLE quotes ADD COLUMN number INTEGER;
UPDATE quotes SET number = (SELECT count(*) FROM quotes q WHERE q.created_at_ms < quotes.created_at_ms OR (q.created_at_ms = quotes.created_at_ms AND q.id <= quotes.id));
CREATE UNIQUE INDEX quotes_by_number ON quotes (number);
