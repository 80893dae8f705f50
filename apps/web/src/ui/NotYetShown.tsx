import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ProblemNotice } from './ProblemNotice';

/** A record's page before the record is here: its title, and the server's problem or that it is loading. */
export function NotYetShown({ title, problem }: { title: string; problem: Problem | null }) {
  const { t } = useI18n();
  return (
    <>
      <h1 className="ecl-u-type-heading-1">{title}</h1>
      {problem ? <ProblemNotice problem={problem} /> : <p className="ecl-u-type-paragraph">{t('loading')}</p>}
    </>
  );
}
