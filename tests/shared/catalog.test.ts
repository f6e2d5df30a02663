import { describe, expect, it } from 'vitest';
import { BUILTIN_CARDS, summarizeCatalog } from '../../shared/catalog/cards.ts';

describe('built-in card catalog', () => {
  // The reference catalog's 53 cards (23 NVIDIA, 30 from 10 Chinese vendors) plus four with all
  // four key figures sourced: RTX 4090D, RTX PRO 6000 Blackwell, Atlas 350, Atlas 300I Pro.
  it('holds 57 cards: 25 NVIDIA, 32 domestic, 11 vendors', () => {
    expect(summarizeCatalog(BUILTIN_CARDS)).toEqual({ cardCount: 57, nvidiaCardCount: 25, domesticCardCount: 32, vendorCount: 11 });
  });

  it('has unique ids and keeps unknown fields as null, not zero', () => {
    expect(new Set(BUILTIN_CARDS.map((card) => card.id)).size).toBe(BUILTIN_CARDS.length);
    // A100 has no FP8 (datasheet): the reference records it as null.
    const a100 = BUILTIN_CARDS.find((card) => card.id === 'nvidia-a100-sxm4-40gb') as unknown as Record<string, unknown>;
    expect(a100.memory_gb).toBe(40);
    expect(a100.fp8_tflops).toBeNull();
  });

  // Issue 15's bar: memory, bandwidth, a dense FP16/BF16 figure and a TDP on every card, each with
  // a source (published, reported) or marked estimated with its derivation written out.
  const figures = ['memory_gb', 'bandwidth_gbps', 'tdp_w'] as const;
  type Source = { confidence: string; source: string; url?: string | null; derivation?: string | null };
  const raw = BUILTIN_CARDS as unknown as (Record<string, unknown> & { id: string; provenance: Record<string, Source> })[];

  it.each(raw.map((c) => [c.id, c] as const))('%s: memory, bandwidth, FP16/BF16 and TDP, each with its source', (_id, c) => {
    const dense = typeof c.bf16_tflops === 'number' ? 'bf16_tflops' : 'fp16_tflops';
    for (const field of [...figures, dense]) {
      expect(c[field], field).toEqual(expect.any(Number));
      expect(c[field] as number, field).toBeGreaterThan(0);
      const p = c.provenance[field];
      expect(p, `${field} has a provenance`).toBeDefined();
      expect(['published', 'reported', 'estimated']).toContain(p!.confidence);
      expect(p!.source.length, `${field} names its source`).toBeGreaterThan(5);
      if (p!.confidence === 'estimated') expect((p!.derivation ?? '').length, `${field} is estimated: its derivation`).toBeGreaterThan(20);
    }
  });

  it.each(raw.filter((c) => c.sold_in_china_2024_2026).map((c) => [c.id, c] as const))('%s is sold in China: a price range with sources, or "no public price" with the date searched', (_id, c) => {
    const price = c.price as { low: number; high: number; currency: string; date: string; sources: { name: string }[] } | null;
    const searched = c.price_searched as { date: string; queries: string } | undefined;
    if (price) {
      expect(price.low).toBeGreaterThan(0);
      expect(price.high).toBeGreaterThanOrEqual(price.low);
      expect(['CNY', 'USD', 'EUR']).toContain(price.currency);
      expect(price.sources.length).toBeGreaterThan(0);
    } else {
      expect(searched!.date).toMatch(/^20\d\d-\d\d/);
      expect(searched!.queries.length).toBeGreaterThan(10);
    }
  });

  it('prices what procurement compares: H20 US$12,000–15,000 and Ascend 910B 70,000–120,000 CNY (reported)', () => {
    const price = (id: string) => (raw.find((c) => c.id === id)!.price as { low: number; high: number; currency: string; confidence: string });
    expect(price('nvidia-h20-96gb')).toMatchObject({ low: 12_000, high: 15_000, currency: 'USD', confidence: 'reported' });
    expect(price('huawei-ascend-910b')).toMatchObject({ low: 70_000, high: 120_000, currency: 'CNY', confidence: 'reported' });
  });

  it('summarises an empty list without dividing by anything', () => {
    expect(summarizeCatalog([])).toEqual({ cardCount: 0, nvidiaCardCount: 0, domesticCardCount: 0, vendorCount: 0 });
  });
});
