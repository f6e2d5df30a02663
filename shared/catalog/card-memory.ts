/**
 * How much of a card's memory a framework can use. The catalog's `memory_gb` is the marketed
 * figure, which for HBM parts (and the GDDR cards here) is GiB in practice; the usable part is
 * lower: the driver and firmware keep some.
 */
import { CardPlanError } from '../errors.ts';
import { BYTES_PER_GIB, gibToBytes } from '../units.ts';
import { BUILTIN_CARDS, type CatalogCard } from './cards.ts';

/** Measured usable memory, GiB, where a public measurement exists. */
export const MEASURED_USABLE_GIB: Record<string, { gib: number; source: string }> = {
  'nvidia-h100-sxm5-80gb': { gib: 79.19, source: 'vLLM 0.19 logs, total_memory 79.19 GiB (llm-d-planner)' },
  'nvidia-a100-sxm4-40gb': { gib: 39.5, source: 'torch.cuda total memory of A100 40GB, 39.5 GiB' },
  'huawei-ascend-910b': { gib: 60.7, source: 'Ascend 910B2: about 3.3 GiB of 64 GiB reserved by the driver' },
};

/** Usable ÷ nominal of the H100 (79.19 / 80), applied where nothing was measured. */
export const DEFAULT_USABLE_FRACTION = 79.19 / 80;

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
 * @example cardMemory('nvidia-h100-sxm5-80gb').usableBytes // 85_029_615_043 (79.19 GiB)
 */
export function cardMemory(id: string): CardMemory {
  const card = findCard(id);
  if (!card) {
    throw new CardPlanError('invalid_input', `unknown card id ${JSON.stringify(id)}; built-in ids: ${BUILTIN_CARDS.map((c) => c.id).join(', ')}`);
  }
  if (card.memory_gb === null) {
    throw new CardPlanError('invalid_input', `the memory of ${card.name} (${card.id}) is unknown in the catalog; enter it before sizing on this card`);
  }
  const nominalBytes = card.memory_gb * BYTES_PER_GIB;
  const measured = MEASURED_USABLE_GIB[card.id];
  return {
    id: card.id,
    name: card.name,
    vendor: card.vendor,
    nominalBytes,
    usableBytes: measured ? gibToBytes(measured.gib) : Math.floor(nominalBytes * DEFAULT_USABLE_FRACTION),
    usableSource: measured ? measured.source : `assumed ${(DEFAULT_USABLE_FRACTION * 100).toFixed(2)}% of nominal, as on the H100`,
  };
}
