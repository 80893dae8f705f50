import { createHash } from 'node:crypto';
import { QueryConfig } from 'pg';

const names = new Map<string, string>();

/**
 * A named (server-side prepared) statement: Postgres parses and plans it once per connection
 * instead of on every call. For the statements every exchange runs; the name is derived from
 * the text, so the same SQL always maps to the same statement.
 */
export function prepared(text: string, values: unknown[]): QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `imi_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
