/**
 * `cardplan project` (contract: keep these names):
 *   project new [NAME | --example] [--db PATH] [--json]   --json prints {"id": …}
 *   project list [--db PATH] [--json]                      --json prints [{"id","name","workloads","updatedAtMs"}]
 *   project show ID [--db PATH] [--json]
 *   project export ID --out FILE [--db PATH]
 *   project import FILE [--db PATH] [--json]               --json prints {"id": …}
 */
import fs from 'node:fs';
import path from 'node:path';
import { CardPlanError } from '../../shared/errors.ts';
import type { ProjectDetail, ProjectSummary } from '../../shared/project.ts';
import { readProjectFile } from '../services/project-file.ts';
import type { ServiceContext } from '../services/context.ts';
import { call, commandArgs, UsageError } from './args.ts';
import { writeFileAtomically } from './write-file.ts';
import type { Io } from './io.ts';

export const PROJECT_USAGE = `cardplan project new [NAME | --example] [--db PATH] [--json]
cardplan project list [--db PATH] [--json]
cardplan project show ID [--db PATH] [--json]
cardplan project export ID --out FILE [--db PATH]
cardplan project import FILE [--db PATH] [--json]`;

function parse(sub: string, args: string[], options: Record<string, { type: 'string' | 'boolean' }>, positionals: number) {
  const parsed = commandArgs(`project ${sub}`, 'cardplan project --help', args, { db: { type: 'string' }, ...options });
  if (parsed.positionals.length > positionals) throw new UsageError(`project ${sub}: unexpected argument '${parsed.positionals[positionals]}'`);
  return parsed;
}

function showText(p: ProjectDetail): string {
  const lines = [`${p.name}${p.client ? ` — ${p.client}` : ''} (${p.id})`, `currency ${p.currency}, ${p.workloads} workload(s), updated ${new Date(p.updatedAtMs).toISOString()}`];
  if (p.notes) lines.push(p.notes);
  for (const w of p.workloadList) {
    const model = 'builtin' in w.model ? w.model.builtin : `stored model ${w.model.stored}`;
    const chosen = w.chosen ? `${w.chosen.card} tp ${w.chosen.tp} × pp ${w.chosen.pp} × ${w.chosen.replicas}` : 'no configuration chosen';
    lines.push(`- ${w.name}: ${model}, ${w.workload.weights ?? 'default precision'}, ${w.workload.contextTokens} tokens × ${w.workload.concurrency}, ${w.workload.engine}; ${chosen}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Opens the database: `write` for the commands that may create it (new, import); the others need one to exist. */
export type OpenDatabase = (dbPath: string | undefined, access: { write: boolean }) => ServiceContext;

export async function projectCommand(args: string[], io: Io, open: OpenDatabase): Promise<number> {
  const [sub, ...rest] = args;
  const out = (value: unknown, json: boolean | string | undefined, text: () => string) => io.out(json ? `${JSON.stringify(value, null, 2)}\n` : text());
  switch (sub) {
    case 'new': {
      const { values, positionals } = parse('new', rest, { example: { type: 'boolean' }, json: { type: 'boolean' }, client: { type: 'string' }, currency: { type: 'string' } }, 1);
      if (values.example && positionals.length) throw new UsageError('project new: give a NAME or --example, not both');
      if (!values.example && !positionals.length) throw new UsageError('project new: give a NAME or --example');
      const ctx = open(values.db as string | undefined, { write: true });
      const request = values.example
        ? { example: true }
        : { fields: { name: positionals[0]!, ...(values.client ? { client: values.client } : {}), ...(values.currency ? { currency: String(values.currency).toUpperCase() } : {}) } };
      const created = await call<{ id: string }>(ctx, 'project:create', request);
      out(created, values.json, () => `created project ${created.id}\n`);
      return 0;
    }
    case 'list': {
      const { values } = parse('list', rest, { json: { type: 'boolean' } }, 0);
      const list = await call<ProjectSummary[]>(open(values.db as string | undefined, { write: false }), 'project:list', undefined);
      out(
        list.map((p) => ({ id: p.id, name: p.name, workloads: p.workloads, updatedAtMs: p.updatedAtMs, client: p.client, currency: p.currency })),
        values.json,
        () => (list.length ? `${list.map((p) => `${p.id}  ${p.name}  (${p.workloads} workload(s), updated ${new Date(p.updatedAtMs).toISOString()})`).join('\n')}\n` : 'no projects\n'),
      );
      return 0;
    }
    case 'show': {
      const { values, positionals } = parse('show', rest, { json: { type: 'boolean' } }, 1);
      if (!positionals[0]) throw new UsageError('project show: give the project ID (see cardplan project list)');
      const project = await call<ProjectDetail>(open(values.db as string | undefined, { write: false }), 'project:get', { id: positionals[0] });
      out(project, values.json, () => showText(project));
      return 0;
    }
    case 'export': {
      const { values, positionals } = parse('export', rest, { out: { type: 'string' } }, 1);
      if (!positionals[0]) throw new UsageError('project export: give the project ID');
      if (!values.out) throw new UsageError('project export: give --out FILE');
      const file = await call<unknown>(open(values.db as string | undefined, { write: false }), 'project:export', { id: positionals[0] });
      const target = writeFileAtomically(values.out as string, `${JSON.stringify(file, null, 2)}\n`);
      io.out(`wrote ${target}\n`);
      return 0;
    }
    case 'import': {
      const { values, positionals } = parse('import', rest, { json: { type: 'boolean' } }, 1);
      if (!positionals[0]) throw new UsageError('project import: give the FILE to import');
      const content = readProjectFile(path.resolve(positionals[0]));
      const created = await call<{ id: string }>(open(values.db as string | undefined, { write: true }), 'project:import', { file: content });
      out(created, values.json, () => `imported project ${created.id}\n`);
      return 0;
    }
    default:
      throw new UsageError(sub === undefined ? `project: give a subcommand\n${PROJECT_USAGE}` : `project: unknown subcommand '${sub}'; one of new, list, show, export, import`);
  }
}
