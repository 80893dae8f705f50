import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { Role, ROLES } from '@imi/domain';
import { createKafka, ensureTopics, grantNodeAccess, subscribeWhenAllowed, topicNames } from '@imi/messaging';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { kafkaCredentials, stackEndpoints } from '../stack/endpoints';
import { actingFor, eventually, newSessionFor, sessionFor } from './http';
import { readAllRecords } from './raw-topics';
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

const CH: Role = 'case-handler';
const AL: Role = 'allocator';
const AD: Role = 'authority-administrator';
const CO: Role = 'coordinator';
const OB: Role = 'observer';
const DP: Role = 'data-protection-contact';

/**
 * Who may call what: every endpoint of a node and the roles it admits. Written out here, apart
 * from the controllers' decorators, so that a change to either shows up as a failing test, and
 * an endpoint added without a line here fails too.
 */
const MATRIX: Record<string, Role[] | 'public'> = {
  'GET /health': 'public',
  'GET /health/ready': 'public',
  // Prometheus scrapes without a session: counts, versions and timings only, labels from closed sets (README, Metrics).
  'GET /metrics': 'public',
  'GET /health/live': 'public',
  'POST /sessions': 'public',
  // The back-office bridge's AsyncAPI document, public like the OpenAPI document.
  'GET /asyncapi.json': 'public',
  'POST /sessions/enrolment': 'public',
  // Sign-out: ends the caller's own session, whatever its roles.
  'DELETE /sessions/current': ROLES as Role[],
  // Organisation data: any signed-in user.
  'GET /authorities': ROLES as Role[],
  'GET /catalogue': ROLES as Role[],
  'GET /catalogue/:area': ROLES as Role[],
  'GET /directory': ROLES as Role[],
  // The registration chain: the member state's coordinators.
  'POST /registrations': [CO],
  'GET /registrations': [CO],
  'GET /registrations/:id': [CO],
  'PATCH /registrations/:id': [CO],
  'POST /registrations/:id/validate': [CO],
  'POST /registrations/:id/suspend': [CO],
  'POST /registrations/:id/reinstate': [CO],
  'POST /registrations/:id/remove': [CO],
  // The authority's own users.
  'POST /users': [AD],
  'GET /users': [AD],
  'POST /users/:id/roles': [AD],
  'POST /users/:id/deactivate': [AD],
  // Anonymised counts only.
  'GET /statistics': [CO, OB, DP, AD],
  // A checkpoint of the audit chain at the hub: positions and hashes, no personal data.
  'POST /audit/checkpoints': [DP, AD],
  // Information requests: allocators triage incoming ones (accept, reject, forward inside the state).
  'POST /requests': [CH],
  'GET /requests': [CH, AL],
  'GET /requests/observed': [OB, CO],
  'GET /requests/escalated': [CO],
  'GET /requests/urgent': [CH, AL],
  'GET /requests/:id': [CH, AL],
  'POST /requests/:id/accept': [CH, AL],
  'POST /requests/:id/reject': [CH, AL],
  'POST /requests/:id/forward': [CH, AL],
  'POST /requests/:id/answer': [CH],
  'POST /requests/:id/close': [CH],
  'POST /requests/:id/reply-date': [CH],
  'POST /requests/:id/reply-date/response': [CH],
  'POST /requests/:id/further-information': [CH],
  'POST /requests/:id/accept-answer': [CH],
  'POST /requests/:id/attachments': [CH],
  'GET /requests/:id/attachments/:attachmentId': [CH],
  // Alerts and notifications: coordinators receive them first and distribute them.
  'POST /alerts': [CH],
  'GET /alerts': [CH, CO],
  'GET /alerts/urgent': [CH, CO],
  'GET /alerts/:id': [CH, CO],
  'POST /alerts/:id/rectify': [CH],
  'POST /alerts/:id/withdraw': [CH],
  'POST /alerts/:id/close': [CH],
  'POST /alerts/:id/later-decision': [CH],
  'POST /alerts/:id/read': [CH, CO],
  'POST /alerts/:id/acknowledge': [CH, CO],
  'POST /alerts/:id/distribute': [CO],
  // Proof of exchange; blocked personal data comes back only to the data protection contact.
  'GET /requests/:id/proof-of-exchange': [CH, DP],
  'GET /alerts/:id/proof-of-exchange': [CH, DP],
  'POST /requests/:id/proof-of-exchange/personal-data': [DP],
  'POST /alerts/:id/proof-of-exchange/personal-data': [DP],
  // Data subjects' rights.
  'POST /access-reports': [DP],
  'POST /subject-requests': [CH, DP],
  'GET /subject-requests': [CH, DP],
  'GET /subject-requests/objections': [DP],
  'GET /subject-requests/urgent': [CH, DP],
  'GET /subject-requests/:id': [CH, DP],
  'POST /subject-requests/:id/decision': [CH, DP],
  'POST /requests/:id/early-deletion': [CH, DP],
  'POST /alerts/:id/early-deletion': [CH, DP],
  'GET /early-deletions': [CH, DP],
  'GET /early-deletions/:id': [CH, DP],
  'POST /early-deletions/:id/answer': [CH, DP],
};

