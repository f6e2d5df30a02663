import { EXAMPLE_PROJECT_NAME } from '../../shared/example-project.ts';
import { call } from '../api.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

/**
 * The example project's id: the one already there under the example's name in the window's
 * language (deleted projects are not listed), else a new one.
 */
export async function exampleProjectId(): Promise<string> {
  const name = EXAMPLE_PROJECT_NAME[i18n.locale];
  const existing = (await call('projectList', undefined)).find((p) => p.name === name);
  return existing ? existing.id : (await call('projectCreate', { example: true, language: i18n.locale })).id;
}
