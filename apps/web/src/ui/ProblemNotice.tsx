import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** The problem's kind from its type: urn:imi:problem:transition-refused/not-accepted → transition-refused. */
const kindOf = (problem: Problem) => problem.type.replace(/^urn:imi:problem:/, '').split('/')[0];

/**
 * A problem from the server, in the reader's language where its kind is known, with the
 * server's own detail beside it (English, naming states and fields): shown, never swallowed.
 */
export function ProblemNotice({ problem, summary }: { problem: Problem; summary?: string }) {
  const { t, tMaybe } = useI18n();
  const known = summary ?? tMaybe(`problem.${kindOf(problem)}`) ?? t('problem.unknown');
  return (
    <div role="alert" className="ecl-notification ecl-notification--error imi-notification">
      <div className="ecl-notification__content">
        <div className="ecl-notification__title">{known}</div>
        {(problem.detail || problem.errors?.length) && (
          <div className="ecl-notification__description">
            <span className="imi-visually-hidden">{t('problemDetail')}: </span>
            {problem.detail && <span lang="en">{problem.detail}</span>}
            {problem.errors && <ul className="ecl-unordered-list">{problem.errors.map((e) => <li key={e} className="ecl-unordered-list__item" lang="en">{e}</li>)}</ul>}
          </div>
        )}
      </div>
    </div>
  );
}

export function DoneNotice({ text }: { text: string }) {
  return (
    <div role="status" className="ecl-notification ecl-notification--success imi-notification">
      <div className="ecl-notification__content"><div className="ecl-notification__title">{text}</div></div>
    </div>
  );
}
