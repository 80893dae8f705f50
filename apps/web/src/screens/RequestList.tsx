import { useEffect, useId, useState } from 'react';
import { listRequests, Party, Problem, RequestState, RequestView } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Link } from '../ui/Link';
import { DataTable } from '../ui/DataTable';
import { ListStatus } from '../ui/ListStatus';

const STATES: RequestState[] = ['sent', 'accepted', 'rejected', 'partially-answered', 'answered', 'further-information-requested', 'answer-accepted', 'closed'];

/** Requests sent and received, newest first, a page at a time (the API's cursor), filtered by state and side. */
export function RequestList() {
  const { t, tMaybe, date, language } = useI18n();
  const id = useId();
  const [state, setState] = useState<RequestState | ''>('');
  const [side, setSide] = useState<Party | ''>('');
  const [items, setItems] = useState<RequestView[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const load = async (from: string | null, previous: RequestView[]) => {
    const result = await listRequests({ limit: 25, ...(state ? { state } : {}), ...(side ? { role: side } : {}), ...(from ? { cursor: from } : {}) });
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setItems([...previous, ...result.data.items]);
    setCursor(result.data.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load(null, []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, side, language]);

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('requestsTitle')}</h1>
      <div className="imi-filters">
        <div className="ecl-form-group">
          <label className="ecl-form-label" htmlFor={`${id}-state`}>{t('filterState')}</label>
          <div className="ecl-select__container ecl-select__container--m">
            <select className="ecl-select" id={`${id}-state`} value={state} onChange={(e) => setState(e.target.value as RequestState | '')}>
              <option value="">{t('anyState')}</option>
              {STATES.map((s) => <option key={s} value={s}>{tMaybe(`state.${s}`) ?? s}</option>)}
            </select>
          </div>
        </div>
        <div className="ecl-form-group">
          <label className="ecl-form-label" htmlFor={`${id}-side`}>{t('filterSide')}</label>
          <div className="ecl-select__container ecl-select__container--m">
            <select className="ecl-select" id={`${id}-side`} value={side} onChange={(e) => setSide(e.target.value as Party | '')}>
              <option value="">{t('anySide')}</option>
              <option value="requester">{t('sideRequester')}</option>
              <option value="addressee">{t('sideAddressee')}</option>
            </select>
          </div>
        </div>
      </div>
      <ListStatus problem={problem} loading={!items && !problem} empty={!!items && items.length === 0} />
      {items && items.length > 0 && (
        <DataTable rows={items} columns={[
          { header: t('colRequest'), cell: (r) => <Link to={`/requests/${r.id}`}>{t('openRequest', { date: date(r.sentAt) })}</Link> },
          { header: t('colState'), cell: (r) => tMaybe(`state.${r.state}`) ?? r.state },
          { header: t('filterSide'), cell: (r) => (r.role === 'requester' ? t('sideRequester') : t('sideAddressee')) },
          { header: t('colOther'), cell: (r) => (r.role === 'requester' ? r.addresseeAuthorityId : r.requesterAuthorityId) },
          { header: t('colArea'), cell: (r) => r.legislativeArea },
          { header: t('colReplyBy'), cell: (r) => date(r.replyBy) },
        ]} />
      )}
      {cursor && items && <button type="button" className="ecl-button ecl-button--secondary" onClick={() => void load(cursor, items)}>{t('moreResults')}</button>}
    </>
  );
}
