import { FormEvent, useId, useState } from 'react';
import { acceptAnswer, acceptRequest, answerRequest, closeRequest, rejectRequest, RequestView, Result } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { RequestAction } from '../requests/actions';

/**
 * The controls for the actions allowed now, and only those. Form state lives here, in memory:
 * when the session expires the page stays mounted behind the sign-in dialog, so a half-typed
 * reason or answer is still there after signing in again.
 */
export function RequestActions({ view, actions, onResult }: { view: RequestView; actions: RequestAction[]; onResult: (result: Result<RequestView>) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<Result<RequestView>>) => {
    setBusy(true);
    onResult(await action());
    setBusy(false);
  };
  const button = (label: string, action: () => Promise<Result<RequestView>>) => (
    <button type="button" className="ecl-button ecl-button--primary imi-action" disabled={busy} onClick={() => void run(action)}>{label}</button>
  );
  return (
    <div className="imi-actions">
      {actions.includes('accept') && button(t('accept'), () => acceptRequest(view.id))}
      {actions.includes('accept-answer') && button(t('acceptAnswer'), () => acceptAnswer(view.id))}
      {actions.includes('close') && button(t('close'), () => closeRequest(view.id))}
      {actions.includes('reject') && <RejectForm busy={busy} onSubmit={(reason) => run(() => rejectRequest(view.id, reason))} />}
      {actions.includes('answer') && <AnswerForm view={view} busy={busy} onSubmit={(answers, final) => run(() => answerRequest(view.id, answers, final))} />}
    </div>
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

/** Yes/no questions answered here; other answer types come with the next screens. */
function AnswerForm({ view, busy, onSubmit }: { view: RequestView; busy: boolean; onSubmit: (answers: { questionId: string; answer: string }[], final: boolean) => void }) {
  const { t } = useI18n();
  const id = useId();
  const yesNo = view.questions.filter((q) => q.question?.answerType === 'yes-no');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [final, setFinal] = useState(true);
  if (yesNo.length === 0) return null;
  const chosen = yesNo.filter((q) => answers[q.questionId]).map((q) => ({ questionId: q.questionId, answer: answers[q.questionId] }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length) onSubmit(chosen, final);
  };
  return (
    <form onSubmit={submit} className="imi-action-form">
      {yesNo.map((q, index) => (
        <fieldset key={q.questionId} className="ecl-form-group imi-fieldset">
          <legend className="ecl-form-label" lang={q.question?.language}>{q.question?.text ?? q.questionId}</legend>
          {(['yes', 'no'] as const).map((value) => (
            <div key={value} className="ecl-radio">
              <input type="radio" className="ecl-radio__input" id={`${id}-${index}-${value}`} name={`${id}-${index}`} value={value}
                checked={answers[q.questionId] === value} onChange={() => setAnswers({ ...answers, [q.questionId]: value })} />
              <label className="ecl-radio__label" htmlFor={`${id}-${index}-${value}`}>
                <span className="ecl-radio__box"><span className="ecl-radio__box-inner" /></span>
                <span className="ecl-radio__text">{t(value)}</span>
              </label>
            </div>
          ))}
        </fieldset>
      ))}
      <div className="ecl-checkbox imi-checkbox">
        <input type="checkbox" className="ecl-checkbox__input" id={`${id}-final`} checked={final} onChange={(e) => setFinal(e.target.checked)} />
        <label className="ecl-checkbox__label" htmlFor={`${id}-final`}>
          <span className="ecl-checkbox__box" aria-hidden="true" />
          <span className="ecl-checkbox__text">{t('finalAnswerCheckbox')}</span>
        </label>
      </div>
      <button type="submit" className="ecl-button ecl-button--primary" disabled={busy || chosen.length === 0}>{t('answer')}</button>
    </form>
  );
}
