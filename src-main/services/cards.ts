/**
 * The card catalog as this user sees it: built-in cards with their overrides applied, plus cards of
 * their own. `card:override` and `card:reset` edit it; plans priced through the store use it.
 */
import { applyCardOverride, type CardOverride } from '../../shared/catalog/card-override.ts';
import { BUILTIN_CARD_SPECS, type CardSpec } from '../../shared/catalog/card-specs.ts';
import { CardPlanError } from '../../shared/errors.ts';
import type { ServiceContext } from './context.ts';

export function cardCatalog(ctx: ServiceContext): CardSpec[] {
  if (ctx.storeless) return [...BUILTIN_CARD_SPECS];
  const rows = ctx.db.prepare('SELECT card_id, spec_json FROM card_overrides ORDER BY card_id').all() as { card_id: string; spec_json: string }[];
  const overrides = new Map(rows.map((r) => [r.card_id, JSON.parse(r.spec_json) as CardOverride]));
  const cards = BUILTIN_CARD_SPECS.map((c) => (overrides.has(c.id) ? applyCardOverride(c.id, c, overrides.get(c.id)!) : c));
  for (const [id, o] of overrides) if (!BUILTIN_CARD_SPECS.some((c) => c.id === id)) cards.push(applyCardOverride(id, undefined, o));
  return cards;
}

/** Merges `patch` into the card's stored override (checking the result) in one statement. */
export function overrideCard(ctx: ServiceContext, cardId: string, patch: CardOverride): CardSpec {
  const base = BUILTIN_CARD_SPECS.find((c) => c.id === cardId);
  const row = ctx.db.prepare('SELECT spec_json FROM card_overrides WHERE card_id = ?').get(cardId) as { spec_json: string } | undefined;
  const merged: CardOverride = { ...(row ? (JSON.parse(row.spec_json) as CardOverride) : {}), ...patch };
  const card = applyCardOverride(cardId, base, merged);
  ctx.db
    .prepare(
      'INSERT INTO card_overrides (card_id, spec_json, price_date, price_source, updated_at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (card_id) DO UPDATE SET spec_json = excluded.spec_json, price_date = excluded.price_date, price_source = excluded.price_source, updated_at_ms = excluded.updated_at_ms',
    )
    .run(cardId, JSON.stringify(merged), merged.price?.date ?? null, merged.price?.source ?? null, Date.now());
  return card;
}

/** Back to the built-in figures (a card of the user's own is removed). */
export function resetCard(ctx: ServiceContext, cardId: string): { cardId: string } {
  if (ctx.db.prepare('DELETE FROM card_overrides WHERE card_id = ?').run(cardId).changes === 0) {
    throw new CardPlanError('not_found', `card ${JSON.stringify(cardId)} has no edits to reset`);
  }
  return { cardId };
}
