/**
 * The handler table: for every contract method, the schema its request must satisfy and the
 * service that answers it. Electron's `ipcMain.handle` (main.ts) and the browser harness
 * (web/server.ts) both call `dispatch`, so the page gets the same validation and the same
 * services whichever shell it runs in. The renderer is untrusted: nothing reaches a service
 * before its schema accepts it, and nothing but the envelope goes back.
 */
import { z } from 'zod';
import { CHANNELS, METHODS, methodForChannel, type Method, type RequestOf, type ResponseOf, type Result } from '../../shared/contract.ts';
import { CardPlanError } from '../../shared/errors.ts';
import { ENGINES } from '../../shared/memory/engines.ts';
import { KV_DTYPES, WEIGHT_FORMATS } from '../../shared/memory/precision.ts';
import { MODES, SIZING_METHODS } from '../../shared/memory/size.ts';
import { LORA_TARGETS } from '../../shared/memory/training.ts';
import { appInfo } from '../services/app.ts';
import { size } from '../services/sizing.ts';
import type { ServiceContext } from '../services/context.ts';

interface Handler<M extends Method> {
  request: z.ZodType<RequestOf<M>>;
  handle: (ctx: ServiceContext, request: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>>;
}

// Shapes only: ranges (positive counts, fractions in (0, 1], context limits) are checked by the
// sizing core itself, whose messages name the field and what is allowed.
const count = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const workloadSchema = z
  .object({
    weights: z.enum(WEIGHT_FORMATS),
    kvDtype: z.enum(KV_DTYPES),
    contextTokens: count,
    promptTokens: count,
    concurrency: count,
    mode: z.enum(MODES),
    engine: z.enum(ENGINES),
    engineVersion: z.string().max(20),
    method: z.enum(SIZING_METHODS),
    gpuMemoryUtilization: z.number().finite(),
    memFractionStatic: z.number().finite(),
    safetyBufferFraction: z.number().finite(),
    forceContext: z.boolean(),
    zeroStage: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    dataParallel: count,
    loraRank: count,
    loraTargets: z.enum(LORA_TARGETS),
    activationCheckpointing: z.boolean(),
  })
  .partial()
  .strict();

const modelSchema = z.union([
  z.object({ id: z.string().min(1).max(200) }).strict(),
  z.object({ config: z.record(z.string(), z.unknown()), name: z.string().max(200).optional(), exactWeightBytes: count.nullable().optional() }).strict(),
  z
    .object({
      manual: z
        .object({
          params: count,
          activeParams: count.optional(),
          layers: count,
          heads: count,
          kvHeads: count,
          headDim: count,
          hiddenSize: count.optional(),
          intermediateSize: count.optional(),
          vocabSize: count.optional(),
          maxContextTokens: count.optional(),
        })
        .strict(),
    })
    .strict(),
]);

const sizeRequestSchema = z
  .object({
    model: modelSchema,
    workload: workloadSchema,
    placement: z.object({ cardId: z.string().min(1).max(200), tp: count.max(1024), pp: count.max(1024) }).strict().optional(),
  })
  .strict();

export const HANDLERS: { readonly [M in Method]: Handler<M> } = {
  appInfo: { request: z.undefined(), handle: (ctx) => appInfo(ctx) },
  size: { request: sizeRequestSchema as unknown as z.ZodType<RequestOf<'size'>>, handle: (_ctx, request) => size(request) },
};

/** One line naming each field that was wrong and what is allowed. */
export function describeIssues(channel: string, error: z.ZodError): string {
  const parts = error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'request';
    return `${where}: ${issue.message}`;
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
  const parsed = handler.request.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeIssues(CHANNELS[method], parsed.error) } };
  }
  try {
    return { ok: true, value: await handler.handle(ctx, parsed.data) };
  } catch (error) {
    if (error instanceof CardPlanError) return { ok: false, error: { code: error.code, message: error.message } };
    logError(`${CHANNELS[method]} failed`, error);
    return {
      ok: false,
      error: { code: 'internal', message: `${CHANNELS[method]}: internal error (${(error as Error)?.message ?? String(error)})` },
    };
  }
}
