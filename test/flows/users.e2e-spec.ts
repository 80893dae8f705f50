import { randomUUID } from 'node:crypto';
import { get as httpsGet } from 'node:https';
import selfsigned from 'selfsigned';
import { SignJWT } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { addMonths, ROLES } from '@imi/domain';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { RetentionService } from '../../apps/node/src/privacy/retention.service';
import { SessionTokens } from '../../apps/node/src/users/session-tokens';
import { actingFor, eventually, newSessionFor, sessionFor } from './http';
import { TestNetwork } from './network';

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] },
    {
      code: 'FR',
      authorities: [
        { id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] },
        { id: 'FR-DGCCRF', name: 'DGCCRF', legislativeAreas: ['services'] },
      ],
    },
  ],
};

/**
 * Users: two factors to sign in, lock-out, sessions checked on every call, objections routed
 * to the data protection contact, and a former user's own data blocked then deleted.
 */
describe('users, sign-in and sessions', () => {
  let network: TestNetwork;

  beforeAll(async () => {
    network = await TestNetwork.start(PLAN);
  });

  afterAll(async () => {
    await network?.close();
  });

  const fr = () => actingFor(network.node('FR'), 'FR-CNOM');
  const url = () => network.node('FR').url;
  const password = 'violet lantern across the harbour';

  /** An administrator creates the user (no second factor shown to it); the user's first sign-in shows it, once. */
  async function createUser(roles: string[]): Promise<{ id: string; email: string; code: (at?: number) => string }> {
    const email = `user-${randomUUID().slice(0, 8)}@cnom.example.fr`;
    const created = await fr().post('/users', { email, displayName: 'Claire Martin', roles, password });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, roles, secondFactor: 'pending' });
    expect(JSON.stringify(created.body)).not.toMatch(/otpauth|secret|qrCode/);
    const enrolment = await firstSignIn({ email, password });
    expect(enrolment.status).toBe(200);
    const totp = totpOf(enrolment.body.secret);
    return { id: created.body.id, email, code: (at = Date.now()) => totp.generate({ timestamp: at }) };
  }

  const totpOf = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

  async function firstSignIn(body: object): Promise<{ status: number; body: any; cacheControl: string | null }> {
    const response = await fetch(`${url()}/sessions/enrolment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json(), cacheControl: response.headers.get('cache-control') };
  }

  /** Every user of FR-CNOM, page after page. */
  async function allUsers(query = ''): Promise<any[]> {
    const users: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: any[]; nextCursor: string | null } } = await fr().get(`/users?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`);
      users.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return users;
  }

  async function signIn(body: object): Promise<{ status: number; body: any }> {
    const response = await fetch(`${url()}/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  }

  const withToken = async (path: string, token: string): Promise<{ status: number; body: any }> => {
    const response = await fetch(`${url()}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  };

  it('signs in only with password and a fresh one-time code, and says nothing about which part was wrong', async () => {
    const user = await createUser(['case-handler']);
    const refusals = [
      await signIn({ email: user.email, password: 'wrong password, right code', code: user.code() }),
      await signIn({ email: user.email, password, code: user.code(Date.now() - 5 * 60_000) }),
      await signIn({ email: `nobody-${randomUUID()}@cnom.example.fr`, password, code: user.code() }),
    ];
    for (const refused of refusals) expect(refused).toEqual(refusals[0]);
    expect(refusals[0]).toMatchObject({ status: 401, body: { type: expect.stringContaining('unauthenticated'), detail: 'sign-in failed' } });
    expect((await signIn({ email: user.email, password })).status).toBe(400);

    const code = user.code();
    const signedIn = await signIn({ email: user.email, password, code });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ token: expect.any(String), expiresInMinutes: 15 });
    // A code is good once.
    expect((await signIn({ email: user.email, password, code })).status).toBe(401);
    expect((await signIn({ email: user.email, password, code: user.code(Date.now() + 30_000) })).status).toBe(200);

    const audit = await network.node('FR').db.query(`SELECT action, purpose FROM audit_log WHERE exchange_id = $1 ORDER BY id`, [`user:${user.id}`]);
    expect(audit.map((a) => `${a.action}: ${a.purpose}`)).toEqual([
      'write: user created', 'write: second factor shown at first sign-in', 'sign-in-refused: wrong password', 'sign-in-refused: wrong one-time code',
      'sign-in: sign-in, second factor confirmed',
      'sign-in-refused: one-time code used before', 'sign-in: sign-in',
    ]);
  });

  it('shows a new user\'s second factor once, at the first sign-in with the right password, and never to its administrator', async () => {
    const email = `first-${randomUUID().slice(0, 8)}@cnom.example.fr`;
    const created = await fr().post('/users', { email, displayName: 'Hélène Petit', roles: ['case-handler'], password });
    // Before the first sign-in there is no secret: no code of any authenticator signs in.
    expect((await signIn({ email, password, code: '123456' })).status).toBe(401);
    // The wrong password learns nothing, and counts as a failure.
    expect((await firstSignIn({ email, password: 'not the password at all' })).status).toBe(401);

    const shown = await firstSignIn({ email, password });
    expect(shown).toMatchObject({ status: 200, cacheControl: 'no-store', body: { secret: expect.stringMatching(/^[A-Z2-7]{32}$/), qrCode: expect.stringMatching(/^data:image\/png;base64,/) } });
    expect(shown.body.otpauthUrl).toContain(`secret=${shown.body.secret}`);
    // Shown once: the password's holder is told so, anyone else gets the plain refusal.
    const again = await firstSignIn({ email, password });
    expect(again).toMatchObject({ status: 409, body: { type: expect.stringContaining('conflict') } });
    expect(JSON.stringify(again.body)).not.toContain(shown.body.secret);
    expect((await firstSignIn({ email, password: 'still not the password' })).status).toBe(401);

    // A wrong code does not use the enrolment up; the right one confirms it and signs in.
    const totp = totpOf(shown.body.secret);
    expect((await signIn({ email, password, code: totp.generate({ timestamp: Date.now() - 5 * 60_000 }) })).status).toBe(401);
    expect((await fr().get('/users?status=active&role=case-handler&limit=200')).body.items.find((u: { id: string }) => u.id === created.body.id).secondFactor).toBe('shown');
    expect((await signIn({ email, password, code: totp.generate() })).status).toBe(200);
    expect((await firstSignIn({ email, password })).status).toBe(409);
    expect((await allUsers()).find((u) => u.id === created.body.id).secondFactor).toBe('confirmed');

    const audit = await network.node('FR').db.query(`SELECT action, purpose FROM audit_log WHERE exchange_id = $1 ORDER BY id`, [`user:${created.body.id}`]);
    expect(audit.map((a) => `${a.action}: ${a.purpose}`)).toEqual([
      'write: user created', 'sign-in-refused: first sign-in: wrong password', 'write: second factor shown at first sign-in',
      'sign-in-refused: first sign-in: second factor shown before', 'sign-in-refused: first sign-in: wrong password', 'sign-in-refused: wrong one-time code',
      'sign-in: sign-in, second factor confirmed', 'sign-in-refused: first sign-in: second factor confirmed before',
    ]);
    expect(JSON.stringify(audit)).not.toContain(shown.body.secret);
  });

  it('locks the first sign-in like any sign-in after 5 failures', async () => {
    const email = `locked-${randomUUID().slice(0, 8)}@cnom.example.fr`;
    expect((await fr().post('/users', { email, displayName: 'Marc Leroy', roles: ['case-handler'], password })).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await firstSignIn({ email, password: `wrong password ${i}!` })).status).toBe(401);
    expect((await firstSignIn({ email, password })).status).toBe(401);
  });

  it('lists the authority\'s users a page at a time, newest first, by role and status', async () => {
    const handler = await createUser(['case-handler', 'allocator']);
    const observer = await createUser(['observer']);
    await fr().post(`/users/${observer.id}/deactivate`);
    const all = await allUsers();
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
    expect(all.map((u) => u.createdAt)).toEqual([...all.map((u) => u.createdAt)].sort().reverse());
    expect(all.map((u) => u.id)).toEqual(expect.arrayContaining([handler.id, observer.id]));
    const allocators = await allUsers('&role=allocator&status=active');
    expect(allocators.map((u) => u.id)).toContain(handler.id);
    expect(allocators.every((u) => u.roles.includes('allocator') && u.status === 'active')).toBe(true);
    const former = await allUsers('&status=deactivated');
    expect(former.map((u) => u.id)).toContain(observer.id);
    expect(former.map((u) => u.id)).not.toContain(handler.id);
    // Another authority's users are not listed; a cursor not made by this list is refused.
    expect((await actingFor(network.node('FR'), 'FR-DGCCRF').get('/users?limit=200')).body.items.map((u: { id: string }) => u.id)).not.toContain(handler.id);
    expect((await fr().get('/users?cursor=bm90IGEgY3Vyc29y')).status).toBe(422);
    expect((await fr().get('/users?role=root')).status).toBe(400);
  });

  it('keeps an administrator from deactivating itself or taking its own administrator role away', async () => {
    const token = await sessionFor(network.node('FR'), 'FR-CNOM');
    const self = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub as string;
    expect((await fr().post(`/users/${self}/deactivate`)).status).toBe(409);
    expect((await fr().post(`/users/${self}/roles`, { roles: ['case-handler'] })).status).toBe(409);
    expect((await fr().post(`/users/${self}/roles`, { roles: [...ROLES] })).body).toMatchObject({ id: self, status: 'active' });
    expect((await fr().get('/users?limit=1')).status).toBe(200);
  });

  it.each([
    ['deactivate each other', (other: string) => [`/users/${other}/deactivate`, {}] as const],
    ['take the administrator role from each other', (other: string) => [`/users/${other}/roles`, { roles: ['case-handler'] }] as const],
  ])('keeps an authority with an active administrator when its last two administrators %s at once', async (_, change) => {
    const de = network.node('DE');
    const tokens = [await newSessionFor(de, 'DE-BE-AEK'), await newSessionFor(de, 'DE-BE-AEK')];
    const [a, b] = tokens.map((token) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub as string);
    // A and B are the authority's only administrators.
    await de.db.query(`UPDATE users SET roles = array_remove(roles, 'authority-administrator') WHERE authority_id = 'DE-BE-AEK' AND id <> ALL ($1::uuid[])`, [[a, b]]);
    const post = async (token: string, [path, body]: readonly [string, object]) => {
      const response = await fetch(`${de.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    };
    // Both requests pass the session check, then wait on the rows this transaction holds, and run one after the other.
    let requests: Promise<{ status: number; body: any }[]> | undefined;
    await de.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM users WHERE id = ANY ($1::uuid[]) FOR UPDATE', [[a, b]]);
      requests = Promise.all([post(tokens[0], change(b)), post(tokens[1], change(a))]);
      await eventually(async () => expect(await de.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).toEqual([{ n: 2 }]));
    });
    const results = (await requests!).sort((x, y) => x.status - y.status);
    expect(results.map((r) => r.status)).toEqual([200, 409]);
    expect(results[1].body).toMatchObject({ status: 409, type: 'urn:imi:problem:last-administrator', detail: expect.stringMatching(/at least one active authority-administrator/) });
    const administrators = await de.db.query(`SELECT id FROM users WHERE authority_id = 'DE-BE-AEK' AND status = 'active' AND 'authority-administrator' = ANY (roles)`);
    expect(administrators).toHaveLength(1);
  });

  it('locks an account after 5 failed sign-ins, even against the right password and code', async () => {
    const user = await createUser(['case-handler']);
    for (let i = 0; i < 5; i++) expect((await signIn({ email: user.email, password: `wrong password ${i}!`, code: user.code() })).status).toBe(401);
    expect((await signIn({ email: user.email, password, code: user.code() })).status).toBe(401);
    const [last] = await network.node('FR').db.query(`SELECT purpose FROM audit_log WHERE exchange_id = $1 ORDER BY id DESC LIMIT 1`, [`user:${user.id}`]);
    expect(last.purpose).toBe('account locked');
  });

  it('refuses weak passwords and unknown roles, creating nothing', async () => {
    const before = (await allUsers()).length;
    expect((await fr().post('/users', { email: 'a.b@cnom.example.fr', displayName: 'Anne Bernard', roles: ['case-handler'], password: 'short' })).status).toBe(422);
    expect((await fr().post('/users', { email: 'a.b@cnom.example.fr', displayName: 'Anne Bernard', roles: ['case-handler'], password: 'Bernard password 2026' })).status).toBe(422);
    expect((await fr().post('/users', { email: 'a.b@cnom.example.fr', displayName: 'Anne Bernard', roles: ['root'], password })).status).toBe(422);
    expect((await allUsers()).length).toBe(before);
  });

  it('keeps an address unique within one authority only: creating a user tells nothing about other authorities\' users', async () => {
    const email = `paul.durand-${randomUUID().slice(0, 8)}@example.fr`;
    const body = { email, displayName: 'Paul Durand', roles: ['case-handler'], password };
    const atCnom = await fr().post('/users', body);
    expect(atCnom.status).toBe(201);
    // The administrator sees the address in its own list anyway; a second one is refused, nothing created.
    const count = (await allUsers()).length;
    expect((await fr().post('/users', { ...body, email: email.toUpperCase() })).status).toBe(409);
    expect((await allUsers()).length).toBe(count);
    // Another authority of the same node creates it as if it were new: no trace of the first one.
    const atDgccrf = await actingFor(network.node('FR'), 'FR-DGCCRF').post('/users', body);
    expect(atDgccrf.status).toBe(201);

    // One address, two authorities: the user names the one to act for, also at the first sign-in.
    expect((await firstSignIn({ email, password })).status).toBe(401);
    const cnomSecret = (await firstSignIn({ email, password, authorityId: 'FR-CNOM' })).body.secret;
    const dgccrfSecret = (await firstSignIn({ email, password, authorityId: 'FR-DGCCRF' })).body.secret;
    const code = (secret: string) => totpOf(secret).generate();
    expect((await signIn({ email, password, code: code(cnomSecret) })).status).toBe(401);
    const cnomSession = await signIn({ email, password, code: code(cnomSecret), authorityId: 'FR-CNOM' });
    expect(cnomSession.status).toBe(200);
    const dgccrfSession = await signIn({ email, password, code: code(dgccrfSecret), authorityId: 'FR-DGCCRF' });
    expect(dgccrfSession.status).toBe(200);
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect([claims(cnomSession.body.token).authority, claims(dgccrfSession.body.token).authority]).toEqual(['FR-CNOM', 'FR-DGCCRF']);
  });

  it('routes objections to the data protection contact only, checking the session and the role on every call', async () => {
    const dpo = await createUser(['data-protection-contact']);
    const handler = await createUser(['case-handler']);
    const request = await fr().post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Testperson-Objection', givenNames: 'Lucie' },
    });
    const objection = await fr().post('/subject-requests', { kind: 'objection', exchangeIds: [request.body.id] });
    const dpoToken = (await signIn({ email: dpo.email, password, code: dpo.code() })).body.token;
    const handlerToken = (await signIn({ email: handler.email, password, code: handler.code() })).body.token;

    const listed = await withToken('/subject-requests/objections', dpoToken);
    expect(listed.status).toBe(200);
    expect((listed.body.items ?? listed.body).map((o: { id: string }) => o.id)).toContain(objection.body.id);
    expect((await withToken('/subject-requests/objections', handlerToken)).status).toBe(403);
    expect((await fetch(`${url()}/subject-requests/objections`)).status).toBe(401);
    const forged = await new SignJWT({ authority: 'FR-CNOM', roles: ['data-protection-contact'] }).setProtectedHeader({ alg: 'HS256' })
      .setSubject(dpo.id).setIssuer('imi-node-FR').setAudience('imi-node-FR').setExpirationTime('5m').sign(Buffer.from('not the node key at all, not at all'));
    expect((await withToken('/subject-requests/objections', forged)).status).toBe(401);
    // The node's own key, but past its 15 minutes.
    const expired = await network.node('FR').app!.get(SessionTokens).issue({ userId: dpo.id, authorityId: 'FR-CNOM', roles: ['data-protection-contact'] }, new Date(Date.now() - 16 * 60_000));
    expect((await withToken('/subject-requests/objections', expired)).status).toBe(401);

    // A role taken away or a deactivation counts at once, not when the token expires.
    await fr().post(`/users/${dpo.id}/roles`, { roles: ['case-handler'] });
    expect((await withToken('/subject-requests/objections', dpoToken)).status).toBe(403);
    await fr().post(`/users/${dpo.id}/deactivate`);
    expect((await withToken('/subject-requests/objections', dpoToken)).status).toBe(401);
  });

  it('blocks a former user\'s own data at deactivation and deletes it 3 years later', async () => {
    const user = await createUser(['allocator']);
    const deactivated = await fr().post(`/users/${user.id}/deactivate`);
    expect(deactivated.body).toMatchObject({ status: 'deactivated' });
    expect(deactivated.body.email).toBeUndefined();
    expect((await allUsers()).find((u) => u.id === user.id).displayName).toBeUndefined();
    expect((await signIn({ email: user.email, password, code: user.code() })).status).toBe(401);

    const deactivatedAt = new Date(deactivated.body.deactivatedAt);
    const retention = network.node('FR').app!.get(RetentionService);
    const row = async () => (await network.node('FR').db.query('SELECT email, display_name, password_hash, totp_secret FROM users WHERE id = $1', [user.id]))[0];
    await retention.runOnce(new Date(addMonths(deactivatedAt, 36).getTime() - 1));
    expect((await row()).email).toBe(user.email);
    const run = await retention.runOnce(addMonths(deactivatedAt, 36));
    expect(run.usersDeleted).toBeGreaterThanOrEqual(1);
    expect(await row()).toEqual({ email: null, display_name: null, password_hash: null, totp_secret: null });
    // Done once: the next run has nothing left to delete for this user.
    expect((await retention.runOnce(addMonths(deactivatedAt, 37))).usersDeleted ?? 0).toBe(0);
  });

  it('ends a session on the server at sign-out: its token is refused from then on, also after a restart; other sessions go on', async () => {
    // A fixed key, so tokens outlive the restart below and only the recorded sign-out can refuse one.
    process.env.SESSION_SECRET = `sign-out test ${randomUUID()}`;
    try {
      await network.stopNode('FR');
      await network.startNode('FR');
      const user = await createUser(['case-handler']);
      const ended = (await signIn({ email: user.email, password, code: user.code() })).body.token;
      const other = (await signIn({ email: user.email, password, code: user.code(Date.now() + 30_000) })).body.token;
      expect((await withToken('/catalogue', ended)).status).toBe(200);

      const signOut = await fetch(`${url()}/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${ended}` } });
      expect(signOut.status).toBe(204);
      const refused = await withToken('/catalogue', ended);
      expect(refused).toMatchObject({ status: 401, body: { type: expect.stringContaining('unauthenticated'), detail: 'the session has ended (signed out)' } });
      expect((await withToken('/catalogue', other)).status).toBe(200);

      await network.stopNode('FR');
      await network.startNode('FR');
      expect((await withToken('/catalogue', ended)).status).toBe(401);
      expect((await withToken('/catalogue', other)).status).toBe(200);
      const [audited] = await network.node('FR').db.query(`SELECT action FROM audit_log WHERE exchange_id = $1 AND action = 'sign-out'`, [`user:${user.id}`]);
      expect(audited).toEqual({ action: 'sign-out' });
    } finally {
      delete process.env.SESSION_SECRET;
      await network.stopNode('FR');
      await network.startNode('FR');
    }
  });

  it('serves the REST API over HTTPS only, when a certificate is configured', async () => {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec', notAfterDate: new Date(Date.now() + 86_400_000), extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    const node = network.node('FR');
    await network.stopNode('FR');
    node.config.tls = { cert: Buffer.from(pems.cert), key: Buffer.from(pems.private) };
    try {
      await network.startNode('FR');
      const port = new URL(node.url).port;
      const health = await new Promise<number>((resolve, reject) =>
        httpsGet({ host: '127.0.0.1', port, path: '/health', ca: pems.cert }, (response) => resolve(response.statusCode!)).on('error', reject));
      expect(health).toBe(200);
      // Plain HTTP on the same port gets no answer from the API.
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      // A client that does not trust the certificate refuses the connection.
      await expect(new Promise((resolve, reject) => httpsGet({ host: '127.0.0.1', port, path: '/health' }, resolve).on('error', reject))).rejects.toThrow();
    } finally {
      await network.stopNode('FR');
      delete node.config.tls;
      await network.startNode('FR');
    }
  });
});
