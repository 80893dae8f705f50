import { api, read, Result } from '../api/client';
import type { components, operations } from '../api/schema';

/** Data subjects' rights, early deletion, proof of exchange and the right-of-access report: the node's calls for these screens, typed from its OpenAPI document. */
export type SubjectRequestView = components['schemas']['SubjectRequestView'];
export type SubjectRequestKind = SubjectRequestView['kind'];
export type SubjectRequestState = SubjectRequestView['state'];
export type UrgentSubjectRequest = components['schemas']['UrgentSubjectRequestView'];
export type SubjectRequestFilter = NonNullable<operations['SubjectRequestController_list']['parameters']['query']>;
export type EarlyDeletionView = components['schemas']['EarlyDeletionView'];
export type EarlyDeletionState = EarlyDeletionView['state'];
export type EarlyDeletionFilter = NonNullable<operations['EarlyDeletionController_list']['parameters']['query']>;
export type ProofOfExchange = components['schemas']['SignedProofOfExchange'];
export type ProofMessage = components['schemas']['ProofMessage'];
export type RetrievedData = components['schemas']['RetrievedBlockedData'];
export type ProofGround = RetrievedData['ground'];
export type AccessReportView = components['schemas']['SignedAccessReport'];
export type ReportLanguage = AccessReportView['report']['language'];
export type PersonIdentity = Omit<components['schemas']['AccessReportRequestDto'], 'language'>;

export const SUBJECT_REQUEST_KINDS: SubjectRequestKind[] = ['rectification', 'erasure', 'objection'];
export const SUBJECT_REQUEST_STATES: SubjectRequestState[] = ['open', 'granted', 'refused', 'routed'];
export const EARLY_DELETION_STATES: EarlyDeletionState[] = ['proposed', 'agreed', 'refused', 'executed'];
export const PROOF_GROUNDS: ProofGround[] = ['data-subject-consent', 'overriding-public-interest'];

const byId = (id: string) => ({ params: { path: { id } } });

/** POST /audit/checkpoints: a checkpoint of the audit log, sent to the hub to witness. */
export const sendAuditCheckpoint = () => read<components['schemas']['SentCheckpointView']>(api.POST('/audit/checkpoints'));
export const listSubjectRequests = (query: SubjectRequestFilter) => read<components['schemas']['SubjectRequestPageView']>(api.GET('/subject-requests', { params: { query } }));
export const listObjections = (query: SubjectRequestFilter) => read<components['schemas']['SubjectRequestPageView']>(api.GET('/subject-requests/objections', { params: { query } }));
export const urgentSubjectRequests = () => read<UrgentSubjectRequest[]>(api.GET('/subject-requests/urgent'));
export const getSubjectRequest = (id: string) => read<SubjectRequestView>(api.GET('/subject-requests/{id}', byId(id)));
export const registerSubjectRequest = (body: { kind: SubjectRequestKind; exchangeIds: string[]; corrections?: Record<string, string>; receivedAt?: string }) =>
  // The document types `corrections` as a free object; its fields are the person's (checked by the server).
  read<SubjectRequestView>(api.POST('/subject-requests', { body: { ...body, corrections: body.corrections as never } }));
export const decideSubjectRequest = (id: string, grant: boolean, reason?: string) =>
  read<SubjectRequestView>(api.POST('/subject-requests/{id}/decision', { ...byId(id), body: { grant, ...(reason ? { reason } : {}) } }));

export const listEarlyDeletions = (query: EarlyDeletionFilter) => read<components['schemas']['EarlyDeletionPageView']>(api.GET('/early-deletions', { params: { query } }));
export const getEarlyDeletion = (id: string) => read<EarlyDeletionView>(api.GET('/early-deletions/{id}', byId(id)));
export const proposeEarlyDeletion = (kind: ExchangeKind, id: string, reason: string) =>
  read<EarlyDeletionView>(kind === 'request'
    ? api.POST('/requests/{id}/early-deletion', { ...byId(id), body: { reason } })
    : api.POST('/alerts/{id}/early-deletion', { ...byId(id), body: { reason } }));
export const answerEarlyDeletion = (id: string, agree: boolean, reason?: string) =>
  read<EarlyDeletionView>(api.POST('/early-deletions/{id}/answer', { ...byId(id), body: { agree, ...(reason ? { reason } : {}) } }));

export type ExchangeKind = 'request' | 'alert';
export const proofOfExchange = (kind: ExchangeKind, id: string) =>
  read<ProofOfExchange>(kind === 'request' ? api.GET('/requests/{id}/proof-of-exchange', byId(id)) : api.GET('/alerts/{id}/proof-of-exchange', byId(id)));
/** The proof of an exchange known by id alone: a request's, else an alert's (a 404 from one is the other kind, or nothing). */
export async function proofOfAnyExchange(id: string): Promise<{ kind: ExchangeKind; result: Result<ProofOfExchange> }> {
  const asRequest = await proofOfExchange('request', id);
  if (asRequest.ok || asRequest.problem.status !== 404) return { kind: 'request', result: asRequest };
  return { kind: 'alert', result: await proofOfExchange('alert', id) };
}
export const retrieveBlockedData = (kind: ExchangeKind, id: string, ground: ProofGround, justification: string) =>
  read<RetrievedData>(kind === 'request'
    ? api.POST('/requests/{id}/proof-of-exchange/personal-data', { ...byId(id), body: { ground, justification } })
    : api.POST('/alerts/{id}/proof-of-exchange/personal-data', { ...byId(id), body: { ground, justification } }));

export const accessReport = (person: PersonIdentity, language: ReportLanguage) =>
  read<AccessReportView>(api.POST('/access-reports', { params: { query: { format: 'json' } }, body: { ...person, language } }));

/** The report as a PDF, handed to the browser as a file; the person's identity goes in the body, never the URL. */
export const accessReportPdf = (person: PersonIdentity, language: ReportLanguage) =>
  read<Blob>(api.POST('/access-reports', { params: { query: { format: 'pdf' } }, body: { ...person, language }, parseAs: 'blob' }));
