/**
 * A project's capex two ways, so the workspace and the quote agree: each workload priced on its
 * own servers (what each row shows), and the project's bill of materials, where workloads on the
 * same card type share servers (what the quote charges).
 */
import type { ProjectTotals } from '../../shared/contract.ts';
import { quoteData } from './quote-data.ts';
import type { ServiceContext } from '../services/context.ts';

export function projectTotals(ctx: ServiceContext, projectId: string): ProjectTotals {
  const data = quoteData(ctx, projectId);
  const own = data.workloads.map((q) => q.option.capex);
  return {
    currency: data.assumptions.currency,
    perWorkload: own.every((c) => c !== null) ? own.reduce((sum, c) => sum + c!, 0) : null,
    perWorkloadServers: data.workloads.reduce((sum, q) => sum + q.option.servers, 0),
    shared: data.bom.capex,
    sharedServers: data.bom.lines.reduce((sum, l) => sum + l.servers, 0),
  };
}
