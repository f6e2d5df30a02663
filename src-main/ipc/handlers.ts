/**
 * The handler table: for every contract method, the schema its request must satisfy and the
 * service that answers it. Electron's `ipcMain.handle` (main.ts) and the browser harness
 * (web/server.ts) both call `dispatch`, so the page gets the same validation and the same
 * services whichever shell it runs in. The renderer is untrusted: nothing reaches a service
 * before its schema accepts it, and nothing but the envelope goes back.
 */
import * as v from 'valibot';
import { CHANNELS, METHODS, methodForChannel, type Method, type RequestOf, type ResponseOf, type Result } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { ENGINES } from '../../shared/memory/engines.ts';
import { KV_DTYPES, WEIGHT_FORMATS } from '../../shared/memory/precision.ts';
import { MODES, SIZING_METHODS } from '../../shared/memory/size.ts';
import { LORA_TARGETS } from '../../shared/memory/training.ts';
import { appInfo } from '../services/app.ts';
import { listCards, plan } from '../services/planning.ts';
import { size } from '../services/sizing.ts';
import type { ServiceContext } from '../services/context.ts';

// valibot rather than zod: the same declarative schemas, but it loads in a few milliseconds, which
// keeps `cardplan` as quick to start as plain Node.
type Schema<T> = v.GenericSchema<unknown, T>;

interface Handler<M extends Method> {
  request: Schema<RequestOf<M>>;
  handle: (ctx: ServiceContext, request: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>>;
}

// Shapes only: ranges (positive counts, fractions in (0, 1], context limits) are checked by the
// sizing core itself, whose messages name the field and what is allowed.
const count = v.pipe(v.number(), v.safeInteger('Invalid number: expected a positive integer'), v.minValue(1, 'Invalid number: expected a positive integer'));
const finite = v.pipe(v.number(), v.finite('Invalid number: expected a finite number'));
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const oneOf = <T extends readonly string[]>(values: T) => v.picklist(values, `Invalid option: expected one of ${values.map((x) => `"${x}"`).join('|')}`);

const workloadSchema = v.strictObject({
  weights: v.optional(oneOf(WEIGHT_FORMATS)),
  kvDtype: v.optional(oneOf(KV_DTYPES)),
  contextTokens: v.optional(count),
  promptTokens: v.optional(count),
  concurrency: v.optional(count),
  mode: v.optional(oneOf(MODES)),
  engine: v.optional(oneOf(ENGINES)),
  engineVersion: v.optional(text(20)),
  method: v.optional(oneOf(SIZING_METHODS)),
  gpuMemoryUtilization: v.optional(finite),
  memFractionStatic: v.optional(finite),
  safetyBufferFraction: v.optional(finite),
  forceContext: v.optional(v.boolean()),
  zeroStage: v.optional(v.picklist([0, 1, 2, 3], 'Invalid option: expected 0, 1, 2 or 3')),
  dataParallel: v.optional(count),
  loraRank: v.optional(count),
  loraTargets: v.optional(oneOf(LORA_TARGETS)),
  activationCheckpointing: v.optional(v.boolean()),
});

const modelSchema = v.union([
  v.strictObject({ id: text(200) }),
  v.strictObject({ config: v.record(v.string(), v.unknown()), name: v.optional(v.pipe(v.string(), v.maxLength(200))), exactWeightBytes: v.optional(v.nullable(count)) }),
  v.strictObject({
    manual: v.strictObject({
      params: count,
      activeParams: v.optional(count),
      layers: count,
      heads: count,
      kvHeads: count,
      headDim: count,
      hiddenSize: v.optional(count),
      intermediateSize: v.optional(count),
      vocabSize: v.optional(count),
      maxContextTokens: v.optional(count),
    }),
  }),
], 'Invalid model: expected { id }, { config, name?, exactWeightBytes? } or { manual: { params, layers, heads, kvHeads, headDim, … } }');

const sizeRequestSchema = v.strictObject({
  model: modelSchema,
  workload: workloadSchema,
  placement: v.optional(v.strictObject({ cardId: text(200), tp: v.pipe(count, v.maxValue(1024)), pp: v.pipe(count, v.maxValue(1024)) })),
});

const planRequestSchema = v.strictObject({
  model: modelSchema,
  workload: workloadSchema,
  cardIds: v.optional(v.pipe(v.array(text(200)), v.minLength(1), v.maxLength(500))),
  targetTokensPerSecond: v.optional(v.pipe(finite, v.gtValue(0, 'Invalid number: expected a positive number'))),
  currency: v.optional(oneOf(['CNY', 'USD', 'EUR'] as const)),
});

export const HANDLERS: { readonly [M in Method]: Handler<M> } = {
  appInfo: { request: v.undefined() as Schema<undefined> as Schema<RequestOf<'appInfo'>>, handle: (ctx) => appInfo(ctx) },
  size: { request: sizeRequestSchema as unknown as Schema<RequestOf<'size'>>, handle: (_ctx, request) => size(request) },
  cards: { request: v.undefined() as Schema<undefined> as Schema<RequestOf<'cards'>>, handle: () => listCards() },
  plan: { request: planRequestSchema as unknown as Schema<RequestOf<'plan'>>, handle: (_ctx, request) => plan(request) },
};

/** One line naming each field that was wrong and what is allowed. */
export function describeIssues(channel: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const parts = issues.map((issue) => {
    const path = issue.path?.map((item) => String(item.key)) ?? [];
    return `${path.length > 0 ? path.join('.') : 'request'}: ${issue.message}`;
  });
  return `${channel}: invalid request (${parts.join('; ')})`;
}

export type ErrorLogger = (message: string, error: unknown) => void;

const logToStderr: ErrorLogger = (message, error) => {
  console.error(message, error);
};

/**
 * Validates and answers one request. Never throws: an unknown channel, a payload its schema
 * refuses, a `CardPlanError` from a service and an unexpected failure all come back as
 * `{ ok: false, error: { code, message } }`. Unexpected failures are logged in main with their
 * stack; the renderer sees only a one-line message.
 */
export async function dispatch(
  ctx: ServiceContext,
  channel: unknown,
  payload: unknown,
  logError: ErrorLogger = logToStderr,
): Promise<Result<unknown>> {
  const method = methodForChannel(channel);
  if (!method) {
    const known = METHODS.map((m) => CHANNELS[m]).join(', ');
    return {
      ok: false,
      error: { code: 'unknown_channel', message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}; known: ${known}` },
    };
  }
  const handler = HANDLERS[method] as unknown as Handler<Method>;
  const parsed = v.safeParse(handler.request, payload);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(CHANNELS[method], parsed.issues) } };
  }
  try {
    return { ok: true, value: await handler.handle(ctx, parsed.output) };
  } catch (error) {
    if (error instanceof CardPlanError) return { ok: false, error: { code: error.code, message: error.message } };
    logError(`${CHANNELS[method]} failed`, error);
    return {
      ok: false,
      error: { code: 'internal', message: `${CHANNELS[method]}: internal error (${(error as Error)?.message ?? String(error)})` },
    };
  }
}
