import { useI18n } from '../i18n/i18n';
import { Facts } from '../ui/fields';
import { Link } from '../ui/Link';
import { NotYetShown } from '../ui/NotYetShown';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { useRecord } from '../ui/useRecord';
import { decideSubjectRequest, getSubjectRequest, SubjectRequestView } from './api';
import { AgreeOrRefuse } from './AgreeOrRefuse';

/** Confirmations arrive from the other participants through the hub: asked for again while some are missing. */
const awaitingConfirmations = (view: SubjectRequestView) => view.effects.some((e) => e.participants.some((p) => !p.confirmedAt));

/**
 * One data subject's request: what was asked, its deadline, the decision and, once granted,
 * what it did to each exchange here and each other participant's signed confirmation. An open
 * rectification or erasure can be decided (a refusal needs a reason); an objection is routed.
 */
export function SubjectRequestPage({ id }: { id: string }) {
  const { t, date, dateTime } = useI18n();
  const { view, problem, done, acted } = useRecord(getSubjectRequest, id, awaitingConfirmations);
  if (!view) return <NotYetShown title={t('privacy.subjectRequestTitle')} problem={problem} />;
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
          <AgreeOrRefuse agreeLabel={t('privacy.grant')} refuseLabel={t('privacy.refuse')}
            onAgree={() => void decideSubjectRequest(id, true).then(acted)} onRefuse={(reason) => void decideSubjectRequest(id, false, reason).then(acted)} />
        </section>
      )}
    </>
  );
}