/** The routes the running node really serves, as "METHOD /path" (Express 5 router). */
function servedRoutes(network: TestNetwork): string[] {
  const express = network.node('FR').app!.getHttpAdapter().getInstance();
  const routes: string[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${layer.route.path}`);
  }
  return routes.filter((r) => !r.includes('/api-docs'));
}

const concrete = (path: string) => path.replace(':area', 'services').replace(/:[a-zA-Z]+/g, () => randomUUID());

/** Every endpoint × role, plus need-to-know by authority and legislative area. */
describe('access control', () => {
  let network: TestNetwork;

  beforeAll(async () => {
    network = await TestNetwork.start(PLAN);
  });

  afterAll(async () => {
    await network?.close();
  });

  async function call(route: string, token: string | null): Promise<{ status: number; detail?: string }> {
    const [method, path] = route.split(' ');
    const response = await fetch(`${network.node('FR').url}${concrete(path)}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: method === 'POST' ? '{}' : undefined,
    });
    const text = await response.text();
    return { status: response.status, detail: text.startsWith('{') ? JSON.parse(text).detail : undefined };
  }

  it('has a line in the matrix for every endpoint the node serves, and no line for one it does not', () => {
    expect(servedRoutes(network).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('refuses every endpoint but sign-in and health without a session', async () => {
    for (const [route, admitted] of Object.entries(MATRIX)) {
      const { status } = await call(route, null);
      expect({ route, unauthenticated: status === 401 }).toEqual({ route, unauthenticated: admitted !== 'public' });
    }
  });

  it('admits each role exactly where the matrix says, and refuses it everywhere else', async () => {
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const role of ROLES) {
      const token = await sessionFor(network.node('FR'), 'FR-CNOM', [role]);
      for (const [route, admitted] of Object.entries(MATRIX)) {
        if (admitted === 'public') continue;
        // Signing out ends the session it is called with: a session of its own, so the shared one goes on.
        const { status, detail } = await call(route, route === 'DELETE /sessions/current' ? await newSessionFor(network.node('FR'), 'FR-CNOM', [role]) : token);
        // Admitted calls fail further on (unknown ids, empty bodies); what matters is that the role check let them through.
        const refusedByRole = status === 403 && /^requires the role/.test(detail ?? '');
        outcomes.push(`${role} ${route}: ${status === 401 ? 'unauthenticated' : refusedByRole ? 'refused' : 'admitted'}`);
        expected.push(`${role} ${route}: ${admitted.includes(role) ? 'admitted' : 'refused'}`);
      }
    }
    expect(outcomes).toEqual(expected);
  });

  it('keeps need-to-know inside a role: another authority of the node, another legislative area, an unknown authority', async () => {
    const cnom = actingFor(network.node('FR'), 'FR-CNOM', undefined, [CH]);
    const dgccrf = actingFor(network.node('FR'), 'FR-DGCCRF', undefined, [CH]);
    const created = await cnom.post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Testperson-Matrix', givenNames: 'Jeanne' },
    });
    expect(created.status).toBe(201);
    // Same role, same node, other authority: as if the request did not exist.
    expect((await dgccrf.get(`/requests/${created.body.id}`)).status).toBe(404);
    expect((await dgccrf.get('/requests')).body.items.map((r: { id: string }) => r.id)).not.toContain(created.body.id);
    // An area the authority is not registered for: refused, nothing created.
    const before = (await dgccrf.get('/requests')).body.items.length;
    const outsideArea = await dgccrf.post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Testperson-Matrix', givenNames: 'Jeanne' },
    });
    expect(outsideArea.status).toBe(422);
    expect(outsideArea.body.detail).toMatch(/professional-qualifications/);
    expect((await dgccrf.get('/requests')).body.items.length).toBe(before);
    // A user of an authority the trust list does not name for this node (here: another state's) acts for nothing.
    const foreign = actingFor(network.node('FR'), 'DE-BE-AEK', undefined, [CH]);
    expect((await foreign.get('/requests')).status).toBe(403);
  });

  /** What a consumer with `who`'s Kafka credentials gets from `topic`: 'read', or the broker's refusal. */
  async function firstRead(who: string, topic: string, groupId: string, password?: string): Promise<string> {
    const credentials = kafkaCredentials(who)!;
    const kafka = createKafka(stackEndpoints().kafkaBrokers, `probe-${who}`, password ? { ...credentials, password } : credentials);
    const consumer = kafka.consumer({ groupId, retry: { retries: 0 } });
    // kafkajs reports a refusal by its protocol error type, or wrapped (with the broker's message) when the consumer crashes.
    const outcome = (error: any) => [error?.type, error?.cause?.type, error?.name, error?.message].filter(Boolean).join(' ');
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      return await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('nothing read'), 20_000);
        const done = (result: string) => {
          clearTimeout(timer);
          resolve(result);
        };
        consumer.on(consumer.events.CRASH, (event) => done(outcome(event.payload.error)));
        consumer.run({ eachMessage: async () => done('read') }).catch((error) => done(outcome(error)));
      });
    } catch (error) {
      return outcome(error);
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  }

  it('holds each node to its own topics on Kafka: FR reads its inbox, never DE\'s, and cannot write into it', async () => {
    expect(stackEndpoints().kafkaCredentialsFile).toBeDefined();
    const topics = topicNames(network.prefix);
    // Traffic both ways, so both inboxes hold messages.
    const sent = await actingFor(network.node('FR'), 'FR-CNOM', undefined, [CH]).post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Testperson-Kafka', givenNames: 'Marc' },
    });
    await eventually(async () => expect((await actingFor(network.node('DE'), 'DE-BE-AEK', undefined, [CH]).get(`/requests/${sent.body.id}`)).status).toBe(200));
    const own = `${network.prefix}node.FR.probe-${randomUUID()}`;

    expect(await firstRead('FR', topics.inbox('FR'), own)).toBe('read');
    const topicRefused = /TOPIC_AUTHORIZATION_FAILED|Topic authorization failed/;
    expect(await firstRead('FR', topics.inbox('DE'), own)).toMatch(topicRefused);
    expect(await firstRead('FR', topics.ingress, own)).toMatch(topicRefused);
    // DE's consumer groups are DE's: DE may use one, FR may not (kafkajs reports the broker's
    // group refusal as "no coordinator found"; DE's success on the same group id shows why).
    const deGroup = `${network.prefix}node.DE.probe-${randomUUID()}`;
    expect(await firstRead('DE', topics.inbox('DE'), deGroup)).toBe('read');
    expect(await firstRead('FR', topics.inbox('FR'), deGroup)).toMatch(/GROUP_AUTHORIZATION_FAILED|group coordinator/i);
    // The right user name with a wrong password does not get in at all.
    expect(await firstRead('FR', topics.inbox('FR'), own, 'not the password')).toMatch(/SASL|Authentication/i);

    const producer = createKafka(stackEndpoints().kafkaBrokers, 'probe-FR', kafkaCredentials('FR')).producer({ retry: { retries: 0 }, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const forged = producer.send({ topic: topics.inbox('DE'), messages: [{ key: 'x', value: 'written by FR, not by the hub' }] });
      await expect(forged).rejects.toThrow(topicRefused);
    } finally {
      await producer.disconnect();
    }
    const records = await readAllRecords(network.prefix);
    expect(records.filter((r) => r.topic === topics.inbox('DE')).length).toBeGreaterThan(0);
    expect(records.some((r) => r.value?.toString('utf8').includes('written by FR'))).toBe(false);
  });
  it('lets a node started before the hub granted it wait for the grant, and gives up on a node never granted', async () => {
    const topics = topicNames(network.prefix);
    const consumerOf = (who: string) =>
      createKafka(stackEndpoints().kafkaBrokers, `probe-${who}`, kafkaCredentials(who)).consumer({ groupId: `${network.prefix}node.${who}.probe-${randomUUID()}` });
    const early = consumerOf('PT');
    const never = consumerOf('IT');
    await Promise.all([early.connect(), never.connect()]);
    try {
      let subscribed = false;
      const waiting = subscribeWhenAllowed(early, { topic: topics.inbox('PT'), fromBeginning: true }, 60_000).then(() => (subscribed = true));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(subscribed).toBe(false); // PT is in no trust list of this network yet

      // What the hub does when a trust list first names a node.
      const admin = createKafka(stackEndpoints().kafkaBrokers, 'probe-admin', kafkaCredentials('admin')).admin();
      await admin.connect();
      try {
        await ensureTopics(admin, [{ topic: topics.inbox('PT') }]);
        await grantNodeAccess(admin, network.prefix, ['PT']);
      } finally {
        await admin.disconnect();
      }
      await waiting;
      expect(subscribed).toBe(true);

      await expect(subscribeWhenAllowed(never, { topic: topics.inbox('IT'), fromBeginning: true }, 1_500)).rejects.toThrow(/authorization/i);
    } finally {
      await Promise.all([early.disconnect(), never.disconnect()]);
    }
  });
});
