import { useI18n } from '../i18n/i18n';
import { useLoad } from '../screens/useLoad';
import { hasAnyRole, Session } from '../session/session';
import { Link } from '../ui/Link';
import { ListStatus } from '../ui/ListStatus';
import { urgentSubjectRequests } from './api';
import { AuditCheckpoint } from './AuditCheckpoint';

/** Data protection at a glance: the requests whose 30-day deadline is near or past, and where each task is done. */
export function PrivacyHome({ session }: { session: Session }) {
  const { t, date, language } = useI18n();
  const urgent = useLoad(() => urgentSubjectRequests(), [language]);
  const dpc = hasAnyRole(session, 'data-protection-contact');
  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('privacy.title')}</h1>
      <p className="ecl-u-type-paragraph">{t('privacy.intro')}</p>
      <section aria-labelledby="privacy-urgent" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-urgent">
          {t('privacy.urgentTitle')}<span className="imi-count">{urgent.data?.length ?? 0}</span>
        </h2>
        <ListStatus problem={urgent.problem} loading={urgent.loading && !urgent.data} empty={!!urgent.data && urgent.data.length === 0} />
        {urgent.data && urgent.data.length > 0 && (
          <ul className="ecl-unordered-list privacy-list">
            {urgent.data.map((u) => (
              <li key={u.id} className="ecl-unordered-list__item">
                <Link to={`/privacy/subject-requests/${u.id}`}>{t('privacy.urgentItem', { kind: t(`privacy.kind.${u.kind}`), date: date(u.dueBy) })}</Link>
                {' '}({t(`privacy.reminder.${u.reason}`)})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="privacy-tasks" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-tasks">{t('privacy.tasks')}</h2>
        <ul className="ecl-unordered-list privacy-list">
          <li className="ecl-unordered-list__item"><Link to="/privacy/subject-requests">{t('privacy.subjectRequestsTitle')}</Link> — {t('privacy.subjectRequestsHint')}</li>
          <li className="ecl-unordered-list__item"><Link to="/privacy/subject-requests/new">{t('privacy.newSubjectRequestTitle')}</Link></li>
          {dpc && <li className="ecl-unordered-list__item"><Link to="/privacy/objections">{t('privacy.objectionsTitle')}</Link> — {t('privacy.objectionsHint')}</li>}
          <li className="ecl-unordered-list__item"><Link to="/privacy/early-deletions">{t('privacy.earlyDeletionsTitle')}</Link> — {t('privacy.earlyDeletionsHint')}</li>
          {dpc && <li className="ecl-unordered-list__item"><Link to="/privacy/access-report">{t('privacy.accessReportTitle')}</Link> — {t('privacy.accessReportHint')}</li>}
        </ul>
        <p className="ecl-u-type-paragraph">{t('privacy.exchangeHint')}</p>
      </section>
      {dpc && <AuditCheckpoint />}
    </>
  );
}
