import { useEffect, useId, useRef, useState } from 'react';
import type { Party, Problem, RequestState } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { catalogueSummary, listRequests, RequestQuery, RequestView } from '../requests/api';
import { useAreaName } from '../requests/area-name';
import { useLoad } from './useLoad';
import { hasAnyRole, Session } from '../session/session';
import { Link } from '../ui/Link';
import { DataTable } from '../ui/DataTable';
import { ListStatus } from '../ui/ListStatus';

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
  const id = useId();
  const [state, setState] = useState<RequestState | ''>('');
  const [side, setSide] = useState<Party | ''>('');
  const [area, setArea] = useState('');
  const [sentFrom, setSentFrom] = useState('');
  const [sentTo, setSentTo] = useState('');
  const [sort, setSort] = useState<Sort>('sent-desc');
  const [items, setItems] = useState<RequestView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const areas = useLoad(catalogueSummary, []);

  /** Dates are days in the reader's calendar: from its first moment to the first moment after the last day. */
  const query = (from: string | null): RequestQuery => ({
    limit: 25, sort,
    ...(state ? { state } : {}), ...(side ? { role: side } : {}), ...(area ? { legislativeArea: area } : {}),
    ...(sentFrom ? { sentFrom: new Date(`${sentFrom}T00:00:00`).toISOString() } : {}),
    ...(sentTo ? { sentBefore: new Date(new Date(`${sentTo}T00:00:00`).getTime() + 86_400_000).toISOString() } : {}),
    ...(from ? { cursor: from } : {}),
  });
  // Only the answer to the latest query counts: a slower answer to an earlier filter is dropped.
  const latest = useRef(0);
  const load = async (from: string | null, previous: RequestView[]) => {
    const round = ++latest.current;
    const result = await listRequests(query(from));
    if (round !== latest.current) return;
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setItems([...previous, ...result.data.items]);
    setCursor(result.data.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load(null, []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, side, area, sentFrom, sentTo, sort, language]);

  const select = (name: string, label: string, value: string, onChange: (value: string) => void, options: [string, string][]) => (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={`${id}-${name}`}>{label}</label>
      <div className="ecl-select__container ecl-select__container--m">
        <select className="ecl-select" id={`${id}-${name}`} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        </select>
      </div>
    </div>
  );
  const day = (name: string, label: string, value: string, onChange: (value: string) => void) => (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={`${id}-${name}`}>{label}</label>
      <input type="date" className="ecl-text-input ecl-text-input--m" id={`${id}-${name}`} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('requestsTitle')}</h1>
      {hasAnyRole(session, 'case-handler') && <p><Link to="/requests/new" className="ecl-link ecl-link--standalone requests-new">{t('requests.newTitle')}</Link></p>}
      <div className="imi-filters" role="search" aria-label={t('requests.filtersLabel')}>
        {select('state', t('filterState'), state, (v) => setState(v as RequestState | ''), [['', t('anyState')], ...STATES.map((s): [string, string] => [s, tMaybe(`state.${s}`) ?? s])])}
        {select('side', t('filterSide'), side, (v) => setSide(v as Party | ''), [['', t('anySide')], ['requester', t('sideRequester')], ['addressee', t('sideAddressee')]])}
        {select('area', t('colArea'), area, setArea, [['', t('requests.anyArea')], ...(areas.data?.areas ?? []).map((a): [string, string] => [a, areaName(a)])])}
        {day('from', t('requests.sentFrom'), sentFrom, setSentFrom)}
        {day('to', t('requests.sentTo'), sentTo, setSentTo)}
        {select('sort', t('requests.sort'), sort, (v) => setSort(v as Sort), SORTS.map((s): [string, string] => [s, t(`requests.sort.${s}`)]))}
      </div>
      <ListStatus problem={problem} loading={!items && !problem} empty={!!items && items.length === 0} />
      {items && items.length > 0 && (
        <DataTable rows={items} columns={[
          { header: t('colRequest'), cell: (r) => <Link to={`/requests/${r.id}`}>{t('openRequest', { date: date(r.sentAt) })}</Link> },
          { header: t('colState'), cell: (r) => tMaybe(`state.${r.state}`) ?? r.state },
          { header: t('filterSide'), cell: (r) => (r.role === 'requester' ? t('sideRequester') : t('sideAddressee')) },
          { header: t('colOther'), cell: (r) => (r.role === 'requester' ? r.addresseeAuthorityId : r.requesterAuthorityId) },
          { header: t('colArea'), cell: (r) => areaName(r.legislativeArea) },
          { header: t('colReplyBy'), cell: (r) => date(r.replyBy) },
        ]} />
      )}
      {cursor && items && <button type="button" className="ecl-button ecl-button--secondary" onClick={() => void load(cursor, items)}>{t('moreResults')}</button>}
    </>
  );
}
