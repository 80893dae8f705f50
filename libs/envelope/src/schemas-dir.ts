import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds the repository's `schemas/` folder from source or from the built `dist/`. */
export function findSchemasDir(start = __dirname): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'envelope.avsc'))) return candidate;
  }
  throw new Error(`no schemas/ folder above ${start}`);
}
