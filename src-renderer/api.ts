/**
 * The renderer's one way to main: `window.cardplan`, with the envelope turned into a value or an
 * `ApiError` whose message is the one-line text main wrote for people.
 */
import type { Api, Method, RequestOf, ResponseOf } from '../shared/contract.ts';
import type { ErrorCode } from '../shared/errors.ts';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function call<M extends Method>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const fn = window.cardplan[method] as unknown as (r: RequestOf<M>) => ReturnType<Api[M]>;
  const result = await fn(request);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as ResponseOf<M>;
}

/** The message to show for anything thrown by `call` (or by the page itself). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
