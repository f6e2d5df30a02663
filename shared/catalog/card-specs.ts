/**
 * The hardware catalog as the planner uses it: every figure in base units (bytes, bytes/s,
 * operations/s, watts), `null` where the catalog has no reliable source. Unknown is never zero: a
 * card with unknown bandwidth is sized for memory but gets no throughput, one with no price gets no
 * capex. Users override any field (their own quotes, measured figures) before planning.
 */
import { BYTES_PER_GIB } from '../units.ts';
import { BUILTIN_CARDS, NVIDIA_VENDOR, type CatalogCard } from './cards.ts';

/** Measured usable memory, GiB, where a public measurement exists. */
export const MEASURED_USABLE_GIB: Record<string, { gib: number; source: string }> = {
  'nvidia-h100-sxm5-80gb': { gib: 79.19, source: 'vLLM 0.19 logs, total_memory 79.19 GiB (llm-d-planner)' },
  'nvidia-a100-sxm4-40gb': { gib: 39.5, source: 'torch.cuda total memory of A100 40GB, 39.5 GiB' },
  'huawei-ascend-910b': { gib: 60.7, source: 'Ascend 910B2: about 3.3 GiB of 64 GiB reserved by the driver' },
};

/** Usable ÷ nominal of the H100 (79.19 / 80), applied where nothing was measured. */
export const DEFAULT_USABLE_FRACTION = 79.19 / 80;

export type Currency = 'CNY' | 'USD' | 'EUR';

export interface Price {
  amount: number;
  currency: Currency;
  /** As the source dates it, e.g. `2024-02`. */
  date: string | null;
  source: string;
  indicative: boolean;
}

export type FigureConfidence = 'published' | 'reported' | 'estimated';

/** Where one catalog figure comes from: a spec sheet (published), press or tenders (reported), or a derivation (estimated). */
export interface FigureSource {
  /** 'user': entered in the card catalog by the user. */
  confidence: FigureConfidence | 'user';
  source: string;
  url: string | null;
  date: string | null;
  /** How an estimated figure was derived, written out. */
  derivation: string | null;
}

/**
 * A card's price: the range the sources give (low–high, in their currency, per card) and the point
 * plans use (`amount`: the middle by default, or low/high as the project chooses, or a price-list
 * price, which makes low = high = amount). Quantity breaks come from price lists.
 */
export interface CardPrice extends Price {
  low: number;
  high: number;
  confidence: FigureConfidence | 'list' | 'user';
  /** The price list it comes from, when one is applied. */
  list: string | null;
  /** Unit prices from this many cards up (a price list's quantity breaks), lowest quantity first. */
  breaks: { minQuantity: number; amount: number }[];
}

/** How cards are housed: SXM/OAM baseboards (8 per server, fast fabric) or PCIe servers. */
export type ServerClass = 'baseboard' | 'pcie';

export interface CardSpec {
  id: string;
  vendor: string;
  name: string;
  /** The card's Chinese name, where it has one (昇腾 910B). */
  nameZh: string | null;
  /** The longer name with its variant or platform (Ascend 910B 64GB: "910B1/B2/B3 class; Atlas 800T A2"), or null. */
  nameDetail: string | null;
  domestic: boolean;
  category: string;
  memoryBytes: number | null;
  usableBytes: number | null;
  usableSource: string;
  bandwidthBytesPerSecond: number | null;
  /** Dense peaks, operations per second. */
  peakFlops: { bf16: number | null; fp16: number | null; fp8: number | null; int8: number | null };
  fp8Supported: boolean | null;
  tdpWatts: number | null;
  interconnect: string | null;
  interconnectBytesPerSecond: number | null;
  /** Cards per server as the catalog gives it; null when unknown. */
  perServer: number | null;
  serverClass: ServerClass;
  price: CardPrice | null;
  /** When no public price was found: when and what was searched. */
  priceSearched: { date: string; queries: string } | null;
  /** The source of each figure, by catalog field (memory_gb, bandwidth_gbps, bf16_tflops, fp16_tflops, tdp_w …). */
  provenance: Record<string, FigureSource>;
  soldInChina: boolean | null;
  confidence: string;
}

