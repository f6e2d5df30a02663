/**
 * A project's bill of materials: the chosen option of each workload packed onto whole servers.
 * Workloads on the same card share servers (a 72B chat model on 4 cards, an embedding model and a
 * reranker on one card each fill 6 slots of one 8-card server, not three servers), as long as each
 * tensor-parallel group fits inside one server.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import { convert, DEFAULT_ASSUMPTIONS, type PlanAssumptions } from './assumptions.ts';
import { costOf } from './cost.ts';

export interface Placed {
  workload: string;
  card: CardSpec;
  tp: number;
  pp: number;
  replicas: number;
  decodeTokensPerSecond: number | null;
}

export interface BomLine {
  card: string;
  cardName: string;
  cards: number;
  servers: number;
  workloads: string[];
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

export function billOfMaterials(placed: readonly Placed[], a: PlanAssumptions = DEFAULT_ASSUMPTIONS): BillOfMaterials {
  const byCard = new Map<string, Placed[]>();
  for (const p of placed) byCard.set(p.card.id, [...(byCard.get(p.card.id) ?? []), p]);
  const lines: BomLine[] = [];
  for (const group of byCard.values()) {
    const card = group[0]!.card;
    const perServer = card.perServer ?? a.defaultPerServer;
    const cards = group.reduce((sum, p) => sum + p.tp * p.pp * p.replicas, 0);
    // Groups whose TP degree divides the server pack freely; others take whole servers per replica.
    const packable = group.filter((p) => perServer % p.tp === 0);
    const whole = group.filter((p) => perServer % p.tp !== 0);
    const packedCards = packable.reduce((sum, p) => sum + p.tp * p.pp * p.replicas, 0);
    const servers = Math.ceil(packedCards / perServer) + whole.reduce((sum, p) => sum + p.replicas * Math.ceil((p.tp * p.pp) / perServer), 0);
    const cost = costOf(card, cards, servers, null, { ...a, extraLineItems: [] });
    lines.push({ card: card.id, cardName: card.name, cards, servers, workloads: group.map((p) => p.workload), capex: cost.capex, powerPerYear: cost.powerPerYear });
  }
  const known = (f: (l: BomLine) => number | null): number | null => (lines.every((l) => f(l) !== null) ? lines.reduce((sum, l) => sum + f(l)!, 0) : null);
  // Network, storage and support are priced once for the project, not per card type.
  const extras = a.extraLineItems.reduce((sum, item) => sum + convert(item.price.amount, item.price.currency, a.currency, a) * item.quantity, 0);
  const cardsCapex = known((l) => l.capex);
  const capex = cardsCapex === null ? null : cardsCapex + extras;
  const power = known((l) => l.powerPerYear);
  return { lines, capex, powerPerYear: power, tcoPerYear: capex === null || power === null ? null : capex / a.years + power, currency: a.currency };
}
