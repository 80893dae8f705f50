import { useEffect, useId, useMemo, useState } from 'react';
import type { Problem } from '../api/client';
import { listAuthorities } from '../directory/api';
import { usePlaceNames } from '../directory/labels';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../screens/useLoad';
import { hasAnyRole, Session } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { Link } from '../ui/Link';
import { ListStatus } from '../ui/ListStatus';
import { ALERT_KINDS, ALERT_STATES, AlertFilter, AlertKind, AlertState, AlertView, listAlerts } from './api';
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
  const [items, setItems] = useState<AlertView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
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
  const load = async (after: string | null, previous: AlertView[]) => {
    const result = await listAlerts({ ...filter(), ...(after ? { cursor: after } : {}) });
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setItems([...previous, ...result.data.items]);
    setCursor(result.data.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load(null, []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [side, state, kind, area, from, until, unreadOnly, language]);

  const select = (key: string, label: string, value: string, set: (v: string) => void, options: [string, string][], any: string) => (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={`${id}-${key}`}>{label}</label>
      <div className="ecl-select__container ecl-select__container--m">
        <select className="ecl-select" id={`${id}-${key}`} value={value} onChange={(e) => set(e.target.value)}>
          <option value="">{any}</option>
          {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        </select>
      </div>
    </div>
  );
  const dateField = (key: string, label: string, value: string, set: (v: string) => void) => (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={`${id}-${key}`}>{label}</label>
      <input className="ecl-text-input ecl-text-input--s" type="date" id={`${id}-${key}`} value={value} onChange={(e) => set(e.target.value)} />
    </div>
  );

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('alerts.title')}</h1>
      {hasAnyRole(session, 'case-handler') && <p><Link to="/alerts/new" className="ecl-button ecl-button--primary alerts-button-link">{t('alerts.send')}</Link></p>}
      <div className="imi-filters">
        {select('side', t('filterSide'), side, (v) => setSide(v as Side), [['recipient', t('alerts.received')], ['sender', t('alerts.sent')]], t('alerts.anySide'))}
        {select('state', t('filterState'), state, (v) => setState(v as AlertState | ''), ALERT_STATES.map((s) => [s, tMaybe(`alerts.state.${s}`) ?? s]), t('anyState'))}
        {select('kind', t('colKind'), kind, (v) => setKind(v as AlertKind | ''), ALERT_KINDS.map((k) => [k, tMaybe(`alerts.kind.${k}`) ?? k]), t('alerts.anyKind'))}
        {select('area', t('legislativeArea'), area, setArea, areas.map((a) => [a, names.area(a)]), t('directory.anyArea'))}
        {dateField('from', t('alerts.sentFrom'), from, setFrom)}
        {dateField('until', t('alerts.sentUntil'), until, setUntil)}
        <div className="ecl-checkbox imi-checkbox alerts-filter-check">
          <input type="checkbox" className="ecl-checkbox__input" id={`${id}-unread`} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          <label className="ecl-checkbox__label" htmlFor={`${id}-unread`}>
            <span className="ecl-checkbox__box" aria-hidden="true" />
            <span className="ecl-checkbox__text">{t('alerts.unreadOnly')}</span>
          </label>
        </div>
      </div>
      <ListStatus problem={problem} loading={!items && !problem} empty={!!items && items.length === 0} />
      {items && items.length > 0 && (
        <DataTable rows={items} columns={[
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
      )}
      {cursor && items && <button type="button" className="ecl-button ecl-button--secondary" onClick={() => void load(cursor, items)}>{t('moreResults')}</button>}
    </>
  );
}
