import { urgentAlerts, urgentRequests } from '../api/client';
import { UnreadAlerts } from '../alerts/UnreadAlerts';
import { useI18n } from '../i18n/i18n';
import { listRequests } from '../requests/api';
import { useAreaName } from '../requests/area-name';
import { hasAnyRole, Session } from '../session/session';
import { Link } from '../ui/Link';
import { DataTable } from '../ui/DataTable';
import { ListStatus } from '../ui/ListStatus';
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
      {handlesAlerts && <UnreadAlerts />}
      {handlesAlerts && <UrgentAlerts language={language} />}
    </>
  );
}

/** A list's heading with its count; `more` when the list shows its first page only (e.g. "50+"). */
function Heading({ id, text, count, more = false }: { id: string; text: string; count: number | null; more?: boolean }) {
  const { number } = useI18n();
  return (
    <h2 className="ecl-u-type-heading-2" id={id}>
      {text} {count !== null && <span className="imi-count">{number(count)}{more ? '+' : ''}</span>}
    </h2>
  );
}

function IncomingToAccept({ language }: { language: string }) {
  const { t, date, tMaybe } = useI18n();
  const areaName = useAreaName();
  const { data, problem, loading } = useLoad(() => listRequests({ role: 'addressee', state: 'sent', limit: 50 }), [language]);
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="incoming" className="imi-section">
      <Heading id="incoming" text={t('incomingToAccept')} count={data ? items.length : null} more={!!data?.nextCursor} />
      <ListStatus problem={problem} loading={loading && !data} empty={!!data && items.length === 0} />
      {items.length > 0 && (
        <DataTable rows={items} columns={[
          { header: t('colRequest'), cell: (r) => <Link to={`/requests/${r.id}`}>{t('openRequest', { date: date(r.sentAt) })}</Link> },
          { header: t('colOther'), cell: (r) => r.requesterAuthorityId },
          { header: t('colArea'), cell: (r) => areaName(r.legislativeArea) },
          { header: t('colReplyBy'), cell: (r) => <>{date(r.replyBy)} <span className="imi-visually-hidden">{tMaybe(`state.${r.state}`)}</span></> },
        ]} />
      )}
    </section>
  );
}

function UrgentRequests({ language }: { language: string }) {
  const { t, date, tMaybe } = useI18n();
  const areaName = useAreaName();
  const { data, problem, loading } = useLoad(() => urgentRequests(), [language]);
  return (
    <section aria-labelledby="urgent-requests" className="imi-section">
      <Heading id="urgent-requests" text={t('urgentRequests')} count={data ? data.length : null} />
      <ListStatus problem={problem} loading={loading && !data} empty={!!data && data.length === 0} />
      {data && data.length > 0 && (
        <DataTable rows={data} columns={[
          { header: t('colRequest'), cell: (r) => <Link to={`/requests/${r.id}`}>{t('open')} <span className="imi-visually-hidden">{areaName(r.legislativeArea)} {date(r.replyBy)}</span></Link> },
          { header: t('colState'), cell: (r) => tMaybe(`state.${r.state}`) ?? r.state },
          { header: t('colReplyBy'), cell: (r) => date(r.replyBy) },
          { header: t('colReasons'), cell: (r) => r.reasons.map((reason) => tMaybe(`reason.${reason}`) ?? reason).join('; ') },
        ]} />
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
      <ListStatus problem={problem} loading={loading && !data} empty={!!data && data.length === 0} />
      {data && data.length > 0 && (
        <DataTable rows={data} columns={[
          { header: t('colKind'), cell: (a) => <Link to={`/alerts/${a.id}`}>{tMaybe(`alerts.kind.${a.kind}`) ?? a.kind}</Link> },
          { header: t('colReasons'), cell: (a) => a.reasons.map((reason) => tMaybe(`reason.${reason}`) ?? reason).join('; ') },
        ]} />
      )}
    </section>
  );
}
