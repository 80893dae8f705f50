import { useI18n } from '../i18n/i18n';
import { useLoad } from '../screens/useLoad';
import { Link } from '../ui/Link';
import { ListStatus } from '../ui/ListStatus';
import { listAlerts } from './api';

const SHOWN = 100;

/** The work list's section: alerts and notifications received and not yet read, with their count (the API counts in SQL, a page at a time). */
export function UnreadAlerts() {
  const { t, tMaybe, date, number, language } = useI18n();
  const { data, problem, loading } = useLoad(() => listAlerts({ role: 'recipient', unread: 'true', limit: SHOWN }), [language]);
  const items = data?.items ?? [];
  const count = data ? `${number(items.length)}${data.nextCursor ? '+' : ''}` : null;
  return (
    <section aria-labelledby="unread-alerts" className="imi-section">
      <h2 className="ecl-u-type-heading-2" id="unread-alerts">
        {t('alerts.unreadTitle')} {count !== null && <span className="imi-count">{count}</span>}
      </h2>
      <ListStatus problem={problem} loading={loading && !data} empty={!!data && items.length === 0} />
      {items.length > 0 && (
        <ul className="ecl-unordered-list">
          {items.slice(0, 10).map((a) => (
            <li key={a.id} className="ecl-unordered-list__item">
              <Link to={`/alerts/${a.id}`}>{t('alerts.openAlert', { kind: tMaybe(`alerts.kind.${a.kind}`) ?? a.kind, date: date(a.sentAt) })}</Link> – {a.senderAuthorityId}
            </li>
          ))}
        </ul>
      )}
      {items.length > 10 && <p><Link to="/alerts">{t('alerts.allAlerts')}</Link></p>}
    </section>
  );
}
