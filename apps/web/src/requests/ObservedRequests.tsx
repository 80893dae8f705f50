import { useI18n } from '../i18n/i18n';
import { useLoad } from '../screens/useLoad';
import { hasAnyRole, Session } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { ListStatus } from '../ui/ListStatus';
import { escalatedRequests, observedRequests, ObservedRequest } from './api';

/**
 * What an observer or a coordinator sees of the authorities it observes: their requests' states
 * and dates, counted per state, and (coordinators) the requests escalated to it. Never a person,
 * and no link: the observer is not a party, so the request itself is not theirs to open.
 */
export function ObservedRequests({ session }: { session: Session }) {
  const { t, tMaybe, number, language } = useI18n();
  const observed = useLoad(observedRequests, [language]);
  const coordinator = hasAnyRole(session, 'coordinator');
  const escalated = useLoad(() => (coordinator ? escalatedRequests() : Promise.resolve({ ok: true as const, data: [] })), [language, coordinator]);
  const counts = Object.entries(observed.data?.countsByState ?? {});
  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('requests.observedTitle')}</h1>
      <p className="ecl-u-type-paragraph">{t('requests.observedIntro')}</p>
      <ListStatus problem={observed.problem} loading={observed.loading && !observed.data} empty={false} />
      {observed.data && (
        <>
          <p className="ecl-u-type-paragraph"><strong>{t('requests.observedAuthorities')}:</strong> {observed.data.observedAuthorityIds.join(', ')}</p>
          <section aria-labelledby="observed-counts" className="imi-section">
            <h2 className="ecl-u-type-heading-2" id="observed-counts">{t('requests.countsByState')}</h2>
            <DataTable rows={counts.map(([state, count]) => ({ id: state, state, count }))} columns={[
              { header: t('colState'), cell: (row) => tMaybe(`state.${row.state}`) ?? row.state },
              { header: t('requests.countsByState'), cell: (row) => number(row.count) },
            ]} />
          </section>
          <RequestTable id="observed-list" title={t('requestsTitle')} rows={observed.data.requests} />
        </>
      )}
      {coordinator && (
        <>
          <ListStatus problem={escalated.problem} loading={escalated.loading && !escalated.data} empty={false} />
          {escalated.data && <RequestTable id="escalated-list" title={t('requests.escalatedTitle')} rows={escalated.data} />}
        </>
      )}
    </>
  );
}

function RequestTable({ id, title, rows }: { id: string; title: string; rows: ObservedRequest[] }) {
  const { t, tMaybe, date, dateTime, number } = useI18n();
  return (
    <section aria-labelledby={id} className="imi-section">
      <h2 className="ecl-u-type-heading-2" id={id}>{title} <span className="imi-count">{number(rows.length)}</span></h2>
      <ListStatus problem={null} loading={false} empty={rows.length === 0} />
      {rows.length > 0 && (
        <DataTable rows={rows} columns={[
          { header: t('requests.colObservedAuthority'), cell: (r) => r.observedAuthorityId },
          { header: t('requests.colSide'), cell: (r) => (r.side === 'requester' ? t('sideRequester') : t('sideAddressee')) },
          { header: t('requests.colCounterpart'), cell: (r) => r.counterpartAuthorityId },
          { header: t('colState'), cell: (r) => tMaybe(`state.${r.state}`) ?? r.state },
          { header: t('colSent'), cell: (r) => dateTime(r.sentAt) },
          { header: t('colReplyBy'), cell: (r) => date(r.replyBy) },
        ]} />
      )}
    </section>
  );
}
