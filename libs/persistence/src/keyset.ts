import { QueryConfig } from 'pg';
import { Conditions } from './conditions';

export interface SortOrder {
  /** A timestamptz column. */
  column: string;
  direction: 'ASC' | 'DESC';
}

/**
 * One page of rows in SQL, by keyset: `conditions`, then
 * the rows after `after` in `order` (the sort column, then `id`), `limit + 1` of them. Each row
 * gets `page_key`, its sort key in Postgres's own microseconds, for the next cursor: a
 * JavaScript Date would round it, and the next page would skip or repeat a row.
 */
export function pageQuery(
  select: string,
  conditions: Conditions,
  order: SortOrder,
  after: { key: string; id: string } | null,
  limit: number,
): QueryConfig {
  const where = [...conditions.where];
  const all = [...conditions.values];
  if (after) {
    all.push(after.key, after.id);
    where.push(`(${order.column}, id) ${order.direction === 'DESC' ? '<' : '>'} ($${all.length - 1}::timestamptz, $${all.length}::uuid)`);
  }
  all.push(limit + 1);
  return {
    text: `${select.replace(/^SELECT /, `SELECT to_char(${order.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS page_key, `)}
      WHERE ${where.length > 0 ? where.join(' AND ') : 'true'} ORDER BY ${order.column} ${order.direction}, id ${order.direction} LIMIT $${all.length}`,
    values: all,
  };
}
