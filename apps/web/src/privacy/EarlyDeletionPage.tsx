import { FormEvent, useEffect, useState } from 'react';
import type { Problem, Result } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Link } from '../ui/Link';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { answerEarlyDeletion, EarlyDeletionView, getEarlyDeletion } from './api';
import { Facts, TextField } from './fields';

/**
 * One early deletion: why it was proposed, each participant's answer and, once all agreed, when
 * each deleted. A participant asked answers here: agree, or refuse with a reason.
 */
export function EarlyDeletionPage({ id }: { id: string }) {
  const { t, dateTime, language } = useI18n();
  const [view, setView] = useState<EarlyDeletionView | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  useEffect(() => {
    void getEarlyDeletion(id).then((r) => (r.ok ? setView(r.data) : setProblem(r.problem)));
  }, [id, language]);
  // Answers and deletion receipts arrive through the hub: ask again until the proposal is settled.
  const unsettled = !!view && (view.state === 'proposed' && view.role === 'proposer' || view.state === 'agreed'
    || (view.state === 'executed' && view.participants.some((p) => !p.deletedAt && view.role === 'proposer')));
  useEffect(() => {
    if (!unsettled) return;
    const timer = setInterval(() => void getEarlyDeletion(id).then((r) => r.ok && setView(r.data)), 3_000);
    return () => clearInterval(timer);
  }, [unsettled, id]);

  const acted = (result: Result<EarlyDeletionView>) => {
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
    acted(await answerEarlyDeletion(id, false, reason.trim()));
  };

  if (!view) {
    return (
      <>
        <h1 className="ecl-u-type-heading-1">{t('privacy.earlyDeletionTitle')}</h1>
        {problem ? <ProblemNotice problem={problem} /> : <p className="ecl-u-type-paragraph">{t('loading')}</p>}
      </>
    );
  }
  return (
    <>
      <p><Link to="/privacy/early-deletions">{t('privacy.backToEarlyDeletions')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t('privacy.earlyDeletionTitle')}</h1>
      {done && <DoneNotice text={t('done')} />}
      {problem && <ProblemNotice problem={problem} />}
      <Facts rows={[
        [t('privacy.stateLabel'), <span data-testid="early-deletion-state">{t(`privacy.deletionState.${view.state}`)}</span>],
        [t('privacy.sideLabel'), t(`privacy.side.${view.role}`)],
        [t('privacy.proposedBy'), view.proposerNode],
        [t('privacy.proposedAt'), dateTime(view.proposedAt)],
        [t('privacy.deletionReason'), view.reason],
        [t('privacy.exchange'), <Link to={`/privacy/exchanges/${view.exchangeId}`}>{t('privacy.openExchange')}</Link>],
      ]} />
      <section aria-labelledby="privacy-participants" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-participants">{t('privacy.participants')}</h2>
        <ul className="ecl-unordered-list">
          {view.participants.map((p) => (
            <li key={p.node} className="ecl-unordered-list__item">
              {p.node}: {t(`privacy.answer.${p.answer}`)}{p.answeredAt ? ` (${dateTime(p.answeredAt)})` : ''}{p.reason ? ` — ${p.reason}` : ''}
              {p.deletedAt && <> — {t('privacy.deletedOn', { date: dateTime(p.deletedAt) })}</>}
            </li>
          ))}
        </ul>
      </section>
      {view.role === 'participant' && view.state === 'proposed' && (
        <section aria-labelledby="privacy-answer" className="imi-section">
          <h2 className="ecl-u-type-heading-2" id="privacy-answer">{t('privacy.answerTitle')}</h2>
          <p className="ecl-u-type-paragraph">{t('privacy.answerHint')}</p>
          <div className="imi-actions">
            <button type="button" className="ecl-button ecl-button--primary" onClick={() => void answerEarlyDeletion(id, true).then(acted)}>{t('privacy.agree')}</button>
            <form className="imi-action-form" onSubmit={(e) => void refuse(e)} noValidate>
              <TextField label={t('privacy.refusalReason')} value={reason} onChange={setReason} error={reasonError} multiline />
              <button type="submit" className="ecl-button ecl-button--secondary">{t('privacy.refuseDeletion')}</button>
            </form>
          </div>
        </section>
      )}
    </>
  );
}
