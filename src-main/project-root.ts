import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root when running from source (CLI, `npm run web`, tests): src-main/.. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
