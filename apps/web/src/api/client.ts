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

export type RequestState = components['schemas']['RequestView']['state'];
export type Party = components['schemas']['RequestView']['role'];
/** A request as the node shows it; the requests feature's calls are in requests/api.ts. */
export type RequestView = components['schemas']['RequestView'];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type UrgentRequest = components['schemas']['UrgentRequestView'];

export interface UrgentAlert {
  id: string;
  kind: string;
  reasons: string[];
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

export const urgentRequests = () => read<UrgentRequest[]>(api.GET('/requests/urgent'));
export const urgentAlerts = () => read<UrgentAlert[]>(api.GET('/alerts/urgent'));

