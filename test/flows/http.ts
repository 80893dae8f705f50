import { randomUUID } from 'node:crypto';
import { ROLES, Role } from '@imi/domain';
import { Database } from '@imi/persistence';
import { AuditLog } from '../../apps/node/src/privacy/audit-log';
import { enrolUser, totpFor } from '../../apps/node/src/users/enrolment';
import { UserRepository } from '../../apps/node/src/users/users.repository';
import { RunningNode } from './network';

export interface HttpResult<T = any> {
  status: number;
  contentType: string | null;
  body: T;
}

const PASSWORD = 'violet lantern across the harbour';
/** Per running app (a restarted node is a new app, and signs everyone out): one session per authority and role set. */
const sessions = new WeakMap<object, Map<string, Promise<string>>>();

/**
 * Signs in as a new user of the authority holding the roles, the way a person does: password
 * and the current one-time code over POST /sessions. The user is written straight into the
 * node's database so that tests may also act for an authority the node would refuse (an
 * unknown or suspended one).
 */
export function sessionFor(node: RunningNode, authorityId: string, roles: readonly Role[] = ROLES): Promise<string> {
  const app = node.app;
  if (!app) throw new Error(`node ${node.country} is not running`);
  const perApp = sessions.get(app) ?? new Map<string, Promise<string>>();
  sessions.set(app, perApp);
  const key = `${authorityId}|${[...roles].sort().join(',')}`;
  let token = perApp.get(key);
  if (!token) {
    token = signIn(node, authorityId, roles);
    token.catch(() => perApp.delete(key));
    perApp.set(key, token);
  }
  return token;
}

/** A sign-in of its own, never shared with other calls: for a test that ends the session. */
export function newSessionFor(node: RunningNode, authorityId: string, roles: readonly Role[] = ROLES): Promise<string> {
  return signIn(node, authorityId, roles);
}

async function signIn(node: RunningNode, authorityId: string, roles: readonly Role[]): Promise<string> {
  const app = node.app!;
  const email = `tester-${randomUUID().slice(0, 8)}@${authorityId.toLowerCase()}.example`;
  const enrolment = await enrolUser({ db: app.get(Database), users: app.get(UserRepository), audit: app.get(AuditLog) }, node.country, authorityId,
    { email, displayName: 'Kim Tester', roles: [...roles], password: PASSWORD });
  const code = totpFor(node.country, email, enrolment.totp.secret).generate();
  const response = await fetch(`${node.url}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD, code }) });
  if (response.status !== 200) throw new Error(`sign-in as ${authorityId} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** A signed-in user's REST calls against one node, acting for one authority (every role unless narrowed). */
export function actingFor(node: RunningNode, authorityId: string, language?: string, roles: readonly Role[] = ROLES) {
  /** fetch with the user's session, for bodies that are not JSON. */
  const raw = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const token = await sessionFor(node, authorityId, roles);
    return fetch(`${node.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
  };
  const call = async <T = any>(method: string, path: string, body?: unknown, rawBody?: string): Promise<HttpResult<T>> => {
    const response = await raw(path, {
      method,
      headers: { 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}) },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : null };
  };
  return {
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => call<T>('POST', path, body),
    patch: <T = any>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    postRaw: (path: string, rawBody: string) => call('POST', path, undefined, rawBody),
    raw,
  };
}

/** Retries an assertion until it passes: messages cross Kafka asynchronously. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
