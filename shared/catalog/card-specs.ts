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

/** How cards are housed: SXM/OAM baseboards (8 per server, fast fabric) or PCIe servers. */
export type ServerClass = 'baseboard' | 'pcie';

export interface CardSpec {
  id: string;
  vendor: string;
  name: string;
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
  price: Price | null;
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
  price: { amount: number; currency: string; date: string | null; source: string; indicative?: boolean } | null;
  confidence: string;
};

const TERA = 1e12;
const perSecond = (tera: number | null | undefined): number | null => (typeof tera === 'number' && tera > 0 ? tera * TERA : null);

function serverClassOf(formFactor: string | null): ServerClass {
  return formFactor !== null && /SXM|OAM|HGX|Module|UBB|Superchip/i.test(formFactor) ? 'baseboard' : 'pcie';
}

export function cardSpecFromCatalog(raw: CatalogCard): CardSpec {
  const c = raw as RawCard;
  const memoryBytes = c.memory_gb === null ? null : c.memory_gb * BYTES_PER_GIB;
  const measured = MEASURED_USABLE_GIB[c.id];
  const currency = c.price && ['CNY', 'USD', 'EUR'].includes(c.price.currency) ? (c.price.currency as Currency) : null;
  return {
    id: c.id,
    vendor: c.vendor,
    name: c.name,
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
    price: c.price && currency ? { amount: c.price.amount, currency, date: c.price.date, source: c.price.source, indicative: c.price.indicative !== false } : null,
    confidence: c.confidence,
  };
}

export const BUILTIN_CARD_SPECS: readonly CardSpec[] = BUILTIN_CARDS.map(cardSpecFromCatalog);
