/**
 * Writes a file the command produced under a temporary name, then renames it: a failure never
 * leaves a partial file, and says why in one line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CardPlanError } from '../../shared/errors.ts';

export function writeFileAtomically(out: string, content: string | Buffer): string {
  const target = path.resolve(out);
  const partial = `${target}.partial`;
  try {
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new CardPlanError('storage', `cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return target;
}
