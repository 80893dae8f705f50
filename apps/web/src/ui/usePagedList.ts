import { useEffect, useRef, useState } from 'react';
import type { Page, Problem, Result } from '../api/client';

export interface PagedList<T> {
  items: T[] | null;
  problem: Problem | null;
  loading: boolean;
  hasMore: boolean;
  more: () => void;
  /** A row changed here (not read again): the list shows it at once. */
  update: (change: (items: T[]) => T[]) => void;
}

/**
 * A list read a page at a time through the API's cursor: read afresh from its first page
 * whenever `key` changes (the filters, and the language the API answers in), the next page
 * appended by `more`. Only the answer to the latest read counts: a slower answer to an
 * earlier filter is dropped.
 */
export function usePagedList<T>(page: (cursor: string | null) => Promise<Result<Page<T>>>, key: unknown[]): PagedList<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const latest = useRef(0);
  const load = async (after: string | null, previous: T[]) => {
    const round = ++latest.current;
    const result = await page(after);
    if (round !== latest.current) return;
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setItems([...previous, ...result.data.items]);
    setCursor(result.data.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load(null, []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, key);
  return {
    items,
    problem,
    loading: !items && !problem,
    hasMore: !!cursor && !!items,
    more: () => void (cursor && items && load(cursor, items)),
    update: (change: (items: T[]) => T[]) => setItems((rows) => rows && change(rows)),
  };
}
