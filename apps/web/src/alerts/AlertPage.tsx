import { Fragment, ReactNode } from 'react';
import { usePlaceNames } from '../directory/labels';
import { useI18n } from '../i18n/i18n';
import type { Session } from '../session/session';
import { DataTable } from '../ui/DataTable';
import { Link } from '../ui/Link';
import { NotYetShown } from '../ui/NotYetShown';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { useRecord } from '../ui/useRecord';
import { AlertView, getAlert } from './api';
import { AlertActions } from './AlertActions';
import { contentEntries } from './content';
import { isUnread } from './unread';
import { ExchangePrivacyLinks } from '../privacy/ExchangePrivacyLinks';

/**
 * One alert or notification as the reader's node holds it: its facts, the current content with
 * the fields' names in the reader's language (the content itself as its sender wrote it), the
 * addressees with their receipts, its history, and the controls the reader's side, state and
 * roles allow. The page title never names the person an alert is about.
 */
export function AlertPage({ id, session }: { id: string; session: Session }) {
  const { t, tMaybe, date, dateTime } = useI18n();
  const names = usePlaceNames();
  const { view, problem, done, acted, reload } = useRecord(getAlert, id);

  const kindName = (kind: string) => tMaybe(`alerts.kind.${kind}`) ?? kind;
  if (!view) return <NotYetShown title={t('alerts.alertTitle')} problem={problem} />;
  const current = view.versions[view.versions.length - 1];
  const fact = (term: string, value: ReactNode, testId?: string) => (
    <>
      <dt className="ecl-description-list__term">{term}</dt>
      <dd className="ecl-description-list__definition" data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <>
      <p><Link to="/alerts">{t('alerts.backToList')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{kindName(view.kind)}</h1>
      {done && <DoneNotice text={t('done')} />}
      {problem && <ProblemNotice problem={problem} />}
      <ExchangePrivacyLinks kind="alert" id={view.id} />
      <dl className="ecl-description-list ecl-description-list--horizontal imi-facts">
        {fact(t('state'), tMaybe(`alerts.state.${view.state}`) ?? view.state, 'alert-state')}
        {view.role === 'recipient' && fact(t('alerts.yourCopy'), isUnread(view, session) ? t('alerts.unread') : t('alerts.readAlready'), 'alert-read')}
        {fact(t('alerts.sender'), view.senderAuthorityId)}
        {fact(t('legislativeArea'), names.area(view.legislativeArea))}
        {fact(t('sentAt'), dateTime(view.sentAt))}
        {fact(t('alerts.version'), String(view.version))}
        {view.withdrawnReason && fact(t('alerts.withdrawnReason'), view.withdrawnReason)}
        {view.decisionDate && fact(t('alerts.field.decisionDate'), date(view.decisionDate))}
        {view.laterDecisionDate && fact(t('alerts.laterDecisionDate'), date(view.laterDecisionDate))}
      </dl>

      <section aria-labelledby="alert-content" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="alert-content">{t('alerts.content')}</h2>
        {current ? <ContentList kind={view.kind} content={current.content} testId="alert-content" /> : <p className="ecl-u-type-paragraph">{t('alerts.contentBlocked')}</p>}
      </section>

      <section aria-labelledby="alert-actions" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="alert-actions">{t('actions')}</h2>
        <AlertActions view={view} session={session} onResult={acted} />
      </section>

      <section aria-labelledby="alert-recipients" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="alert-recipients">{view.role === 'sender' ? t('alerts.receipts') : t('alerts.addresseesHere')}</h2>
        {/* Receipts arrive from other nodes at any time: asked for again on request, not polled. */}
        <p><button type="button" className="ecl-button ecl-button--secondary" onClick={reload}>{t('alerts.refresh')}</button></p>
        <DataTable rows={view.recipients.map((r) => ({ ...r, id: r.authorityId }))} columns={[
          { header: t('alerts.addressee'), cell: (r) => r.authorityId },
          { header: t('directory.country'), cell: (r) => names.country(r.node) },
          ...(view.role === 'sender' ? [{ header: t('alerts.delivered'), cell: (r: { deliveredAt: string | null }) => dateTime(r.deliveredAt) }] : []),
          { header: t('alerts.read'), cell: (r) => dateTime(r.readAt) },
          { header: t('alerts.acknowledged'), cell: (r) => dateTime(r.acknowledgedAt) },
          ...(view.role === 'recipient' ? [{ header: t('alerts.distributedBy'), cell: (r: { distributedBy: string | null }) => r.distributedBy ?? '—' }] : []),
        ]} />
      </section>

      <section aria-labelledby="alert-history" className="imi-section">
        <h2 className="ecl-u-type-heading-2" id="alert-history">{t('timeline')}</h2>
        <ol className="ecl-unordered-list imi-timeline">
          {view.versions.map((v) => (
            <li key={v.version} className="ecl-unordered-list__item">
              {dateTime(v.createdAt)}: {v.version === 1 ? t('alerts.event.sent') : t('alerts.event.rectified', { version: String(v.version) })}
              {v.supersededAt && (
                <details className="alerts-details">
                  <summary>{t('alerts.supersededVersion', { version: String(v.version), date: dateTime(v.supersededAt) })}</summary>
                  <ContentList kind={view.kind} content={v.content} />
                </details>
              )}
            </li>
          ))}
          {view.endedAt && <li className="ecl-unordered-list__item">{dateTime(view.endedAt)}: {tMaybe(`alerts.event.${view.state}`) ?? view.state}</li>}
        </ol>
      </section>
    </>
  );
}

function ContentList({ kind, content, testId }: { kind: AlertView['kind']; content: Record<string, unknown>; testId?: string }) {
  const { t, date } = useI18n();
  const shown = (field: string, value: string) =>
    field === 'scope' ? t(value === 'prohibition' ? 'alerts.scope.prohibition' : 'alerts.scope.restriction')
      : /^(dateOfBirth|periodFrom|periodUntil|decisionDate)$/.test(field) ? date(value) : value;
  return (
    <dl className="ecl-description-list ecl-description-list--horizontal imi-facts" data-testid={testId}>
      {contentEntries(kind, content).map(([field, value]) => (
        <Fragment key={field}>
          <dt className="ecl-description-list__term">{t(`alerts.field.${field}`)}</dt>
          <dd className="ecl-description-list__definition alerts-pre-wrap">{shown(field, value)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
