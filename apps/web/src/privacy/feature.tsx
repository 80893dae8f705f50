import type { Feature } from '../ui/feature';
import { AccessReport } from './AccessReport';
import { EarlyDeletionList } from './EarlyDeletionList';
import { EarlyDeletionPage } from './EarlyDeletionPage';
import { ExchangePrivacy } from './ExchangePrivacy';
import { NewSubjectRequest } from './NewSubjectRequest';
import { PrivacyHome } from './PrivacyHome';
import { SubjectRequestList } from './SubjectRequestList';
import { SubjectRequestPage } from './SubjectRequestPage';

const UUID = '[0-9a-f-]{36}';

/** Data protection: data subjects' requests, early deletion, proof of exchange, blocked data, the right-of-access report. */
export const privacyFeature: Feature = {
  routes: [
    { path: /^\/privacy\/?$/, title: 'privacy.title', render: (_, session) => <PrivacyHome session={session} /> },
    { path: /^\/privacy\/subject-requests\/?$/, title: 'privacy.subjectRequestsTitle', render: () => <SubjectRequestList /> },
    { path: /^\/privacy\/objections\/?$/, title: 'privacy.objectionsTitle', render: () => <SubjectRequestList key="objections" objections /> },
    { path: new RegExp(`^/privacy/subject-requests/new(?:/(?<exchangeId>${UUID}))?$`), title: 'privacy.newSubjectRequestTitle', render: ({ exchangeId }) => <NewSubjectRequest key={exchangeId} exchangeId={exchangeId} /> },
    { path: new RegExp(`^/privacy/subject-requests/(?<id>${UUID})$`), title: 'privacy.subjectRequestTitle', render: ({ id }) => <SubjectRequestPage key={id} id={id} /> },
    { path: /^\/privacy\/early-deletions\/?$/, title: 'privacy.earlyDeletionsTitle', render: () => <EarlyDeletionList /> },
    { path: new RegExp(`^/privacy/early-deletions/(?<id>${UUID})$`), title: 'privacy.earlyDeletionTitle', render: ({ id }) => <EarlyDeletionPage key={id} id={id} /> },
    { path: new RegExp(`^/privacy/exchanges/(?<id>${UUID})$`), title: 'privacy.exchangeTitle', render: ({ id }, session) => <ExchangePrivacy key={id} id={id} session={session} /> },
    { path: /^\/privacy\/access-report\/?$/, title: 'privacy.accessReportTitle', render: () => <AccessReport /> },
  ],
  nav: [{ to: '/privacy', label: 'privacy.nav', roles: ['case-handler', 'data-protection-contact'] }],
};
