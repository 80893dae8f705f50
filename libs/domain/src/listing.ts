/**
 * Lists are read a page at a time with an opaque cursor (keyset pagination): the position
 * after the last item shown, as the sort key and id of that item. Unlike an offset, a cursor
 * neither skips nor repeats an item when others are added meanwhile, and the database reads
 * only one page through an index. Pure: the repositories turn a position into SQL.
 */
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 200;

export interface Page<T> {
  items: T[];
  /** Give it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Where the previous page ended, for one sort order. */
export interface Position {
  sort: string;
  /** The sort key of the last item shown: an ISO time. */
  key: string;
  id: string;
}

export class InvalidCursor extends Error {
  constructor() {
    super('the cursor is not one this list gave for this sort order');
    this.name = 'InvalidCursor';
  }
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.sort, position.key, position.id]), 'utf8').toString('base64url');
}

/** The position a cursor names; refuses one made for another sort order, or not made here at all. */
export function decodeCursor(cursor: string, sort: string): Position {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string')) throw new InvalidCursor();
  const [madeFor, key, id] = parts as string[];
  if (madeFor !== sort || Number.isNaN(Date.parse(key)) || !/^[0-9a-f-]{36}$/.test(id)) throw new InvalidCursor();
  return { sort, key, id };
}

/**
 * A page from rows read one past the page size: the extra row only says that more follow.
 * `keyOf` gives the sort key of an item as an ISO time.
 */
export function pageOf<T extends { id: string }>(rows: T[], limit: number, sort: string, keyOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ sort, key: keyOf(last), id: last.id }) : null };
}
