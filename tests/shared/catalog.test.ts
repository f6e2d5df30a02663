import { describe, expect, it } from 'vitest';
import { BUILTIN_CARDS, summarizeCatalog } from '../../shared/catalog/cards.ts';

describe('built-in card catalog', () => {
  // The reference catalog's README announces 53 cards; counting its `vendor` field gives
  // 23 NVIDIA cards and 30 from 10 Chinese vendors (Huawei 5, Hygon 4, MetaX 3, Moore Threads 3,
  // Biren 3, Iluvatar 3, Kunlunxin 3, Enflame 3, Cambricon 2, T-Head 1).
  it('holds the 53 reference cards: 23 NVIDIA, 30 domestic, 11 vendors', () => {
    expect(summarizeCatalog(BUILTIN_CARDS)).toEqual({ cardCount: 53, nvidiaCardCount: 23, domesticCardCount: 30, vendorCount: 11 });
  });

  it('has unique ids and keeps unknown fields as null, not zero', () => {
    expect(new Set(BUILTIN_CARDS.map((card) => card.id)).size).toBe(BUILTIN_CARDS.length);
    // A100 has no FP8 (datasheet): the reference records it as null.
    const a100 = BUILTIN_CARDS.find((card) => card.id === 'nvidia-a100-sxm4-40gb') as unknown as Record<string, unknown>;
    expect(a100.memory_gb).toBe(40);
    expect(a100.fp8_tflops).toBeNull();
  });

  it('summarises an empty list without dividing by anything', () => {
    expect(summarizeCatalog([])).toEqual({ cardCount: 0, nvidiaCardCount: 0, domesticCardCount: 0, vendorCount: 0 });
  });
});
