import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CardPlanError } from '../../shared/errors.ts';
import { dispatch } from '../ipc/handlers.ts';
import type { ServiceContext } from '../services/context.ts';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `util.parseArgs` with one-line messages that name the offending argument and what is allowed,
 * e.g. `info: unknown option '--dbx'; allowed: --db PATH, --json`.
 */
export function parseOptions<O extends Options>(command: string, args: string[], options: O, allowed: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const quoted = /'(-[^']*|[^']*)'/.exec(message)?.[1];
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option '${quoted}'`
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? `unexpected argument '${quoted}'`
          : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
            ? `option '${(/--[\w-]+/.exec(message) ?? [quoted])[0]}' needs a value`
            : message.split('\n')[0];
    throw new UsageError(`${command}: ${what}; allowed: ${allowed}`);
  }
}

/**
 * A command's options and positional arguments (`util.parseArgs`, strict), with an unknown option
 * as one line naming it: `prices import: unknown option '--x'; see cardplan prices --help`.
 */
export function commandArgs(label: string, help: string, args: string[], options: Options): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    const quoted = /'(-[^']*)'/.exec((error as Error).message)?.[1];
    throw new UsageError(`${label}: ${quoted ? `unknown option '${quoted}'` : (error as Error).message.split('\n')[0]}; see ${help}`);
  }
}

/** A contract call from the command line: the value, or the service's one-line error thrown for the CLI to print. */
export async function call<T>(ctx: ServiceContext, channel: string, payload: unknown): Promise<T> {
  const result = await dispatch(ctx, channel, payload);
  if (!result.ok) throw new CardPlanError(result.error.code, result.error.message);
  return result.value as T;
}
