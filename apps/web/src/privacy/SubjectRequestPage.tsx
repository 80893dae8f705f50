import { FormEvent, useEffect, useState } from 'react';
import type { Problem, Result } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Link } from '../ui/Link';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { decideSubjectRequest, getSubjectRequest, SubjectRequestView } from './api';
import { Facts, TextField } from './fields';

/**
 * One data subject's request: what was asked, its deadline, the decision and, once granted,
 * what it did to each exchange here and each other participant's signed confirmation. An open
 * rectification or erasure can be decided (a refusal needs a reason); an objection is routed.
 */
export function SubjectRequestPage({ id }: { id: string }) {
  const { t, date, dateTime, language } = useI18n();
  const [view, setView] = useState<SubjectRequestView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  useEffect(() => {
    void getSubjectRequest(id).then((r) => (r.ok ? setView(r.data) : setProblem(r.problem)));
  }, [id, language]);

  // Confirmations arrive from the other participants through the hub: ask again while some are missing.
  const waiting = !!view && view.effects.some((e) => e.participants.some((p) => !p.confirmedAt));
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void getSubjectRequest(id).then((r) => r.ok && setView(r.data)), 3_000);
    return () => clearInterval(timer);
  }, [waiting, id]);

  const acted = (result: Result<SubjectRequestView>) => {
    setDone(result.ok);
    if (result.ok) {
      setView(result.data);
      setProblem(null);
    } else setProblem(result.problem);
  };
  const refuse = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setReasonError(t('privacy.reasonMissing'));
    setReasonError(null);
    acted(await decideSubjectRequest(id, false, reason.trim()));
  };

  if (!view) {
    return (
      <>
        <h1 className="ecl-u-type-heading-1">{t('privacy.subjectRequestTitle')}</h1>
        {problem ? <ProblemNotice problem={problem} /> : <p className="ecl-u-type-paragraph">{t('loading')}</p>}
      </>
    );
  }
  return (
    <>
      <p><Link to="/privacy/subject-requests">{t('privacy.backToSubjectRequests')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t('privacy.subjectRequestTitle')}</h1>
      {done && <DoneNotice text={t('done')} />}
      {problem && <ProblemNotice problem={problem} />}
      <Facts rows={[
        [t('privacy.kindLabel'), t(`privacy.kind.${view.kind}`)],
        [t('privacy.stateLabel'), <span data-testid="subject-request-state">{t(`privacy.requestState.${view.state}`)}</span>],
        [t('privacy.receivedOn'), date(view.receivedAt)],
        [t('privacy.dueBy'), date(view.dueBy)],
        ...(view.decidedAt ? [[t('privacy.decidedAt'), dateTime(view.decidedAt)] as [string, string]] : []),
        ...(view.decisionReason ? [[t('privacy.decisionReason'), view.decisionReason] as [string, string]] : []),
        ...(view.routedTo ? [[t('privacy.routedTo'), t('privacy.routedToContact')] as [string, string]] : []),
      ]} />
      <section aria-labelledby="privacy-exchanges" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-exchanges">{t('privacy.exchanges')}</h2>
        <ul className="ecl-unordered-list privacy-list">
          {view.exchangeIds.map((exchangeId, index) => {
            const effect = view.effects.find((e) => e.exchangeId === exchangeId);
            return (
              <li key={exchangeId} className="ecl-unordered-list__item">
                <Link to={`/privacy/exchanges/${exchangeId}`}>{t('privacy.exchangeN', { n: String(index + 1) })}</Link>
                {effect && <> — {t(`privacy.outcome.${effect.outcome}`)}
                  <ul className="ecl-unordered-list">
                    {effect.participants.map((p) => (
                      <li key={p.node} className="ecl-unordered-list__item">
                        {p.confirmedAt ? t('privacy.confirmedBy', { node: p.node, date: dateTime(p.confirmedAt) }) : t('privacy.awaitingConfirmation', { node: p.node })}
                      </li>
                    ))}
                  </ul>
                </>}
              </li>
            );
          })}
        </ul>
      </section>
      {view.state === 'open' && view.kind !== 'objection' && (
        <section aria-labelledby="privacy-decide" className="imi-section">
          <h2 className="ecl-u-type-heading-2" id="privacy-decide">{t('privacy.decide')}</h2>
          <p className="ecl-u-type-paragraph">{t(view.kind === 'erasure' ? 'privacy.grantErasureHint' : 'privacy.grantRectificationHint')}</p>
          <div className="imi-actions">
            <button type="button" className="ecl-button ecl-button--primary" onClick={() => void decideSubjectRequest(id, true).then(acted)}>{t('privacy.grant')}</button>
            <form className="imi-action-form" onSubmit={(e) => void refuse(e)} noValidate>
              <TextField label={t('privacy.refusalReason')} value={reason} onChange={setReason} error={reasonError} multiline />
              <button type="submit" className="ecl-button ecl-button--secondary">{t('privacy.refuse')}</button>
            </form>
          </div>
        </section>
      )}
    </>
  );
}
