import { useEffect, useState } from 'react';
import type { Problem, Result } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * One record on its page (a request, an alert, a data subject's request, an early deletion):
 * read by id, again when the language changes (the node answers in it) or on `reload`, and
 * while `pollWhile` holds every 3 s (what arrives through the hub). `acted` takes an action's
 * outcome: the record as it is now, or the server's problem; `done` says the last one succeeded.
 */
export function useRecord<T>(read: (id: string) => Promise<Result<T>>, id: string, pollWhile?: (view: T) => boolean) {
  const { language } = useI18n();
  const [view, setView] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void read(id).then((result) => {
      if (!live) return;
      if (result.ok) setView(result.data);
      else setProblem(result.problem);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, language, round]);

  const polling = !!view && !!pollWhile?.(view);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void read(id).then((r) => r.ok && setView(r.data)), 3_000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [polling, id]);

  const acted = (result: Result<T>) => {
    setDone(result.ok);
    if (result.ok) {
      setProblem(null);
      setView(result.data);
    } else setProblem(result.problem);
  };
  return { view, setView, problem, setProblem, done, acted, reload: () => setRound((r) => r + 1) };
}
