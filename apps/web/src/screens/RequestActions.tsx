import { FormEvent, ReactNode, useId, useState } from 'react';
import type { Result } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { RequestAction } from '../requests/actions';
import {
  acceptAnswer, acceptRequest, closeRequest, forwardRequest, proposeReplyDate, rejectRequest, requestFurtherInformation, respondToReplyDate, RequestView,
} from '../requests/api';
import { AnswerForm } from '../requests/AnswerForm';
import { AuthoritySearch } from '../requests/AuthoritySearch';
import { Authority } from '../requests/api';
import { TextField } from '../requests/fields';
import { today } from '../requests/rules';

type Run = (action: () => Promise<Result<RequestView>>) => Promise<void>;

/**
 * The controls for the actions allowed now, and only those. Form state lives here, in memory:
 * when the session expires the page stays mounted behind the sign-in dialog, so a half-typed
 * reason or answer is still there after signing in again.
 */
export function RequestActions({ view, actions, ownNode, onResult }: {
  view: RequestView; actions: RequestAction[]; ownNode: string | null; onResult: (result: Result<RequestView>) => Promise<void>;
}) {
  const { t, date } = useI18n();
  const [busy, setBusy] = useState(false);
  const run: Run = async (action) => {
    setBusy(true);
    await onResult(await action());
    setBusy(false);
  };
  const button = (label: string, action: () => Promise<Result<RequestView>>, kind = 'primary') => (
    <button type="button" className={`ecl-button ecl-button--${kind} imi-action`} disabled={busy} onClick={() => void run(action)}>{label}</button>
  );
  return (
    <div className="imi-actions">
      {actions.includes('accept') && button(t('accept'), () => acceptRequest(view.id))}
      {actions.includes('respond-to-reply-date') && (
        <Group title={t('requests.replyDateProposed', { date: date(view.proposedReplyBy) })}>
          <div className="requests-buttons">
            {button(t('requests.agreeReplyDate'), () => respondToReplyDate(view.id, true))}
            {button(t('requests.refuseReplyDate'), () => respondToReplyDate(view.id, false), 'secondary')}
          </div>
        </Group>
      )}
      {actions.includes('accept-answer') && button(t('acceptAnswer'), () => acceptAnswer(view.id))}
      {actions.includes('close') && button(t('close'), () => closeRequest(view.id))}
      {/* A fresh form after each answer sent (its key), a kept one after a refusal. */}
      {actions.includes('answer') && <AnswerForm key={view.answeredAt ?? 'unanswered'} view={view} busy={busy} run={run} />}
      {actions.includes('request-further-information') && <FurtherInformationForm busy={busy} onSubmit={(note) => run(() => requestFurtherInformation(view.id, note))} />}
      {actions.includes('propose-reply-date') && <ReplyDateForm busy={busy} onSubmit={(replyBy) => run(() => proposeReplyDate(view.id, replyBy))} />}
      {actions.includes('forward') && <ForwardForm view={view} ownNode={ownNode} busy={busy} onSubmit={(to) => run(() => forwardRequest(view.id, to))} />}
      {actions.includes('reject') && <RejectForm busy={busy} onSubmit={(reason) => run(() => rejectRequest(view.id, reason))} />}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="imi-action-form" aria-labelledby={id}>
      <h3 className="ecl-u-type-heading-3" id={id}>{title}</h3>
      {children}
    </section>
  );
}

function RejectForm({ busy, onSubmit }: { busy: boolean; onSubmit: (reason: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) onSubmit(reason.trim());
  };
  return (
    <form onSubmit={submit} className="imi-action-form">
      <div className="ecl-form-group">
        <label className="ecl-form-label" htmlFor={id}>{t('rejectionReason')} <span className="ecl-form-label__required">*</span></label>
        <textarea className="ecl-text-area ecl-text-area--l" id={id} rows={3} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="ecl-button ecl-button--secondary" disabled={busy || !reason.trim()}>{t('reject')}</button>
    </form>
  );
}

/** Forwarding goes to another authority of this member state registered for the request's area. */
function ForwardForm({ view, ownNode, busy, onSubmit }: { view: RequestView; ownNode: string | null; busy: boolean; onSubmit: (to: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [to, setTo] = useState<Authority | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (to) onSubmit(to.id);
  };
  return (
    <form onSubmit={submit} className="imi-action-form" aria-labelledby={`${id}-title`}>
      <h3 className="ecl-u-type-heading-3" id={`${id}-title`}>{t('requests.forwardTitle')}</h3>
      <AuthoritySearch inputId={`${id}-q`} label={t('requests.searchOwnState')} area={view.legislativeArea} selected={to} onSelect={setTo}
        admits={(a) => a.id !== view.addresseeAuthorityId && (ownNode === null || a.node === ownNode)} />
      <button type="submit" className="ecl-button ecl-button--secondary" disabled={busy || !to}>{t('requests.forward')}</button>
    </form>
  );
}

function ReplyDateForm({ busy, onSubmit }: { busy: boolean; onSubmit: (replyBy: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [replyBy, setReplyBy] = useState('');
  const [tried, setTried] = useState(false);
  const error = tried && (!replyBy || replyBy <= today()) ? t('requests.rule.replyByInPast') : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (replyBy && replyBy > today()) onSubmit(`${replyBy}T23:59:59Z`);
  };
  return (
    <form onSubmit={submit} className="imi-action-form" noValidate>
      <TextField id={`${id}-date`} type="date" label={t('requests.proposeReplyDate')} required min={today()} value={replyBy} onChange={setReplyBy} error={error} />
      <button type="submit" className="ecl-button ecl-button--secondary" disabled={busy}>{t('requests.propose')}</button>
    </form>
  );
}

function FurtherInformationForm({ busy, onSubmit }: { busy: boolean; onSubmit: (note: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(note.trim());
  };
  return (
    <form onSubmit={submit} className="imi-action-form">
      <TextField id={`${id}-note`} label={t('requests.furtherInformationNote')} multiline maxLength={4000} value={note} onChange={setNote} />
      <button type="submit" className="ecl-button ecl-button--secondary" disabled={busy}>{t('requests.requestFurtherInformation')}</button>
    </form>
  );
}
