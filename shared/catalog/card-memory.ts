/**
 * How much of a card's memory a framework can use. The catalog's `memory_gb` is the marketed
 * figure, which for HBM parts (and the GDDR cards here) is GiB in practice; the usable part is
 * lower: the driver and firmware keep some.
 */
import { CardPlanError } from '../errors.ts';
import { BUILTIN_CARDS, type CatalogCard } from './cards.ts';
import { cardSpecFromCatalog } from './card-specs.ts';

export { DEFAULT_USABLE_FRACTION, MEASURED_USABLE_GIB } from './card-specs.ts';

export interface CardMemory {
  id: string;
  name: string;
  vendor: string;
  nominalBytes: number;
  usableBytes: number;
  /** Where the usable figure comes from. */
  usableSource: string;
}

export function findCard(id: string): CatalogCard | undefined {
  return BUILTIN_CARDS.find((card) => card.id === id.toLowerCase());
}

/**
 * A built-in card's memory, for sizing on it; unknown memory is an error, never zero.
 * @example cardMemory('nvidia-h100-sxm5-80gb').usableBytes // 85_029_615_043 (79.19 GiB)
 */
export function cardMemory(id: string): CardMemory {
  const card = findCard(id);
  if (!card) {
    throw new CardPlanError('invalid_input', `unknown card id ${JSON.stringify(id)}; built-in ids: ${BUILTIN_CARDS.map((c) => c.id).join(', ')}`);
  }
  const spec = cardSpecFromCatalog(card);
  if (spec.memoryBytes === null || spec.usableBytes === null) {
    throw new CardPlanError('invalid_input', `the memory of ${card.name} (${card.id}) is unknown in the catalog; enter it before sizing on this card`);
  }
  return { id: spec.id, name: spec.name, vendor: spec.vendor, nominalBytes: spec.memoryBytes, usableBytes: spec.usableBytes, usableSource: spec.usableSource };
}
