/**
 * User edits of the card catalog, in the units people type (GiB, GB/s, TFLOPS, W): a known price
 * from a real quote, a measured bandwidth, a field the catalog leaves unknown. An override replaces
 * only the fields it gives; `null` clears a field back to unknown. A card id the catalog does not
 * have makes a card of the user's own (name, vendor and memory required).
 */
import { CardPlanError } from '../errors.ts';
import { BYTES_PER_GIB } from '../units.ts';
import { DEFAULT_USABLE_FRACTION, type CardSpec, type Currency, type Price } from './card-specs.ts';

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
  price?: { amount: number; currency: Currency; date: string | null; source: string } | null;
}

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
        confidence: 'user',
      };
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
  if (o.price !== undefined) card.price = o.price === null ? null : ({ ...o.price, indicative: false } satisfies Price);
  if (card.usableBytes !== null && card.memoryBytes !== null && card.usableBytes > card.memoryBytes) {
    throw new CardPlanError('invalid_input', `card ${JSON.stringify(id)}: usable memory cannot exceed the nominal memory`);
  }
  return card;
}
