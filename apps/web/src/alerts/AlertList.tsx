import { useId, useMemo, useState } from 'react';
import { listAuthorities } from '../directory/api';
import { usePlaceNames } from '../directory/labels';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../screens/useLoad';
import { hasAnyRole, Session } from '../session/session';
import { Checkbox, DateFilter, FilterSelect } from '../ui/fields';
import { Link } from '../ui/Link';
import { PagedTable } from '../ui/PagedTable';
import { usePagedList } from '../ui/usePagedList';
import { ALERT_KINDS, ALERT_STATES, AlertFilter, AlertKind, AlertState, listAlerts } from './api';
import { isUnread } from './unread';

type Side = '' | 'recipient' | 'sender';

/**
 * Alerts and notifications received and sent, newest first, a page at a time (the API's
 * cursor), filtered in the database by side, state, kind, area and the days they were sent;
 * unread ones marked in words, not colour alone.
 */
export function AlertList({ session }: { session: Session }) {
  const { t, tMaybe, date, language } = useI18n();
  const names = usePlaceNames();
  const id = useId();
  const [side, setSide] = useState<Side>('');
  const [state, setState] = useState<AlertState | ''>('');
  const [kind, setKind] = useState<AlertKind | ''>('');
  const [area, setArea] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const network = useLoad(() => listAuthorities(), []);
  const areas = useMemo(() => [...new Set((network.data ?? []).flatMap((a) => a.legislativeAreas))].sort(), [network.data]);

  const filter = (): AlertFilter => ({
    limit: 25,
    ...(side ? { role: side } : {}), ...(state ? { state } : {}), ...(kind ? { kind } : {}), ...(area ? { legislativeArea: area } : {}),
    // Whole days in UTC: from the start of the first to the end of the last.
    ...(from ? { sentFrom: `${from}T00:00:00Z` } : {}),
    ...(until ? { sentBefore: new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString() } : {}),
    ...(unreadOnly ? { unread: 'true' as const } : {}),
  });
  const list = usePagedList((after) => listAlerts({ ...filter(), ...(after ? { cursor: after } : {}) }), [side, state, kind, area, from, until, unreadOnly, language]);

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('alerts.title')}</h1>
      {hasAnyRole(session, 'case-handler') && <p><Link to="/alerts/new" className="ecl-button ecl-button--primary alerts-button-link">{t('alerts.send')}</Link></p>}
      <div className="imi-filters">
        <FilterSelect label={t('filterSide')} value={side} onChange={(v) => setSide(v as Side)} any={t('alerts.anySide')}
          options={[['recipient', t('alerts.received')], ['sender', t('alerts.sent')]]} />
        <FilterSelect label={t('filterState')} value={state} onChange={(v) => setState(v as AlertState | '')} any={t('anyState')}
          options={ALERT_STATES.map((s) => [s, tMaybe(`alerts.state.${s}`) ?? s])} />
        <FilterSelect label={t('colKind')} value={kind} onChange={(v) => setKind(v as AlertKind | '')} any={t('alerts.anyKind')}
          options={ALERT_KINDS.map((k) => [k, tMaybe(`alerts.kind.${k}`) ?? k])} />
        <FilterSelect label={t('legislativeArea')} value={area} onChange={setArea} any={t('directory.anyArea')} options={areas.map((a) => [a, names.area(a)])} />
        <DateFilter label={t('alerts.sentFrom')} value={from} onChange={setFrom} />
        <DateFilter label={t('alerts.sentUntil')} value={until} onChange={setUntil} />
        <Checkbox id={`${id}-unread`} label={t('alerts.unreadOnly')} checked={unreadOnly} onChange={setUnreadOnly} className="alerts-filter-check" />
      </div>
      <PagedTable list={list} columns={[
        {
          header: t('alerts.colAlert'),
          cell: (a) => (
            <>
              <Link to={`/alerts/${a.id}`}>{t('alerts.openAlert', { kind: tMaybe(`alerts.kind.${a.kind}`) ?? a.kind, date: date(a.sentAt) })}</Link>
              {isUnread(a, session) && <> <span className="alerts-badge">{t('alerts.unread')}</span></>}
            </>
          ),
        },
        { header: t('filterSide'), cell: (a) => (a.role === 'sender' ? t('alerts.sent') : t('alerts.received')) },
        { header: t('alerts.sender'), cell: (a) => a.senderAuthorityId },
        { header: t('legislativeArea'), cell: (a) => names.area(a.legislativeArea) },
        { header: t('colState'), cell: (a) => tMaybe(`alerts.state.${a.state}`) ?? a.state },
      ]} />
    </>
  );
}
