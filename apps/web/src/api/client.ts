import createClient, { Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n/i18n';
import { currentSession, sessionExpired } from '../session/session';
import type { components, paths } from './schema';

/**
 * The node's REST API, typed from its OpenAPI document (schema.d.ts, written by
 * `npm run api:generate`). Every screen calls the API through this module only, so when the
 * document's types change, this is the one file to adapt. Response bodies the document does
 * not yet describe are typed here by hand (the views below) and cast once, in `read`.
 */
export const api = createClient<paths>({ baseUrl: '' });

/** The session token on every call, the reader's language, and a 401 ends the session here too. */
const sessionAndLanguage: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    request.headers.set('accept-language', currentLanguage());
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) sessionExpired();
    return response;
  },
};
api.use(sessionAndLanguage);

export type Problem = components['schemas']['Problem'];
export type Result<T> = { ok: true; data: T } | { ok: false; problem: Problem };

export type RequestState = 'sent' | 'accepted' | 'rejected' | 'partially-answered' | 'answered' | 'further-information-requested' | 'answer-accepted' | 'closed';
export type Party = 'requester' | 'addressee';

export interface LocalisedQuestion {
  id: string;
  answerType: 'yes-no' | 'date' | 'text' | 'choice' | 'document';
  personalData: boolean;
  sensitive: boolean;
  freeText: boolean;
  language: string;
  text: string;
  choices?: { id: string; text: string }[];
}

export interface RequestView {
  id: string;
  role: Party;
  state: RequestState;
  requesterAuthorityId: string;
  addresseeAuthorityId: string;
  legislativeArea: string;
  questions: { questionId: string; freeText: string | null; question?: LocalisedQuestion | null }[];
  replyBy: string;
  sentAt: string;
  acceptedAt: string | null;
  closedAt: string | null;
  rejectionReason: string | null;
  proposedReplyBy: string | null;
  answeredAt: string | null;
  confidential: boolean;
  sensitiveReason: string | null;
  personalData: 'available' | 'blocked' | 'deleted';
  history: { type: string; at: string; detail: Record<string, unknown> }[];
  subject?: {
    familyName: string; givenNames: string; dateOfBirth: string | null; registerNumber: string | null;
    nationalId: string | null; nationalIdJustification: string | null;
  };
  answers?: { questionId: string; answer: string; final: boolean; answeredAt: string; text?: string; language?: string | null }[];
  attachments: { id: string; fileName: string; contentType: string; concernsPerson: boolean; sizeBytes: number; sharedAt: string | null }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UrgentRequest {
  id: string;
  state: RequestState;
  legislativeArea: string;
  replyBy: string;
  reasons: string[];
}

export interface UrgentAlert {
  id: string;
  kind: string;
  reasons: string[];
}

export interface RequestFilter {
  state?: RequestState;
  role?: Party;
  cursor?: string;
  limit?: number;
}

/** A network failure becomes a problem like any other, so screens show one kind of error. */
const networkProblem: Problem = { type: 'urn:imi:problem:network', title: 'network', status: 0 };

/** Every call's outcome as data or the server's problem; feature modules (e.g. alerts/api.ts) call `api` through it too. */
export async function read<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Result<T>> {
  try {
    const { data, error, response } = await call;
    if (response.ok) return { ok: true, data: data as T };
    const problem = error && typeof error === 'object' && 'type' in error ? (error as Problem) : { type: 'urn:imi:problem:unknown', title: response.statusText, status: response.status };
    return { ok: false, problem };
  } catch {
    return { ok: false, problem: networkProblem };
  }
}

export const signIn = (body: { email: string; password: string; code: string; authorityId?: string }) =>
  read<{ token: string; expiresInMinutes: number }>(api.POST('/sessions', { body }));

/** Ends the session on the server; the token is refused from then on. */
export const signOut = () => read<void>(api.DELETE('/sessions/current'));

export const listRequests = (filter: RequestFilter = {}) => read<Page<RequestView>>(api.GET('/requests', { params: { query: filter } }));
export const getRequest = (id: string) => read<RequestView>(api.GET('/requests/{id}', { params: { path: { id } } }));
export const urgentRequests = () => read<UrgentRequest[]>(api.GET('/requests/urgent'));
export const urgentAlerts = () => read<UrgentAlert[]>(api.GET('/alerts/urgent'));

export const acceptRequest = (id: string) => read<RequestView>(api.POST('/requests/{id}/accept', { params: { path: { id } } }));
export const rejectRequest = (id: string, reason: string) =>
  read<RequestView>(api.POST('/requests/{id}/reject', { params: { path: { id } }, body: { reason } }));
export const answerRequest = (id: string, answers: { questionId: string; answer: string }[], final: boolean) =>
  read<RequestView>(api.POST('/requests/{id}/answer', { params: { path: { id } }, body: { answers, final } }));
export const acceptAnswer = (id: string) => read<RequestView>(api.POST('/requests/{id}/accept-answer', { params: { path: { id } } }));
export const closeRequest = (id: string) => read<RequestView>(api.POST('/requests/{id}/close', { params: { path: { id } } }));
