import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/open.ts';
import { cardCatalog, overrideCard, resetCard } from '../../src-main/services/cards.ts';
import { withoutDatabase, type ServiceContext } from '../../src-main/services/context.ts';
import { plan } from '../../src-main/services/planning.ts';
import { BYTES_PER_GIB } from '../../shared/units.ts';
import { tempDir } from '../helpers.ts';

describe('card edits', () => {
  const ctx = (): ServiceContext => {
    const file = path.join(tempDir(), 'cards.db');
    return { db: openStore(file).db, databasePath: file, runtime: 'node' };
  };

  it("fills in a figure left unknown and prices plans with the user's quote; a reset returns to the catalog", () => {
    const c = ctx();
    const request = { model: { id: 'qwq-32b' }, workload: { contextTokens: 4096 }, cardIds: ['huawei-ascend-910b'] };
    // The catalog: 70,000–120,000 CNY (reported) and 400 W (reported) for the 910B.
    const catalog = plan(c, request).options[0]!;
    expect(catalog.capex).toBeCloseTo(catalog.cards * 95_000 + catalog.servers * 32_010 * 7.1, 6);
    // A figure cleared is a named hole, not a zero.
    overrideCard(c, 'huawei-ascend-910b', { tdpWatts: null });
    const hole = plan(c, request).options[0]!;
    expect([hole.tcoPerYear, hole.unknown]).toEqual([null, ['tdp']]);
    const card = overrideCard(c, 'huawei-ascend-910b', { tdpWatts: 350, price: { amount: 88_000, currency: 'CNY', date: '2026-11', source: 'supplier quote' } });
    expect(card).toMatchObject({ tdpWatts: 350, price: { amount: 88_000, low: 88_000, high: 88_000, indicative: false, confidence: 'user' } });
    expect(card.provenance.tdp_w!.confidence).toBe('user');
    const after = plan(c, request).options[0]!;
    expect(after.capex).toBeCloseTo(after.cards * 88_000 + after.servers * 32_010 * 7.1, 6);
    expect(after.powerPerYear).toBeCloseTo(((350 * after.cards * 1.3 * 8760) / 1000) * 0.088 * 7.1, 6);
    expect(resetCard(c, 'huawei-ascend-910b')).toEqual({ cardId: 'huawei-ascend-910b' });
    const reset = cardCatalog(c).find((x) => x.id === 'huawei-ascend-910b')!;
    expect([reset.tdpWatts, reset.price!.low, reset.price!.high, reset.provenance.tdp_w!.confidence]).toEqual([400, 70_000, 120_000, 'reported']);
    c.db.close();
  });

  it('adds a card of your own, which needs a name, a vendor and its memory', () => {
    const c = ctx();
    expect(() => overrideCard(c, 'my-card', { name: 'Mystery 64G' })).toThrow('card "my-card" is not in the catalog: a card of your own needs name, vendor and memoryGib');
    const mine = overrideCard(c, 'my-card', { name: 'Mystery 64G', vendor: 'Acme', memoryGib: 64, bandwidthGBps: 1600 });
    expect(mine.memoryBytes).toBe(64 * BYTES_PER_GIB);
    expect(cardCatalog(c).map((x) => x.id)).toContain('my-card');
    expect(cardCatalog(withoutDatabase()).map((x) => x.id)).not.toContain('my-card'); // the CLI without a store uses the built-in catalog
    expect(() => overrideCard(c, 'nvidia-h20-96gb', { usableGib: 200 })).toThrow('usable memory cannot exceed the nominal memory');
    c.db.close();
  });
});
