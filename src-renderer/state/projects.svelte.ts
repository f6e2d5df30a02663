import type { ProjectSummary } from '../../shared/project.ts';
import { call } from '../api.ts';
import { Guarded } from './guarded.svelte.ts';

export type ProjectSort = 'updated' | 'name' | 'client';

/** The project list with its search, sort, and the undo of the last delete. */
export class ProjectsState extends Guarded {
  list = $state<ProjectSummary[]>([]);
  search = $state('');
  sort = $state<ProjectSort>('updated');
  lastDeleted = $state<ProjectSummary | null>(null);
  loaded = $state(false);

  readonly shown = $derived.by(() => {
    const q = this.search.trim().toLowerCase();
    const rows = this.list.filter((p) => !q || p.name.toLowerCase().includes(q) || p.client.toLowerCase().includes(q));
    const by = this.sort;
    return [...rows].sort((a, b) => (by === 'updated' ? b.updatedAtMs - a.updatedAtMs : a[by].localeCompare(b[by])));
  });

  async load(): Promise<void> {
    await this.run(async () => {
      this.list = await call('projectList', undefined);
      this.loaded = true;
    });
  }

  async remove(project: ProjectSummary): Promise<void> {
    await this.run(async () => {
      await call('projectDelete', { id: project.id });
      this.lastDeleted = project;
      await this.load();
    });
  }

  async undo(): Promise<void> {
    const project = this.lastDeleted;
    if (!project) return;
    await this.run(async () => {
      await call('projectRestore', { id: project.id });
      this.lastDeleted = null;
      await this.load();
    });
  }
}
