import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { DateFilter, FilterSelect } from '../ui/fields';
import { Link } from '../ui/Link';
import { PagedTable } from '../ui/PagedTable';
import { usePagedList } from '../ui/usePagedList';
import { listObjections, listSubjectRequests, SUBJECT_REQUEST_KINDS, SUBJECT_REQUEST_STATES, SubjectRequestFilter } from './api';

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

  const filter = (): SubjectRequestFilter => ({
    limit: 25, sort,
    ...(kind && !objections ? { kind: kind as SubjectRequestFilter['kind'] } : {}), ...(state ? { state: state as SubjectRequestFilter['state'] } : {}),
    ...(from ? { receivedFrom: `${from}T00:00:00Z` } : {}),
    ...(until ? { receivedBefore: new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString() } : {}),
  });
  const list = usePagedList((after) => {
    const query = { ...filter(), ...(after ? { cursor: after } : {}) };
    return objections ? listObjections(query) : listSubjectRequests(query);
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
        <FilterSelect label={t('privacy.sortLabel')} value={sort} onChange={(v) => setSort(v as typeof sort)}
          options={[['received-desc', t('privacy.sortReceived')], ['due-asc', t('privacy.sortDue')]]} />
        <DateFilter label={t('privacy.receivedFrom')} value={from} onChange={setFrom} />
        <DateFilter label={t('privacy.receivedUntil')} value={until} onChange={setUntil} />
      </div>
      <PagedTable list={list} columns={[
        { header: t('privacy.colRequest'), cell: (r) => <Link to={`/privacy/subject-requests/${r.id}`}>{t('privacy.openSubjectRequest', { kind: t(`privacy.kind.${r.kind}`), date: date(r.receivedAt) })}</Link> },
        { header: t('privacy.stateLabel'), cell: (r) => t(`privacy.requestState.${r.state}`) },
        { header: t('privacy.dueBy'), cell: (r) => date(r.dueBy) },
        { header: t('privacy.exchanges'), cell: (r) => t('privacy.exchangeCount', { count: String(r.exchangeIds.length) }) },
      ]} />
    </>
  );
}
