import { useCallback, useEffect, useState } from 'react';
import type { Problem, Result } from '../api/client';

/** Loads once per `key` (and again on `reload`); the language is part of the key, since the API answers in it. */
export function useLoad<T>(load: () => Promise<Result<T>>, key: unknown[]): { data: T | null; problem: Problem | null; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; problem: Problem | null; loading: boolean }>({ data: null, problem: null, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void load().then((result) => {
      if (!live) return;
      setState(result.ok ? { data: result.data, problem: null, loading: false } : { data: null, problem: result.problem, loading: false });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...key, round]);
  return { ...state, reload: useCallback(() => setRound((r) => r + 1), []) };
}
