import { useState } from 'react';
import type { Party, RequestState } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { catalogueSummary, listRequests, RequestQuery } from '../requests/api';
import { useAreaName } from '../requests/area-name';
import { useLoad } from './useLoad';
import { hasAnyRole, Session } from '../session/session';
import { Link } from '../ui/Link';
import { DateFilter, FilterSelect } from '../ui/fields';
import { PagedTable } from '../ui/PagedTable';
import { usePagedList } from '../ui/usePagedList';

const STATES: RequestState[] = ['sent', 'accepted', 'rejected', 'partially-answered', 'answered', 'further-information-requested', 'answer-accepted', 'closed'];
type Sort = NonNullable<RequestQuery['sort']>;
const SORTS: Sort[] = ['sent-desc', 'sent-asc', 'reply-by-asc'];

/**
 * Requests sent and received, a page at a time (the API's cursor), filtered and sorted by the
 * node in SQL: state, side, legislative area, the days they were sent between.
 */
export function RequestList({ session }: { session: Session }) {
  const { t, tMaybe, date, language } = useI18n();
  const areaName = useAreaName();
  const [state, setState] = useState<RequestState | ''>('');
  const [side, setSide] = useState<Party | ''>('');
  const [area, setArea] = useState('');
  const [sentFrom, setSentFrom] = useState('');
  const [sentTo, setSentTo] = useState('');
  const [sort, setSort] = useState<Sort>('sent-desc');
  const areas = useLoad(catalogueSummary, []);

  /** Dates are days in the reader's calendar: from its first moment to the first moment after the last day. */
  const query = (from: string | null): RequestQuery => ({
    limit: 25, sort,
    ...(state ? { state } : {}), ...(side ? { role: side } : {}), ...(area ? { legislativeArea: area } : {}),
    ...(sentFrom ? { sentFrom: new Date(`${sentFrom}T00:00:00`).toISOString() } : {}),
    ...(sentTo ? { sentBefore: new Date(new Date(`${sentTo}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
    ...(from ? { cursor: from } : {}),
  });
  const list = usePagedList((from) => listRequests(query(from)), [state, side, area, sentFrom, sentTo, sort, language]);

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('requestsTitle')}</h1>
      {hasAnyRole(session, 'case-handler') && <p><Link to="/requests/new" className="ecl-link ecl-link--standalone requests-new">{t('requests.newTitle')}</Link></p>}
      <div className="imi-filters" role="search" aria-label={t('requests.filtersLabel')}>
        <FilterSelect label={t('filterState')} value={state} onChange={(v) => setState(v as RequestState | '')} any={t('anyState')}
          options={STATES.map((s) => [s, tMaybe(`state.${s}`) ?? s])} />
        <FilterSelect label={t('filterSide')} value={side} onChange={(v) => setSide(v as Party | '')} any={t('anySide')}
          options={[['requester', t('sideRequester')], ['addressee', t('sideAddressee')]]} />
        <FilterSelect label={t('colArea')} value={area} onChange={setArea} any={t('requests.anyArea')} options={(areas.data?.areas ?? []).map((a) => [a, areaName(a)])} />
        <DateFilter label={t('requests.sentFrom')} value={sentFrom} onChange={setSentFrom} size="m" />
        <DateFilter label={t('requests.sentTo')} value={sentTo} onChange={setSentTo} size="m" />
        <FilterSelect label={t('requests.sort')} value={sort} onChange={(v) => setSort(v as Sort)} options={SORTS.map((s) => [s, t(`requests.sort.${s}`)])} />
      </div>
      <PagedTable list={list} columns={[
        { header: t('colRequest'), cell: (r) => <Link to={`/requests/${r.id}`}>{t('openRequest', { date: date(r.sentAt) })}</Link> },
        { header: t('colState'), cell: (r) => tMaybe(`state.${r.state}`) ?? r.state },
        { header: t('filterSide'), cell: (r) => (r.role === 'requester' ? t('sideRequester') : t('sideAddressee')) },
        { header: t('colOther'), cell: (r) => (r.role === 'requester' ? r.addresseeAuthorityId : r.requesterAuthorityId) },
        { header: t('colArea'), cell: (r) => areaName(r.legislativeArea) },
        { header: t('colReplyBy'), cell: (r) => date(r.replyBy) },
      ]} />
    </>
  );
}
