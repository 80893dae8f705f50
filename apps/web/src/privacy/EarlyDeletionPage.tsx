import { useI18n } from '../i18n/i18n';
import { Facts } from '../ui/fields';
import { Link } from '../ui/Link';
import { NotYetShown } from '../ui/NotYetShown';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { useRecord } from '../ui/useRecord';
import { answerEarlyDeletion, EarlyDeletionView, getEarlyDeletion } from './api';
import { AgreeOrRefuse } from './AgreeOrRefuse';

/** Answers and deletion receipts arrive through the hub: asked for again until the proposal is settled. */
const unsettled = (view: EarlyDeletionView) => view.state === 'proposed' && view.role === 'proposer' || view.state === 'agreed'
  || (view.state === 'executed' && view.participants.some((p) => !p.deletedAt && view.role === 'proposer'));

/**
 * One early deletion: why it was proposed, each participant's answer and, once all agreed, when
 * each deleted. A participant asked answers here: agree, or refuse with a reason.
 */
export function EarlyDeletionPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  const { view, problem, done, acted } = useRecord(getEarlyDeletion, id, unsettled);
  if (!view) return <NotYetShown title={t('privacy.earlyDeletionTitle')} problem={problem} />;
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
          <AgreeOrRefuse agreeLabel={t('privacy.agree')} refuseLabel={t('privacy.refuseDeletion')}
            onAgree={() => void answerEarlyDeletion(id, true).then(acted)} onRefuse={(reason) => void answerEarlyDeletion(id, false, reason).then(acted)} />
        </section>
      )}
    </>
  );
}
