/**
 * The built-in accelerator catalog: NVIDIA and Chinese domestic cards, every key figure with its
 * source and confidence and prices as dated ranges (see SOURCES.md beside this file). A `null` field means *unknown*,
 * never zero. The plans-and-cost work gives these cards their full typed model; this module only
 * reads the file and summarises it.
 */
import cards from './cards.json' with { type: 'json' };

export interface CatalogCard {
  id: string;
  vendor: string;
  name: string;
  memory_gb: number | null;
  bandwidth_gbps: number | null;
  category: string;
}

export const BUILTIN_CARDS: readonly CatalogCard[] = cards as CatalogCard[];

export const NVIDIA_VENDOR = 'NVIDIA';

export interface CatalogSummary {
  cardCount: number;
  nvidiaCardCount: number;
  domesticCardCount: number;
  vendorCount: number;
}

/**
 * Counts cards by origin. Every vendor in the catalog other than NVIDIA is a Chinese domestic one
 * (Huawei, Hygon, MetaX, Cambricon, Moore Threads, Biren, Iluvatar, Kunlunxin, Enflame, T-Head).
 *
 * @example summarizeCatalog(BUILTIN_CARDS) // { cardCount: 57, nvidiaCardCount: 25, domesticCardCount: 32, vendorCount: 11 }
 */
export function summarizeCatalog(list: readonly CatalogCard[]): CatalogSummary {
  const nvidia = list.filter((card) => card.vendor === NVIDIA_VENDOR).length;
  return {
    cardCount: list.length,
    nvidiaCardCount: nvidia,
    domesticCardCount: list.length - nvidia,
    vendorCount: new Set(list.map((card) => card.vendor)).size,
  };
}
