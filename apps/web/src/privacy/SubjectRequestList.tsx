import { useEffect, useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { DataTable } from '../ui/DataTable';
import { Link } from '../ui/Link';
import { ListStatus } from '../ui/ListStatus';
import { listObjections, listSubjectRequests, SUBJECT_REQUEST_KINDS, SUBJECT_REQUEST_STATES, SubjectRequestFilter, SubjectRequestView } from './api';
import { DateFilter, FilterSelect } from './fields';

/**
 * The authority's data subjects' requests (or, for its data protection contact, the objections
 * routed to it), a page at a time, filtered and sorted by the node's database.
 */
export function SubjectRequestList({ objections = false }: { objections?: boolean }) {
  const { t, date, language } = useI18n();
  const [kind, setKind] = useState('');
  const [state, setState] = useState('');
  const [sort, setSort] = useState<'received-desc' | 'due-asc'>('received-desc');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [items, setItems] = useState<SubjectRequestView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const filter = (): SubjectRequestFilter => ({
    limit: 25, sort,
    ...(kind && !objections ? { kind: kind as SubjectRequestFilter['kind'] } : {}), ...(state ? { state: state as SubjectRequestFilter['state'] } : {}),
    ...(from ? { receivedFrom: `${from}T00:00:00Z` } : {}),
    ...(until ? { receivedBefore: new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString() } : {}),
  });
  const load = async (after: string | null, previous: SubjectRequestView[]) => {
    const query = { ...filter(), ...(after ? { cursor: after } : {}) };
    const result = await (objections ? listObjections(query) : listSubjectRequests(query));
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setItems([...previous, ...result.data.items]);
    setCursor(result.data.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load(null, []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, state, sort, from, until, objections, language]);

  return (
    <>
      <p><Link to="/privacy">{t('privacy.backToPrivacy')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t(objections ? 'privacy.objectionsTitle' : 'privacy.subjectRequestsTitle')}</h1>
      {!objections && <p><Link to="/privacy/subject-requests/new" className="ecl-button ecl-button--primary privacy-button-link">{t('privacy.newSubjectRequestTitle')}</Link></p>}
      <div className="imi-filters">
        {!objections && <FilterSelect label={t('privacy.kindLabel')} value={kind} onChange={setKind} any={t('privacy.anyKind')}
          options={SUBJECT_REQUEST_KINDS.map((k) => [k, t(`privacy.kind.${k}`)])} />}
        <FilterSelect label={t('privacy.stateLabel')} value={state} onChange={setState} any={t('privacy.anyState')}
          options={SUBJECT_REQUEST_STATES.map((s) => [s, t(`privacy.requestState.${s}`)])} />
        <div className="ecl-form-group">
          <label className="ecl-form-label" htmlFor="privacy-sort">{t('privacy.sortLabel')}</label>
          <div className="ecl-select__container ecl-select__container--m">
            <select className="ecl-select" id="privacy-sort" value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
              <option value="received-desc">{t('privacy.sortReceived')}</option>
              <option value="due-asc">{t('privacy.sortDue')}</option>
            </select>
          </div>
        </div>
        <DateFilter label={t('privacy.receivedFrom')} value={from} onChange={setFrom} />
        <DateFilter label={t('privacy.receivedUntil')} value={until} onChange={setUntil} />
      </div>
      <ListStatus problem={problem} loading={!items && !problem} empty={!!items && items.length === 0} />
      {items && items.length > 0 && (
        <DataTable rows={items} columns={[
          { header: t('privacy.colRequest'), cell: (r) => <Link to={`/privacy/subject-requests/${r.id}`}>{t('privacy.openSubjectRequest', { kind: t(`privacy.kind.${r.kind}`), date: date(r.receivedAt) })}</Link> },
          { header: t('privacy.stateLabel'), cell: (r) => t(`privacy.requestState.${r.state}`) },
          { header: t('privacy.dueBy'), cell: (r) => date(r.dueBy) },
          { header: t('privacy.exchanges'), cell: (r) => t('privacy.exchangeCount', { count: String(r.exchangeIds.length) }) },
        ]} />
      )}
      {cursor && items && <button type="button" className="ecl-button ecl-button--secondary" onClick={() => void load(cursor, items)}>{t('moreResults')}</button>}
    </>
  );
}
