import { FormEvent, useEffect, useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useAreaName } from '../requests/area-name';
import { hasAnyRole, Session } from '../session/session';
import { Facts } from '../ui/fields';
import { Link } from '../ui/Link';
import { NotYetShown } from '../ui/NotYetShown';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { ExchangeKind, ProofOfExchange, proofOfAnyExchange, proposeEarlyDeletion } from './api';
import { saveFile } from './download';
import { TextField } from './fields';
import { ProofMessages } from './ProofMessages';
import { RetrieveBlocked } from './RetrieveBlocked';

/**
 * An exchange (request or alert) as data protection sees it: its signed proof of exchange shown
 * readably and downloadable as JSON, what became of its personal data and why, and the
 * data-protection actions the reader's roles allow: ask for early deletion, register a data
 * subject's request, retrieve blocked data on a stated ground.
 */
export function ExchangePrivacy({ id, session }: { id: string; session: Session }) {
  const { t, tMaybe, dateTime, language } = useI18n();
  const areaName = useAreaName();
  const [proof, setProof] = useState<{ kind: ExchangeKind; data: ProofOfExchange } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [proposed, setProposed] = useState<string | null>(null);

  useEffect(() => {
    void proofOfAnyExchange(id).then(({ kind, result }) => (result.ok ? setProof({ kind, data: result.data }) : setProblem(result.problem)));
  }, [id, language]);

  const propose = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setReasonError(t('privacy.reasonMissing'));
    setReasonError(null);
    const result = await proposeEarlyDeletion(proof!.kind, id, reason.trim());
    if (result.ok) {
      setProposed(result.data.id);
      setProblem(null);
    } else setProblem(result.problem);
  };

  if (!proof) return <NotYetShown title={t('privacy.exchangeTitle')} problem={problem} />;
  const { report, jws } = proof.data;
  const x = report.exchange;
  const parties: [string, string][] = proof.kind === 'request'
    ? [[t('privacy.requester'), `${x.requesterAuthorityId} (${x.requesterNode})`], [t('privacy.addressee'), `${x.addresseeAuthorityId} (${x.addresseeNode})`]]
    : [[t('privacy.sender'), `${x.senderAuthorityId} (${x.senderNode})`], [t('privacy.recipients'), (x.recipients ?? []).map((r) => `${r.authorityId} (${r.node})`).join(', ')]];
  const kid = JSON.parse(atob(jws.split('.')[0].replace(/-/g, '+').replace(/_/g, '/'))).kid as string;
  const pd = report.personalData;
  const openPage = proof.kind === 'request' ? `/requests/${id}` : `/alerts/${id}`;
  const canOpen = hasAnyRole(session, 'case-handler');

  return (
    <>
      {canOpen && <p><Link to={openPage}>{t(proof.kind === 'request' ? 'privacy.backToRequest' : 'privacy.backToAlert')}</Link></p>}
      <h1 className="ecl-u-type-heading-1">{t('privacy.exchangeTitle')}</h1>
      {problem && <ProblemNotice problem={problem} />}
      <Facts rows={[
        [t('privacy.exchangeKind'), tMaybe(`privacy.exchangeType.${report.exchange.type}`) ?? report.exchange.type],
        [t('privacy.area'), areaName(report.exchange.legislativeArea)],
        [t('privacy.stateLabel'), tMaybe(`state.${report.exchange.state}`) ?? tMaybe(`privacy.alertState.${report.exchange.state}`) ?? report.exchange.state],
        ...parties,
        [t('privacy.sentAt'), dateTime(report.exchange.sentAt)],
        ...(x.closedAt || x.endedAt ? [[t('privacy.closedAt'), dateTime(x.closedAt ?? x.endedAt)] as [string, string]] : []),
      ]} />

      <section aria-labelledby="privacy-personal-data" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-personal-data">{t('privacy.personalDataProof')}</h2>
        <Facts rows={[
          [t('privacy.personalDataState'), <span data-testid="personal-data-state">{t(`privacy.personalData.${pd.state}`)}</span>],
          ...(pd.blockedAt ? [[t('privacy.blockedAt'), dateTime(pd.blockedAt)] as [string, string]] : []),
          ...(pd.deletedAt ? [[t('privacy.deletedAt'), dateTime(pd.deletedAt)] as [string, string]] : []),
          ...(pd.deletion ? [[t('privacy.deletionWhy'), `${tMaybe(`privacy.erasure.${pd.deletion.reason}`) ?? pd.deletion.reason}${pd.deletion.decidedBy ? ` (${pd.deletion.decidedBy})` : ''}`] as [string, string]] : []),
        ]} />
      </section>

      <section aria-labelledby="privacy-messages" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-messages">{t('privacy.messages')}</h2>
        <p className="ecl-u-type-paragraph">{t('privacy.messagesIntro')}</p>
        <ProofMessages messages={report.messages} />
      </section>

      <section aria-labelledby="privacy-signature" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-signature">{t('privacy.signature')}</h2>
        <Facts rows={[[t('privacy.producedAt'), dateTime(report.generatedAt)], [t('privacy.signedBy'), t('privacy.signedByNode', { node: report.node, kid })]]} />
        <p className="ecl-u-type-paragraph">{t('privacy.proofCheck')}</p>
        <button type="button" className="ecl-button ecl-button--primary"
          onClick={() => saveFile(JSON.stringify(proof.data, null, 2), `proof-of-exchange-${id}.json`)}>{t('privacy.downloadJson')}</button>
      </section>

      {pd.state !== 'deleted' && (
        <section aria-labelledby="privacy-early" className="imi-section">
          <h2 className="ecl-u-type-heading-2" id="privacy-early">{t('privacy.askEarlyDeletion')}</h2>
          <p className="ecl-u-type-paragraph">{t('privacy.askEarlyDeletionHint')}</p>
          {proposed ? (
            <>
              <DoneNotice text={t('privacy.earlyDeletionAsked')} />
              <p><Link to={`/privacy/early-deletions/${proposed}`}>{t('privacy.openDeletionProgress')}</Link></p>
            </>
          ) : (
            <form className="imi-action-form" onSubmit={(e) => void propose(e)} noValidate>
              <TextField label={t('privacy.deletionReason')} value={reason} onChange={setReason} error={reasonError} multiline />
              <button type="submit" className="ecl-button ecl-button--secondary">{t('privacy.askEarlyDeletionButton')}</button>
            </form>
          )}
        </section>
      )}

      {pd.state === 'blocked' && hasAnyRole(session, 'data-protection-contact') && <RetrieveBlocked kind={proof.kind} id={id} />}

      <section aria-labelledby="privacy-subject" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="privacy-subject">{t('privacy.subjectRequestsTitle')}</h2>
        <p><Link to={`/privacy/subject-requests/new/${id}`}>{t('privacy.registerForExchange')}</Link></p>
      </section>
    </>
  );
}
