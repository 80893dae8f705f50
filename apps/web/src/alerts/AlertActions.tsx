import { FormEvent, useId, useState } from 'react';
import type { Result } from '../api/client';
import { listAuthorities } from '../directory/api';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../screens/useLoad';
import { hasAnyRole, Session } from '../session/session';
import {
  acknowledgeAlert, AlertView, closeAlert, distributeAlert, markRead, recordLaterDecision, rectifyAlert, withdrawAlert,
} from './api';
import { checkValues, ContentValues, fromContent, isCalendarDate, toContent } from './content';
import { ContentFields, useContentError } from './ContentFields';
import { Checkbox } from '../ui/fields';
import { ProblemNotice } from '../ui/ProblemNotice';

/** Runs an action; true when the node did it. */
type Act = (action: () => Promise<Result<AlertView>>) => Promise<boolean>;

/**
 * The controls the reader's side, the alert's state and the reader's roles allow, and only
 * those (the node's access matrix: case handlers send and change, coordinators distribute,
 * both read and acknowledge). The node still decides; its refusal is shown by the page.
 */
export function AlertActions({ view, session, onResult }: { view: AlertView; session: Session; onResult: (result: Result<AlertView>) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const act: Act = async (action) => {
    setBusy(true);
    const result = await action();
    onResult(result);
    setBusy(false);
    return result.ok;
  };
  const mine = view.recipients.find((r) => r.authorityId === session.authorityId);
  const recipient = view.role === 'recipient' && !!mine && !mine.acknowledgedAt && hasAnyRole(session, 'case-handler', 'coordinator');
  const distributes = view.role === 'recipient' && !!mine && hasAnyRole(session, 'coordinator') && view.state === 'open';
  const sender = view.role === 'sender' && view.senderAuthorityId === session.authorityId && hasAnyRole(session, 'case-handler') && view.state === 'open';
  const button = (label: string, action: () => Promise<Result<AlertView>>) => (
    <button type="button" className="ecl-button ecl-button--primary imi-action" disabled={busy} onClick={() => void act(action)}>{label}</button>
  );
  if (!recipient && !distributes && !sender) return <p className="ecl-u-type-paragraph">{t('alerts.noActions')}</p>;
  return (
    <div className="imi-actions">
      {recipient && (
        <div className="alerts-action-row">
          {!mine.readAt && button(t('alerts.markRead'), () => markRead(view.id))}
          {button(t('alerts.acknowledge'), () => acknowledgeAlert(view.id))}
        </div>
      )}
      {distributes && <DistributeForm view={view} node={mine.node} busy={busy} act={act} />}
      {sender && (
        <>
          <div className="alerts-action-row">{button(t('alerts.close'), () => closeAlert(view.id))}</div>
          <RectifyForm view={view} busy={busy} act={act} />
          <WithdrawForm view={view} busy={busy} act={act} />
          {view.kind === 'professional-qualifications-alert' && <LaterDecisionForm view={view} busy={busy} act={act} />}
        </>
      )}
    </div>
  );
}

/** A coordinator passes the alert on to its own member state's authorities registered for the area. */
function DistributeForm({ view, node, busy, act }: { view: AlertView; node: string; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const id = useId();
  const [chosen, setChosen] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const { data, problem } = useLoad(() => listAuthorities({ country: node, legislativeArea: view.legislativeArea }), [node, view.legislativeArea]);
  const already = new Set(view.recipients.map((r) => r.authorityId));
  const candidates = (data ?? []).filter((a) => a.status === 'active' && !already.has(a.id));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!chosen.length) return;
    void act(() => distributeAlert(view.id, chosen)).then((ok) => {
      if (!ok) return;
      setChosen([]);
      setTried(false);
    });
  };
  return (
    <form onSubmit={submit} className="imi-action-form alerts-action-form" aria-labelledby={`${id}-title`}>
      <h3 className="ecl-u-type-heading-3" id={`${id}-title`}>{t('alerts.distribute')}</h3>
      {problem && <ProblemNotice problem={problem} />}
      {data && candidates.length === 0 ? <p className="ecl-u-type-paragraph">{t('alerts.nobodyToDistributeTo')}</p> : (<>
      <fieldset className="imi-fieldset" aria-describedby={tried && !chosen.length ? `${id}-error` : undefined}>
        <legend className="ecl-form-label">{t('alerts.distributeTo')}</legend>
        {tried && !chosen.length && <div className="ecl-feedback-message" id={`${id}-error`}>{t('alerts.error.no-authority')}</div>}
        {candidates.map((a) => (
          <Checkbox key={a.id} id={`${id}-${a.id}`} label={`${a.name} (${a.id})`} checked={chosen.includes(a.id)}
            onChange={(checked) => setChosen(checked ? [...chosen, a.id] : chosen.filter((c) => c !== a.id))} />
        ))}
      </fieldset>
      <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('alerts.distributeButton')}</button>
      </>)}
    </form>
  );
}

