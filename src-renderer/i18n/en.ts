/** English strings. Keys are shared with zh-CN.ts, whose type requires every key here. */
export const en = {
  'app.title': 'CardPlan',
  'app.tagline': 'Capacity planning for LLM deployment and training on NVIDIA and domestic accelerators',
  'language.label': 'Language',
  'status.loading': 'Connecting to the CardPlan service…',
  'status.error': 'The CardPlan service did not answer: {message}',
  'about.heading': 'About this installation',
  'about.version': 'Version',
  'about.runtime': 'Running in',
  'about.runtime.electron': 'Desktop app',
  'about.runtime.node': 'Browser harness',
  'about.database': 'Database',
  'about.schema': 'Schema version',
  'catalog.heading': 'Built-in card catalog',
  'catalog.cards': 'Cards',
  'catalog.nvidia': 'NVIDIA',
  'catalog.domestic': 'Chinese domestic',
  'catalog.vendors': 'Vendors',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };
