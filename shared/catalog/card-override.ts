/**
 * User edits of the card catalog, in the units people type (GiB, GB/s, TFLOPS, W): a known price
 * from a real quote, a measured bandwidth, a field the catalog leaves unknown. An override replaces
 * only the fields it gives; `null` clears a field back to unknown. A card id the catalog does not
 * have makes a card of the user's own (name, vendor and memory required).
 */
import { CardPlanError } from '../errors.ts';
import { BYTES_PER_GIB } from '../units.ts';
import { DEFAULT_USABLE_FRACTION, type CardPrice, type CardSpec, type Currency } from './card-specs.ts';

export interface CardOverride {
  name?: string;
  vendor?: string;
  domestic?: boolean;
  memoryGib?: number | null;
  usableGib?: number | null;
  bandwidthGBps?: number | null;
  bf16Tflops?: number | null;
  fp16Tflops?: number | null;
  fp8Tflops?: number | null;
  int8Tops?: number | null;
  fp8Supported?: boolean | null;
  tdpWatts?: number | null;
  perServer?: number | null;
  /** A quote's unit price (`amount`), optionally with the range it was given as. */
  price?: { amount: number; low?: number; high?: number; currency: Currency; date: string | null; source: string } | null;
}

/** Catalog fields an override sets, for the figures' provenance ("entered by you"). */
const FIELD_OF: Partial<Record<keyof CardOverride, string>> = {
  memoryGib: 'memory_gb',
  bandwidthGBps: 'bandwidth_gbps',
  bf16Tflops: 'bf16_tflops',
  fp16Tflops: 'fp16_tflops',
  fp8Tflops: 'fp8_tflops',
  int8Tops: 'int8_tops',
  tdpWatts: 'tdp_w',
  perServer: 'per_server',
};

const tera = (x: number | null): number | null => (x === null ? null : x * 1e12);

/** Applies `o` to `base` (or builds a new card when `base` is undefined). */
export function applyCardOverride(id: string, base: CardSpec | undefined, o: CardOverride): CardSpec {
  if (!base && (!o.name || !o.vendor || o.memoryGib === undefined || o.memoryGib === null)) {
    throw new CardPlanError('invalid_input', `card ${JSON.stringify(id)} is not in the catalog: a card of your own needs name, vendor and memoryGib`);
  }
  const card: CardSpec = base
    ? { ...base, peakFlops: { ...base.peakFlops } }
    : {
        id,
        vendor: o.vendor!,
        name: o.name!,
        domestic: o.domestic ?? true,
        category: 'custom',
        memoryBytes: null,
        usableBytes: null,
        usableSource: '',
        bandwidthBytesPerSecond: null,
        peakFlops: { bf16: null, fp16: null, fp8: null, int8: null },
        fp8Supported: null,
        tdpWatts: null,
        interconnect: null,
        interconnectBytesPerSecond: null,
        perServer: null,
        serverClass: 'pcie',
        price: null,
        priceSearched: null,
        provenance: {},
        soldInChina: null,
        nameZh: null,
        nameDetail: null,
        confidence: 'user',
      };
  if (base) card.provenance = { ...base.provenance };
  for (const [key, field] of Object.entries(FIELD_OF) as [keyof CardOverride, string][]) {
    if (o[key] !== undefined && o[key] !== null) card.provenance[field] = { confidence: 'user', source: 'entered in the card catalog', url: null, date: null, derivation: null };
  }
  if (o.name !== undefined) card.name = o.name;
  if (o.vendor !== undefined) card.vendor = o.vendor;
  if (o.domestic !== undefined) card.domestic = o.domestic;
  if (o.memoryGib !== undefined) {
    card.memoryBytes = o.memoryGib === null ? null : Math.round(o.memoryGib * BYTES_PER_GIB);
    if (o.usableGib === undefined) {
      card.usableBytes = card.memoryBytes === null ? null : Math.floor(card.memoryBytes * DEFAULT_USABLE_FRACTION);
      card.usableSource = 'assumed 98.99% of the nominal memory you entered';
    }
  }
  if (o.usableGib !== undefined) {
    card.usableBytes = o.usableGib === null ? null : Math.round(o.usableGib * BYTES_PER_GIB);
    card.usableSource = 'entered by you';
  }
  if (o.bandwidthGBps !== undefined) card.bandwidthBytesPerSecond = o.bandwidthGBps === null ? null : o.bandwidthGBps * 1e9;
  if (o.bf16Tflops !== undefined) card.peakFlops.bf16 = tera(o.bf16Tflops);
  if (o.fp16Tflops !== undefined) card.peakFlops.fp16 = tera(o.fp16Tflops);
  if (o.fp8Tflops !== undefined) card.peakFlops.fp8 = tera(o.fp8Tflops);
  if (o.int8Tops !== undefined) card.peakFlops.int8 = tera(o.int8Tops);
  if (o.fp8Supported !== undefined) card.fp8Supported = o.fp8Supported;
  if (o.tdpWatts !== undefined) card.tdpWatts = o.tdpWatts;
  if (o.perServer !== undefined) card.perServer = o.perServer;
  if (o.price !== undefined) {
    const p = o.price;
    const low = p?.low ?? p?.amount;
    const high = p?.high ?? p?.amount;
    if (p && (!(p.amount > 0) || !(low! > 0) || !(high! >= low!) || p.amount < low! || p.amount > high!)) {
      throw new CardPlanError('invalid_input', `card ${JSON.stringify(id)}: a price needs amount > 0 within low ≤ amount ≤ high (got ${p.low ?? p.amount} ≤ ${p.amount} ≤ ${p.high ?? p.amount})`);
    }
    card.price = p === null ? null : ({ amount: p.amount, low: low!, high: high!, currency: p.currency, date: p.date, source: p.source, indicative: false, confidence: 'user', list: null, breaks: [] } satisfies CardPrice);
    if (p) card.priceSearched = null;
  }
  if (card.usableBytes !== null && card.memoryBytes !== null && card.usableBytes > card.memoryBytes) {
    throw new CardPlanError('invalid_input', `card ${JSON.stringify(id)}: usable memory cannot exceed the nominal memory`);
  }
  return card;
}
