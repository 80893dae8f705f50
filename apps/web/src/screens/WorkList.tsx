import { listRequests, urgentAlerts, urgentRequests } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { hasAnyRole, Session } from '../session/session';
import { Link } from '../ui/Link';
import { ProblemNotice } from '../ui/ProblemNotice';
import { useLoad } from './useLoad';

/**
 * What needs the user now: incoming requests to accept, the urgency lists. Each list only for
 * the roles the node admits to it (the server decides; this only avoids asking in vain).
 */
export function WorkList({ session }: { session: Session }) {
  const { t, language } = useI18n();
  const handlesRequests = hasAnyRole(session, 'case-handler', 'allocator');
  const handlesAlerts = hasAnyRole(session, 'case-handler', 'coordinator');
  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('workListTitle')}</h1>
      {handlesRequests && <IncomingToAccept language={language} />}
      {handlesRequests && <UrgentRequests language={language} />}
      {handlesAlerts && <UrgentAlerts language={language} />}
    </>
  );
}

function Heading({ id, text, count }: { id: string; text: string; count: number | null }) {
  const { number } = useI18n();
  return (
    <h2 className="ecl-u-type-heading-2" id={id}>
      {text} {count !== null && <span className="imi-count">{number(count)}</span>}
    </h2>
  );
}

function IncomingToAccept({ language }: { language: string }) {
  const { t, date, tMaybe } = useI18n();
  const { data, problem, loading } = useLoad(() => listRequests({ role: 'addressee', state: 'sent', limit: 50 }), [language]);
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="incoming" className="imi-section">
      <Heading id="incoming" text={t('incomingToAccept')} count={data ? items.length : null} />
      {problem && <ProblemNotice problem={problem} />}
      {loading && !data && <p className="ecl-u-type-paragraph">{t('loading')}</p>}
      {data && items.length === 0 && <p className="ecl-u-type-paragraph">{t('nothingHere')}</p>}
      {items.length > 0 && (
        <table className="ecl-table ecl-table--zebra imi-table">
          <thead className="ecl-table__head">
            <tr className="ecl-table__row">
              <th scope="col" className="ecl-table__header">{t('colRequest')}</th>
              <th scope="col" className="ecl-table__header">{t('colOther')}</th>
              <th scope="col" className="ecl-table__header">{t('colArea')}</th>
              <th scope="col" className="ecl-table__header">{t('colReplyBy')}</th>
            </tr>
          </thead>
          <tbody className="ecl-table__body">
            {items.map((r) => (
              <tr key={r.id} className="ecl-table__row">
                <td className="ecl-table__cell"><Link to={`/requests/${r.id}`}>{t('openRequest', { date: date(r.sentAt) })}</Link></td>
                <td className="ecl-table__cell">{r.requesterAuthorityId}</td>
                <td className="ecl-table__cell">{r.legislativeArea}</td>
                <td className="ecl-table__cell">{date(r.replyBy)} <span className="imi-visually-hidden">{tMaybe(`state.${r.state}`)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UrgentRequests({ language }: { language: string }) {
  const { t, date, tMaybe } = useI18n();
  const { data, problem, loading } = useLoad(() => urgentRequests(), [language]);
  return (
    <section aria-labelledby="urgent-requests" className="imi-section">
      <Heading id="urgent-requests" text={t('urgentRequests')} count={data ? data.length : null} />
      {problem && <ProblemNotice problem={problem} />}
      {loading && !data && <p className="ecl-u-type-paragraph">{t('loading')}</p>}
      {data && data.length === 0 && <p className="ecl-u-type-paragraph">{t('nothingHere')}</p>}
      {data && data.length > 0 && (
        <table className="ecl-table ecl-table--zebra imi-table">
          <thead className="ecl-table__head">
            <tr className="ecl-table__row">
              <th scope="col" className="ecl-table__header">{t('colRequest')}</th>
              <th scope="col" className="ecl-table__header">{t('colState')}</th>
              <th scope="col" className="ecl-table__header">{t('colReplyBy')}</th>
              <th scope="col" className="ecl-table__header">{t('colReasons')}</th>
            </tr>
          </thead>
          <tbody className="ecl-table__body">
            {data.map((r) => (
              <tr key={r.id} className="ecl-table__row">
                <td className="ecl-table__cell"><Link to={`/requests/${r.id}`}>{t('open')} <span className="imi-visually-hidden">{r.legislativeArea} {date(r.replyBy)}</span></Link></td>
                <td className="ecl-table__cell">{tMaybe(`state.${r.state}`) ?? r.state}</td>
                <td className="ecl-table__cell">{date(r.replyBy)}</td>
                <td className="ecl-table__cell">{r.reasons.map((reason) => tMaybe(`reason.${reason}`) ?? reason).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function UrgentAlerts({ language }: { language: string }) {
  const { t, tMaybe } = useI18n();
  const { data, problem, loading } = useLoad(() => urgentAlerts(), [language]);
  return (
    <section aria-labelledby="urgent-alerts" className="imi-section">
      <Heading id="urgent-alerts" text={t('urgentAlerts')} count={data ? data.length : null} />
      {problem && <ProblemNotice problem={problem} />}
      {loading && !data && <p className="ecl-u-type-paragraph">{t('loading')}</p>}
      {data && data.length === 0 && <p className="ecl-u-type-paragraph">{t('nothingHere')}</p>}
      {data && data.length > 0 && (
        <ul className="ecl-unordered-list">
          {data.map((a) => (
            <li key={a.id} className="ecl-unordered-list__item">{a.kind}: {a.reasons.map((reason) => tMaybe(`reason.${reason}`) ?? reason).join('; ')}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
