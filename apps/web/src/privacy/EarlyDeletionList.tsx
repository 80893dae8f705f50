import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { DateFilter, FilterSelect } from '../ui/fields';
import { Link } from '../ui/Link';
import { PagedTable } from '../ui/PagedTable';
import { usePagedList } from '../ui/usePagedList';
import { EARLY_DELETION_STATES, EarlyDeletionFilter, listEarlyDeletions } from './api';

/** Early deletions the authority proposed or is asked to agree to, newest first, a page at a time, filtered in the database. */
export function EarlyDeletionList() {
  const { t, date, language } = useI18n();
  const [state, setState] = useState('');
  const [role, setRole] = useState('');
  const [from, setFrom] = useState('');
  const list = usePagedList((after) => listEarlyDeletions({
    limit: 25, ...(state ? { state: state as EarlyDeletionFilter['state'] } : {}), ...(role ? { role: role as EarlyDeletionFilter['role'] } : {}),
    ...(from ? { proposedFrom: `${from}T00:00:00Z` } : {}), ...(after ? { cursor: after } : {}),
  }), [state, role, from, language]);

  return (
    <>
      <p><Link to="/privacy">{t('privacy.backToPrivacy')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t('privacy.earlyDeletionsTitle')}</h1>
      <p className="ecl-u-type-paragraph">{t('privacy.earlyDeletionsIntro')}</p>
      <div className="imi-filters">
        <FilterSelect label={t('privacy.stateLabel')} value={state} onChange={setState} any={t('privacy.anyState')}
          options={EARLY_DELETION_STATES.map((s) => [s, t(`privacy.deletionState.${s}`)])} />
        <FilterSelect label={t('privacy.sideLabel')} value={role} onChange={setRole} any={t('privacy.anySide')}
          options={[['proposer', t('privacy.side.proposer')], ['participant', t('privacy.side.participant')]]} />
        <DateFilter label={t('privacy.proposedFrom')} value={from} onChange={setFrom} />
      </div>
      <PagedTable list={list} columns={[
        { header: t('privacy.colDeletion'), cell: (d) => <Link to={`/privacy/early-deletions/${d.id}`}>{t('privacy.openDeletion', { date: date(d.proposedAt) })}</Link> },
        { header: t('privacy.sideLabel'), cell: (d) => t(`privacy.side.${d.role}`) },
        { header: t('privacy.stateLabel'), cell: (d) => t(`privacy.deletionState.${d.state}`) },
        { header: t('privacy.proposedBy'), cell: (d) => d.proposerNode },
      ]} />
    </>
  );
}