type RawCard = CatalogCard & {
  fp16_tflops: number | null;
  bf16_tflops: number | null;
  int8_tops: number | null;
  fp8_tflops: number | null;
  fp8_supported: boolean | null;
  tdp_w: number | null;
  interconnect: string | null;
  interconnect_gbps: number | null;
  form_factor: string | null;
  per_server: number | null;
  name_zh?: string | null;
  name_detail?: string | null;
  price:
    | { low: number; high: number; currency: string; date: string | null; confidence?: string; sources?: { name: string; url?: string | null; date?: string | null }[]; note?: string }
    | { amount: number; currency: string; date: string | null; source: string; indicative?: boolean }
    | null;
  price_searched?: { date: string; queries: string } | null;
  provenance?: Record<string, { confidence: string; source: string; url?: string | null; date?: string | null; derivation?: string | null }>;
  sold_in_china_2024_2026?: boolean;
  confidence: string;
};

const CONFIDENCES: readonly FigureConfidence[] = ['published', 'reported', 'estimated'];

/** The catalog's price as a range with its point at the middle (a single figure is a range of one). */
function cardPriceOf(raw: RawCard['price']): CardPrice | null {
  if (!raw || !['CNY', 'USD', 'EUR'].includes(raw.currency)) return null;
  const currency = raw.currency as Currency;
  if ('low' in raw) {
    const confidence = CONFIDENCES.includes(raw.confidence as FigureConfidence) ? (raw.confidence as FigureConfidence) : 'reported';
    // Each source's name up to its colon ("Reuters (via dunyanews) 2024-02"); the quotes stay in the catalog export.
    const source = (raw.sources ?? []).map((s) => s.name.split(':')[0]!.trim()).join('; ') || 'catalog';
    return { amount: (raw.low + raw.high) / 2, low: raw.low, high: raw.high, currency, date: raw.date, source, indicative: true, confidence, list: null, breaks: [] };
  }
  return { amount: raw.amount, low: raw.amount, high: raw.amount, currency, date: raw.date, source: raw.source, indicative: raw.indicative !== false, confidence: 'reported', list: null, breaks: [] };
}

function provenanceOf(raw: RawCard['provenance']): Record<string, FigureSource> {
  const out: Record<string, FigureSource> = {};
  for (const [field, p] of Object.entries(raw ?? {})) {
    if (!CONFIDENCES.includes(p.confidence as FigureConfidence)) continue;
    out[field] = { confidence: p.confidence as FigureConfidence, source: p.source, url: p.url ?? null, date: p.date ?? null, derivation: p.derivation ?? null };
  }
  return out;
}

const TERA = 1e12;
const perSecond = (tera: number | null | undefined): number | null => (typeof tera === 'number' && tera > 0 ? tera * TERA : null);

function serverClassOf(formFactor: string | null): ServerClass {
  return formFactor !== null && /SXM|OAM|HGX|Module|UBB|Superchip/i.test(formFactor) ? 'baseboard' : 'pcie';
}

export function cardSpecFromCatalog(raw: CatalogCard): CardSpec {
  const c = raw as RawCard;
  const memoryBytes = c.memory_gb === null ? null : c.memory_gb * BYTES_PER_GIB;
  const measured = MEASURED_USABLE_GIB[c.id];
  return {
    id: c.id,
    vendor: c.vendor,
    name: c.name,
    nameZh: c.name_zh ?? null,
    nameDetail: c.name_detail ?? null,
    domestic: c.vendor !== NVIDIA_VENDOR,
    category: c.category,
    memoryBytes,
    usableBytes: memoryBytes === null ? null : measured ? Math.round(measured.gib * BYTES_PER_GIB) : Math.floor(memoryBytes * DEFAULT_USABLE_FRACTION),
    usableSource: measured ? measured.source : `assumed ${(DEFAULT_USABLE_FRACTION * 100).toFixed(2)}% of nominal, as on the H100`,
    // The catalog's GB/s are decimal (vendor datasheets).
    bandwidthBytesPerSecond: typeof c.bandwidth_gbps === 'number' ? c.bandwidth_gbps * 1e9 : null,
    peakFlops: { bf16: perSecond(c.bf16_tflops), fp16: perSecond(c.fp16_tflops), fp8: perSecond(c.fp8_tflops), int8: perSecond(c.int8_tops) },
    fp8Supported: c.fp8_supported,
    tdpWatts: c.tdp_w,
    interconnect: c.interconnect,
    interconnectBytesPerSecond: typeof c.interconnect_gbps === 'number' ? c.interconnect_gbps * 1e9 : null,
    perServer: c.per_server,
    serverClass: serverClassOf(c.form_factor),
    price: cardPriceOf(c.price),
    priceSearched: c.price_searched ?? null,
    provenance: provenanceOf(c.provenance),
    soldInChina: c.sold_in_china_2024_2026 ?? null,
    confidence: c.confidence,
  };
}

export const BUILTIN_CARD_SPECS: readonly CardSpec[] = BUILTIN_CARDS.map(cardSpecFromCatalog);
