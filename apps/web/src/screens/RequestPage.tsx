import { useEffect, useState } from 'react';
import type { Result } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { allowedActions, mayAttach, mayDownload } from '../requests/actions';
import { getRequest, RequestView } from '../requests/api';
import { Documents, DownloadButton } from '../requests/Documents';
import { ownNode } from '../requests/own-node';
import { useAreaName } from '../requests/area-name';
import { Session } from '../session/session';
import { Link } from '../ui/Link';
import { NotYetShown } from '../ui/NotYetShown';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { useRecord } from '../ui/useRecord';
import { RequestActions } from './RequestActions';
import { ExchangePrivacyLinks } from '../privacy/ExchangePrivacyLinks';

/**
 * One request as the reader's node holds it: state, parties, questions in the reader's
 * language, the person only when the API returns it, answers, the timeline, and the actions
 * the reader's party, the state and the roles allow. The page title never names the person.
 */
export function RequestPage({ id, session }: { id: string; session: Session }) {
  const { t, tMaybe, date, dateTime } = useI18n();
  const record = useRecord(getRequest, id);
  const { view, setView, problem, setProblem, done, reload } = record;
  const [node] = useState(() => ownNode(session));
  const areaName = useAreaName();

  // After acceptance the person arrives from the requester's node (sealed, through the hub): ask again until it is here.
  const awaitingPerson = !!view && view.role === 'addressee' && view.state !== 'sent' && view.state !== 'rejected' && view.personalData === 'available' && !view.subject;
  useEffect(() => {
    if (!awaitingPerson) return;
    let attempts = 0;
    const timer = setInterval(() => {
      if (++attempts > 30) return clearInterval(timer);
      void getRequest(id).then((result) => {
        if (result.ok && result.data.subject) setView(result.data);
      });
    }, 2_000);
    return () => clearInterval(timer);
  }, [awaitingPerson, id]);

  /**
   * An action's outcome: the request as it is now (the node answers in the reader's language),
   * or the server's problem, with the request read again: another may have acted meanwhile.
   */
  const acted = async (result: Result<RequestView>) => {
    record.acted(result);
    if (result.ok) return;
    const fresh = await getRequest(id);
    if (fresh.ok) setView(fresh.data);
  };

  if (!view) return <NotYetShown title={t('requestTitle')} problem={problem} />;
  // Forwarded away: the request is another authority's now, and nothing is left to do here.
  const ours = (view.role === 'requester' ? view.requesterAuthorityId : view.addresseeAuthorityId) === session.authorityId;
  const actions = ours ? allowedActions(view, session) : [];
  const answerOf = (questionId: string) => view.answers?.filter((a) => a.questionId === questionId) ?? [];
  /** An answer as its type reads: the document it names, a localised date, or the text in the reader's language. */
  const answerText = (q: RequestView['questions'][number], a: NonNullable<RequestView['answers']>[number]) => {
    if (q.question?.answerType === 'document') {
      const document = view.attachments.find((d) => d.id === a.answer);
      return document
        ? <>{document.fileName} {mayDownload(session) && <DownloadButton requestId={view.id} attachment={document} onProblem={setProblem} />}</>
        : t('requests.documentPending');
    }
    if (q.question?.answerType === 'date') return date(a.answer);
    return <span lang={a.language ?? undefined}>{a.text ?? a.answer}</span>;
  };
  const detail = (event: RequestView['history'][number]) => {
    const d = event.detail;
    if (event.type === 'forwarded') return t('requests.forwardedDetail', { from: String(d.fromAuthorityId ?? ''), to: String(d.toAuthorityId ?? '') });
    if (event.type === 'sent' && d.addresseeAuthorityId) return t('requests.sentDetail', { to: String(d.addresseeAuthorityId) });
    if ((event.type === 'reply-date-proposed' || event.type === 'reply-date-agreed') && typeof d.replyBy === 'string') return date(d.replyBy);
    return null;
  };
  return (
    <>
      <p><Link to="/requests">{t('backToList')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t('requestTitle')}</h1>
      {done && <DoneNotice text={ours ? t('done') : t('requests.forwardedAway', { to: view.addresseeAuthorityId })} />}
      {problem && <ProblemNotice problem={problem} />}
      <ExchangePrivacyLinks kind="request" id={view.id} />
      <dl className="ecl-description-list ecl-description-list--horizontal imi-facts">
        <dt className="ecl-description-list__term">{t('state')}</dt>
        <dd className="ecl-description-list__definition" data-testid="request-state">{tMaybe(`state.${view.state}`) ?? view.state}</dd>
        <dt className="ecl-description-list__term">{t('requester')}</dt>
        <dd className="ecl-description-list__definition">{view.requesterAuthorityId}</dd>
        <dt className="ecl-description-list__term">{t('addressee')}</dt>
        <dd className="ecl-description-list__definition">{view.addresseeAuthorityId}</dd>
        <dt className="ecl-description-list__term">{t('legislativeArea')}</dt>
        <dd className="ecl-description-list__definition">{areaName(view.legislativeArea)}</dd>
        <dt className="ecl-description-list__term">{t('sentAt')}</dt>
        <dd className="ecl-description-list__definition">{dateTime(view.sentAt)}</dd>
        <dt className="ecl-description-list__term">{t('replyBy')}</dt>
        <dd className="ecl-description-list__definition">{date(view.replyBy)}</dd>
        {view.proposedReplyBy && <>
          <dt className="ecl-description-list__term">{t('requests.proposedReplyBy')}</dt>
          <dd className="ecl-description-list__definition">{date(view.proposedReplyBy)}</dd>
        </>}
        <dt className="ecl-description-list__term">{t('requests.confidential')}</dt>
        <dd className="ecl-description-list__definition">{view.confidential ? t('yes') : t('no')}</dd>
        {view.sensitiveReason && <>
          <dt className="ecl-description-list__term">{t('requests.sensitiveReason')}</dt>
          <dd className="ecl-description-list__definition">{view.sensitiveReason}</dd>
        </>}
        {view.rejectionReason && <>
          <dt className="ecl-description-list__term">{t('rejectionReasonShown')}</dt>
          <dd className="ecl-description-list__definition">{view.rejectionReason}</dd>
        </>}
      </dl>

      <section aria-labelledby="questions" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="questions">{t('questions')}</h2>
        <ol className="ecl-ordered-list">
          {view.questions.map((q) => (
            <li key={q.questionId} className="ecl-ordered-list__item">
              <span lang={q.question?.language}>{q.question?.text ?? q.questionId}</span>
              {q.freeText && <div><em>{t('freeTextQuestion')}:</em> {q.freeText}</div>}
              {answerOf(q.questionId).map((a) => (
                <div key={a.answeredAt} className="imi-answer" data-testid={`answer-${q.questionId}`}>
                  <strong>{t('answers')}:</strong> {answerText(q, a)} ({a.final ? t('finalAnswer') : t('partialAnswer')}, {dateTime(a.answeredAt)})
                </div>
              ))}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="person" className="imi-section" data-testid="person">
        <h2 className="ecl-u-type-heading-2" id="person">{t('person')}</h2>
        {view.subject ? (
          <dl className="ecl-description-list ecl-description-list--horizontal imi-facts">
            <dt className="ecl-description-list__term">{t('familyName')}</dt>
            <dd className="ecl-description-list__definition">{view.subject.familyName}</dd>
            <dt className="ecl-description-list__term">{t('givenNames')}</dt>
            <dd className="ecl-description-list__definition">{view.subject.givenNames}</dd>
            {view.subject.dateOfBirth && <>
              <dt className="ecl-description-list__term">{t('dateOfBirth')}</dt>
              <dd className="ecl-description-list__definition">{date(view.subject.dateOfBirth)}</dd>
            </>}
            {view.subject.registerNumber && <>
              <dt className="ecl-description-list__term">{t('registerNumber')}</dt>
              <dd className="ecl-description-list__definition">{view.subject.registerNumber}</dd>
            </>}
            {view.subject.nationalId && <>
              <dt className="ecl-description-list__term">{t('requests.nationalId')}</dt>
              <dd className="ecl-description-list__definition">{view.subject.nationalId}</dd>
            </>}
            {view.subject.nationalIdJustification && <>
              <dt className="ecl-description-list__term">{t('requests.nationalIdJustification')}</dt>
              <dd className="ecl-description-list__definition">{view.subject.nationalIdJustification}</dd>
            </>}
          </dl>
        ) : (
          <p className="ecl-u-type-paragraph">
            {view.personalData === 'blocked' ? t('personBlocked') : view.personalData === 'deleted' ? t('personDeleted') : t('personHidden')}
          </p>
        )}
      </section>

      {!!view.furtherInformation?.length && (
        <section aria-labelledby="further" className="imi-section">
          <h2 className="ecl-u-type-heading-2" id="further">{t('requests.furtherInformationTitle')}</h2>
          <ul className="ecl-unordered-list">
            {view.furtherInformation.map((f) => (
              <li key={f.requestedAt} className="ecl-unordered-list__item">{dateTime(f.requestedAt)}: {f.note ?? t('requests.noNote')}</li>
            ))}
          </ul>
        </section>
      )}

      <Documents view={view} canDownload={mayDownload(session)} canAttach={ours && mayAttach(view, session)} onAttached={reload} />

      {actions.length > 0 && (
        <section aria-labelledby="actions" className="imi-section">
          <h2 className="ecl-u-type-heading-2" id="actions">{t('actions')}</h2>
          <RequestActions view={view} actions={actions} ownNode={node} onResult={acted} />
        </section>
      )}

      <section aria-labelledby="timeline" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="timeline">{t('timeline')}</h2>
        <ol className="ecl-timeline imi-timeline">
          {view.history.map((event, index) => (
            <li key={`${event.type}-${index}`} className="ecl-timeline__item">
              <div className="ecl-timeline__label">{dateTime(event.at)}</div>
              <div className="ecl-timeline__title">{tMaybe(`event.${event.type}`) ?? event.type}</div>
              {detail(event) && <div className="ecl-timeline__content">{detail(event)}</div>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