/** The sender replaces the content with a corrected version; every recipient gets it. */
function RectifyForm({ view, busy, act }: { view: AlertView; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const id = useId();
  const current = view.versions[view.versions.length - 1];
  const [values, setValues] = useState<ContentValues>(() => fromContent(view.kind, current?.content ?? {}));
  const [open, setOpen] = useState(false);
  const [tried, setTried] = useState(false);
  const errors = checkValues(view.kind, values);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(errors).length === 0) void act(() => rectifyAlert(view.id, toContent(view.kind, values))).then((ok) => ok && setOpen(false));
  };
  if (!open) {
    return <div className="alerts-action-row"><button type="button" className="ecl-button ecl-button--secondary" aria-expanded="false" onClick={() => setOpen(true)}>{t('alerts.rectify')}</button></div>;
  }
  return (
    <form onSubmit={submit} noValidate className="imi-action-form alerts-action-form" aria-labelledby={`${id}-title`}>
      <h3 className="ecl-u-type-heading-3" id={`${id}-title`}>{t('alerts.rectify')}</h3>
      <ContentFields idPrefix={id} kind={view.kind} values={values} errors={tried ? errors : {}} onChange={setValues} />
      <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('alerts.rectifyButton')}</button>
    </form>
  );
}

function WithdrawForm({ view, busy, act }: { view: AlertView; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const message = useContentError();
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const error = !reason.trim() ? message({ code: 'required' }) : reason.length > 2000 ? message({ code: 'too-long', max: 2000 }) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!error) void act(() => withdrawAlert(view.id, reason.trim()));
  };
  return (
    <form onSubmit={submit} noValidate className="imi-action-form alerts-action-form">
      <div className={`ecl-form-group${tried && error ? ' ecl-form-group--invalid' : ''}`}>
        <label className="ecl-form-label" htmlFor={id}>{t('alerts.withdrawReason')} <span className="ecl-form-label__required" aria-hidden="true">*</span></label>
        {tried && error && <div className="ecl-feedback-message" id={`${id}-error`}>{error}</div>}
        <textarea className="ecl-text-area ecl-text-area--l" id={id} rows={3} required value={reason} aria-invalid={tried && error ? true : undefined}
          aria-describedby={tried && error ? `${id}-error` : undefined} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="ecl-button ecl-button--secondary" disabled={busy}>{t('alerts.withdraw')}</button>
    </form>
  );
}

/** A later decision on the same professional: the alert must then be rectified or closed within 3 days. */
function LaterDecisionForm({ view, busy, act }: { view: AlertView; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const id = useId();
  const [day, setDay] = useState(view.laterDecisionDate ?? '');
  const [tried, setTried] = useState(false);
  const error = !day ? t('alerts.error.required') : !isCalendarDate(day) ? t('alerts.error.date') : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!error) void act(() => recordLaterDecision(view.id, day));
  };
  return (
    <form onSubmit={submit} noValidate className="imi-action-form alerts-action-form">
      <div className={`ecl-form-group${tried && error ? ' ecl-form-group--invalid' : ''}`}>
        <label className="ecl-form-label" htmlFor={id}>{t('alerts.laterDecisionDate')}</label>
        <div className="ecl-help-block" id={`${id}-help`}>{t('alerts.laterDecisionHelp')}</div>
        {tried && error && <div className="ecl-feedback-message" id={`${id}-error`}>{error}</div>}
        <input className="ecl-text-input ecl-text-input--s" type="date" id={id} required value={day} aria-invalid={tried && error ? true : undefined}
          aria-describedby={`${id}-help${tried && error ? ` ${id}-error` : ''}`} onChange={(e) => setDay(e.target.value)} />
      </div>
      <button type="submit" className="ecl-button ecl-button--secondary" disabled={busy}>{t('alerts.recordLaterDecision')}</button>
    </form>
  );
}
