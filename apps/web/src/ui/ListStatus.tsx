import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ProblemNotice } from './ProblemNotice';

/** What a list says instead of rows: the server's problem, that it is loading, or that there is nothing. */
export function ListStatus({ problem, loading, empty }: { problem: Problem | null; loading: boolean; empty: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {problem && <ProblemNotice problem={problem} />}
      {loading && <p className="ecl-u-type-paragraph">{t('loading')}</p>}
      {empty && <p className="ecl-u-type-paragraph">{t('nothingHere')}</p>}
    </>
  );
}
