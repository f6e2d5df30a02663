/**
 * A project's bill of materials: the chosen option of each workload packed onto whole cards and
 * whole servers. Workloads on the same card type share servers (a 72B chat model on 4 cards, an
 * embedding model and a reranker on one card each fill 6 slots of one 8-card server, not three
 * servers), as long as each tensor-parallel group fits inside one server; and single-card
 * workloads share a card when its memory allows (first fit, largest first): two small embedding
 * models on one card, or an embedding model in the memory vLLM leaves free beside a chat model.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import { CUDA_CONTEXT_BYTES } from '../memory/engines.ts';
import type { Verdict } from '../memory/verdict.ts';
import { convert, DEFAULT_ASSUMPTIONS, type PlanAssumptions } from './assumptions.ts';
import { costOf } from './cost.ts';

export interface Placed {
  workload: string;
  card: CardSpec;
  tp: number;
  pp: number;
  replicas: number;
  decodeTokensPerSecond: number | null;
  /** The option's verdict: how much of each card the workload occupies. Without it, whole cards. */
  verdict?: Verdict;
}

/** One physical card that hosts more than one workload. */
export interface SharedCard {
  workloads: string[];
  usedBytes: number;
  capacityBytes: number;
}

export interface BomLine {
  card: string;
  cardName: string;
  cards: number;
  servers: number;
  workloads: string[];
  /** Cards hosting several workloads, and how full they are. */
  sharedCards: SharedCard[];
  capex: number | null;
  powerPerYear: number | null;
}

export interface BillOfMaterials {
  lines: BomLine[];
  capex: number | null;
  powerPerYear: number | null;
  tcoPerYear: number | null;
  currency: string;
}

/**
 * Bytes of one card a workload takes: its need with the safety buffer when it allocates on
 * demand; the engine's whole share (utilization × usable, plus the CUDA context) for vLLM; the
 * whole card for SGLang, whose activations and CUDA graphs live outside its static fraction.
 */
export function occupiedBytesPerCard(v: Verdict, capacityBytes: number): number {
  if (v.basis === 'memory') return v.engineFraction === null ? v.needWithBufferBytes : Math.min(capacityBytes, v.usableBytes + CUDA_CONTEXT_BYTES);
  return v.engine === 'vllm' ? Math.min(capacityBytes, v.engineBytes + CUDA_CONTEXT_BYTES) : capacityBytes;
}

interface Slot {
  free: number;
  workloads: string[];
}

/** First-fit decreasing of single-card replicas into the free memory of the cards already placed. */
function packCards(group: readonly Placed[], capacity: number): { cards: number; shared: SharedCard[] } {
  const slots: Slot[] = [];
  const items = group.flatMap((p) =>
    Array.from({ length: p.replicas }, () => ({ p, size: p.verdict && p.tp * p.pp === 1 ? occupiedBytesPerCard(p.verdict, capacity) : capacity })),
  );
  // Multi-card replicas first (they open cards), then single-card ones from the largest.
  items.sort((x, y) => y.p.tp * y.p.pp - x.p.tp * x.p.pp || y.size - x.size);
  for (const { p, size } of items) {
    const span = p.tp * p.pp;
    if (span > 1) {
      const each = p.verdict ? occupiedBytesPerCard(p.verdict, capacity) : capacity;
      for (let k = 0; k < span; k++) slots.push({ free: capacity - each, workloads: [p.workload] });
      continue;
    }
    const slot = slots.find((s) => s.free >= size);
    if (slot) {
      slot.free -= size;
      slot.workloads.push(p.workload);
    } else slots.push({ free: capacity - size, workloads: [p.workload] });
  }
  const shared = slots.filter((s) => s.workloads.length > 1).map((s) => ({ workloads: s.workloads, usedBytes: capacity - s.free, capacityBytes: capacity }));
  return { cards: slots.length, shared };
}

export function billOfMaterials(placed: readonly Placed[], a: PlanAssumptions = DEFAULT_ASSUMPTIONS): BillOfMaterials {
  const byCard = new Map<string, Placed[]>();
  for (const p of placed) byCard.set(p.card.id, [...(byCard.get(p.card.id) ?? []), p]);
  const lines: BomLine[] = [];
  let support = 0;
  for (const group of byCard.values()) {
    const card = group[0]!.card;
    const perServer = card.perServer ?? a.defaultPerServer;
    // Groups whose TP degree divides the server pack freely; others take whole servers per replica.
    const packable = group.filter((p) => perServer % p.tp === 0);
    const whole = group.filter((p) => perServer % p.tp !== 0);
    const packed = packCards(packable, card.usableBytes ?? 0);
    const wholeCards = whole.reduce((sum, p) => sum + p.tp * p.pp * p.replicas, 0);
    const cards = packed.cards + wholeCards;
    const servers = Math.ceil(packed.cards / perServer) + whole.reduce((sum, p) => sum + p.replicas * Math.ceil((p.tp * p.pp) / perServer), 0);
    const cost = costOf(card, cards, servers, null, { ...a, extraLineItems: [] });
    lines.push({ card: card.id, cardName: card.name, cards, servers, workloads: group.map((p) => p.workload), sharedCards: packed.shared, capex: cost.capex, powerPerYear: cost.powerPerYear });
    support += servers * convert(a.perServer.supportPerYear.amount, a.perServer.supportPerYear.currency, a.currency, a);
  }
  const known = (f: (l: BomLine) => number | null): number | null => (lines.every((l) => f(l) !== null) ? lines.reduce((sum, l) => sum + f(l)!, 0) : null);
  // Network, storage and support are priced once for the project, not per card type.
  const extras = a.extraLineItems.reduce((sum, item) => sum + convert(item.price.amount, item.price.currency, a.currency, a) * item.quantity, 0);
  const cardsCapex = known((l) => l.capex);
  const capex = cardsCapex === null ? null : cardsCapex + extras;
  const power = known((l) => l.powerPerYear);
  return { lines, capex, powerPerYear: power, tcoPerYear: capex === null || power === null ? null : capex / a.years + power + support, currency: a.currency };
}
