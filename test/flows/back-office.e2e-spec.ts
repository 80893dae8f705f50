import { randomUUID } from 'node:crypto';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { Contract } from '../../apps/node/src/back-office/contract';
import { connect } from 'amqplib';
import { removeSystem } from '../../apps/node/src/back-office/provisioning';
import { RabbitmqManagement } from '../../apps/node/src/back-office/rabbitmq-management';
import { DEAD_LETTER_QUEUE } from '../../apps/node/src/back-office/topology';
import { BackOfficeSystemClient, diplomaRequest } from './back-office-client';
import { dumpDatabase } from './database-dump';
import { actingFor, eventually } from './http';
import { TestNetwork } from './network';

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] }] },
    {
      code: 'FR',
      authorities: [
        { id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] },
        { id: 'FR-DGCCRF', name: 'DGCCRF', legislativeAreas: ['professional-qualifications', 'services'] },
      ],
    },
  ],
};

/** Tables that Kafka deliveries and the event publisher change by themselves, whatever a command does. */
const ASYNC_TABLES = ['deliveries', 'inbox_messages', 'inbox_counts', 'outbox_messages', 'back_office_events'];

const person = { familyName: 'Testperson-Amqp', givenNames: 'Zoé-Lou', dateOfBirth: '1981-07-02', registerNumber: 'RPPS-10009998887' };
const newRequest = () => diplomaRequest(person);

/**
 * The back-office bridge over real RabbitMQ, Kafka and Postgres: two national systems play
 * the request flow with AMQP commands and events only, and bad input is refused and
 * dead-lettered without changing anything.
 */
describe('back-office bridge (AMQP)', () => {
  let network: TestNetwork;
  let fr: BackOfficeSystemClient;
  let de: BackOfficeSystemClient;
  let dgccrf: BackOfficeSystemClient;

  beforeAll(async () => {
    network = await TestNetwork.start(PLAN, { backOffice: true });
    fr = await BackOfficeSystemClient.connect(network, 'FR', 'FR-CNOM', ['case-handler']);
    de = await BackOfficeSystemClient.connect(network, 'DE', 'DE-BE-AEK', ['case-handler', 'allocator']);
    dgccrf = await BackOfficeSystemClient.connect(network, 'FR', 'FR-DGCCRF', ['case-handler'], 'dgccrf');
  });

  afterAll(async () => {
    await Promise.all([fr, de, dgccrf].map((c) => c?.close()));
    await network?.close();
  });

  it('plays the request flow between two systems; each node ends as after the REST flow', async () => {
    const created = await fr.send('request.create', newRequest());
    expect(created).toMatchObject({ status: 'applied', operation: 'request.create', result: { state: 'sent', role: 'requester' } });
    const id: string = created.result.id;

    // DE's system hears of the request, never of the person before accepting.
    const received = await de.event('request.received', id);
    expect(received.routingKey).toBe('DE-BE-AEK.request.received');
    expect(received.body).toMatchObject({ authorityId: 'DE-BE-AEK', state: 'sent', content: { requesterAuthorityId: 'FR-CNOM', legislativeArea: 'professional-qualifications' } });
    expect(JSON.stringify(received.body)).not.toContain(person.familyName);
    expect(received.body.content.subject).toBeUndefined();

    expect(await de.send('request.accept', { requestId: id })).toMatchObject({ status: 'applied', result: { state: 'accepted' } });
    const disclosed = await de.event('request.person-disclosed', id);
    expect(disclosed.body.content.subject).toMatchObject(person);
    expect(disclosed.routingKey).toBe('DE-BE-AEK.request.person-disclosed');
    await fr.event('request.accepted', id);

    const answered = await de.send('request.answer', { requestId: id, final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] });
    expect(answered).toMatchObject({ status: 'applied', result: { state: 'answered' } });
    const onFr = await fr.event('request.answered', id);
    expect(onFr.body.content.answers).toEqual([{ questionId: 'pq.diploma.authentic', answer: 'yes', final: true }]);

    expect(await fr.send('request.close', { requestId: id })).toMatchObject({ status: 'applied', result: { state: 'closed' } });
    await de.event('request.closed', id);

    // The same state as over REST, on both nodes, read over REST.
    const frView = (await actingFor(network.node('FR'), 'FR-CNOM').get(`/requests/${id}`)).body;
    const deView = (await actingFor(network.node('DE'), 'DE-BE-AEK').get(`/requests/${id}`)).body;
    expect(frView).toMatchObject({ state: 'closed', role: 'requester', subject: { ...person } });
    expect(deView).toMatchObject({ state: 'closed', role: 'addressee', subject: { ...person } });
    expect(frView.history.map((h: { type: string }) => h.type)).toEqual(['sent', 'accepted', 'answered', 'closed']);
    expect(deView.history.map((h: { type: string }) => h.type)).toEqual(['sent', 'accepted', 'answered', 'closed']);

    // Each system heard its side of the story, in order.
    expect(de.events.filter((e) => e.body.id === id).map((e) => e.body.event))
      .toEqual(['request.received', 'request.accepted', 'request.person-disclosed', 'request.answered', 'request.closed']);
    expect(fr.events.filter((e) => e.body.id === id).map((e) => e.body.event)).toEqual(['request.sent', 'request.accepted', 'request.answered', 'request.closed']);

    // No personal data in AMQP headers.
    for (const event of [...fr.events, ...de.events]) expect(JSON.stringify(event.headers)).not.toContain(person.familyName);
    // Every event arrived once.
    const ids = [...fr.events, ...de.events].map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('applies a command at most once per message id', async () => {
    const messageId = randomUUID();
    const first = await fr.send('request.create', newRequest(), messageId);
    const again = await fr.send('request.create', newRequest(), messageId);
    expect(first.status).toBe('applied');
    expect(again).toMatchObject({ status: 'duplicate', result: { id: first.result.id, state: 'sent' } });
    const rows = await network.node('FR').db.query("SELECT count(*)::int AS n FROM requests WHERE role = 'requester'");
    const recorded = await network.node('FR').db.query('SELECT count(*)::int AS n FROM back_office_commands WHERE message_id = $1', [messageId]);
    expect(recorded[0].n).toBe(1);
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('refuses each class of bad input with problem details and a dead letter, and changes nothing', async () => {
    const node = network.node('FR');
    const existing: string = (await fr.send('request.create', newRequest())).result.id;
    await de.event('request.received', existing);
    // What the commands could change; receipts and events of earlier exchanges arrive on their own.
    const state = async () => JSON.parse(await dumpDatabase(node.db)) as Record<string, unknown>;
    // The audit log's entries count; their chain hashes are sealed by a background job.
    const settled = (dump: Record<string, unknown>) => Object.fromEntries(Object.entries(dump).filter(([table]) => !ASYNC_TABLES.includes(table))
      .map(([table, rows]) => [table, table === 'audit_log' ? (rows as { id: string; action: string; exchange_id: string }[]).map((r) => [r.id, r.action, r.exchange_id]) : rows]));
    const before = settled(await state());
    const cases: { reason: string; status: number; send: () => Promise<string> }[] = [
      { reason: 'malformed', status: 400, send: () => fr.publish('request.create', undefined, { raw: Buffer.from('{"addresseeAuthorityId": ') }) },
      { reason: 'schema', status: 422, send: () => fr.publish('request.create', { ...newRequest(), questions: 'all of them', surprise: true }) },
      { reason: 'unknown-operation', status: 400, send: () => fr.publish('request.delete', { requestId: existing }) },
      { reason: 'missing-message-id', status: 400, send: () => fr.publish('request.close', { requestId: existing }, { messageId: null }) },
      // Refused by the rules: a role the system lacks (distribution is a coordinator's), a move of the other party, an addressee at home.
      { reason: 'forbidden', status: 403, send: () => fr.publish('alert.distribute', { alertId: randomUUID(), authorityIds: ['FR-DGCCRF'] }) },
      { reason: 'refused', status: 409, send: () => fr.publish('request.answer', { requestId: existing, final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] }) },
      { reason: 'refused', status: 422, send: () => fr.publish('request.create', { ...newRequest(), addresseeAuthorityId: 'FR-DGCCRF' }) },
      // A field unknown inside the person: the OpenAPI schema of a nested DTO is closed too (as the ValidationPipe refuses it), so the contract refuses it first.
      { reason: 'schema', status: 422, send: () => fr.publish('request.create', { ...newRequest(), subject: { ...person, shoeSize: 44 } }) },
    ];
    const management = new RabbitmqManagement(network.amqpBroker().amqpManagementUrl);
    for (const c of cases) {
      const correlationId = await c.send();
      const reply = await fr.reply(correlationId);
      expect({ reason: c.reason, status: reply.status, problemStatus: reply.problem?.status, type: reply.problem?.type })
        .toEqual({ reason: c.reason, status: 'refused', problemStatus: c.status, type: expect.stringMatching(/^urn:imi:problem:/) });
      expect(JSON.stringify(fr.replyHeaders.get(correlationId))).not.toContain(person.familyName);
    }
    const letters = await eventually(async () => {
      const got = await management.getMessages(node.amqpVhost!, DEAD_LETTER_QUEUE, 50);
      expect(got.length).toBeGreaterThanOrEqual(cases.length);
      return got;
    });
    const reasons = letters.map((m) => (m.properties.headers as Record<string, unknown>)['x-imi-reason']).sort();
    expect(reasons).toEqual(cases.map((c) => c.reason).sort());
    for (const letter of letters) expect(JSON.stringify(letter.properties.headers)).not.toContain(person.familyName);
    expect(settled(await state())).toEqual(before);
  });

  it("tells the addressee's system once that a reply date approaches", async () => {
    const created = await fr.send('request.create', { ...newRequest(), replyBy: new Date(Date.now() + 86_400_000).toISOString() });
    const id: string = created.result.id;
    const notice = await de.event('request.deadline-approaching', id);
    expect(notice.routingKey).toBe('DE-BE-AEK.request.deadline-approaching');
    expect(notice.body).toMatchObject({ state: 'sent', detail: { replyBy: expect.any(String) } });
    // Once per request and reply date: the notice is recorded with the event.
    const notices = await network.node('DE').db.query('SELECT reply_by FROM back_office_deadline_notices WHERE request_id = $1', [id]);
    expect(notices).toHaveLength(1);
    expect(de.events.filter((e) => e.body.event === 'request.deadline-approaching' && e.body.id === id)).toHaveLength(1);
    expect(fr.events.filter((e) => e.body.event === 'request.deadline-approaching')).toEqual([]);
  });

  it("tells the sender's system when the hub or the other node rejects one of its messages", async () => {
    const created = await fr.send('request.create', newRequest());
    const id: string = created.result.id;
    const frDb = network.node('FR').db;
    const [{ message_id: sent }] = await frDb.query("SELECT message_id FROM outbox_messages WHERE message_key = $1 ORDER BY id LIMIT 1", [id]);
    // As the rejections handler records a signed message.rejected (the rejection itself is tested with the messaging).
    await frDb.query("INSERT INTO rejections_received (message_id, rejected_message_id, rejected_by, code, reason) VALUES ($1, $2, 'DE', 'invalid-content', 'for the test')",
      [randomUUID(), sent]);
    const rejected = await fr.event('request.message-rejected', id);
    expect(rejected.routingKey).toBe('FR-CNOM.request.message-rejected');
    expect(rejected.body.detail).toEqual({ code: 'invalid-content', rejectedBy: 'DE', rejectedMessageId: sent });
  });

  it("refuses FR-DGCCRF's system acting on FR-CNOM's request, as REST does", async () => {
    const created = await fr.send('request.create', newRequest());
    const refused = await dgccrf.send('request.close', { requestId: created.result.id });
    expect(refused).toMatchObject({ status: 'refused', problem: { status: 404 } });
    const rest = await actingFor(network.node('FR'), 'FR-DGCCRF').post(`/requests/${created.result.id}/close`);
    expect(rest.status).toBe(refused.problem!.status);
    expect((await network.node('FR').db.query('SELECT state FROM requests WHERE id = $1', [created.result.id]))[0].state).toBe('sent');
    // Nor can it read FR-CNOM's events or write to FR-CNOM's system's command exchange.
    expect(dgccrf.events.filter((e) => e.body.authorityId !== 'FR-DGCCRF')).toEqual([]);
  });

  it("sends, acknowledges, rectifies and withdraws a notification between systems; the recipient's system hears of each", async () => {
    const sent = await de.send('alert.send', {
      kind: 'notification', legislativeArea: 'professional-qualifications', recipients: { authorityIds: ['FR-CNOM'] },
      content: { subject: 'Diploma fraud ring', text: 'Forged diplomas of the Charité circulate.' },
    });
    expect(sent).toMatchObject({ status: 'applied', result: { role: 'sender', state: 'open' } });
    const id: string = sent.result.id;
    const received = await fr.event('alert.received', id);
    expect(received.routingKey).toBe('FR-CNOM.alert.received');
    expect(received.body.content).toMatchObject({ kind: 'notification', senderAuthorityId: 'DE-BE-AEK', version: 1, alert: { subject: 'Diploma fraud ring' } });
    expect(await fr.send('alert.acknowledge', { alertId: id })).toMatchObject({ status: 'applied' });
    expect(await de.send('alert.rectify', { alertId: id, content: { subject: 'Diploma fraud ring', text: 'Forged diplomas of two universities circulate.' } }))
      .toMatchObject({ status: 'applied', result: { version: 2 } });
    expect((await fr.event('alert.rectified', id)).body).toMatchObject({ state: 'open', detail: { version: 2 } });
    expect(await de.send('alert.withdraw', { alertId: id, reason: 'sent in error' })).toMatchObject({ status: 'applied', result: { state: 'withdrawn' } });
    expect((await fr.event('alert.withdrawn', id)).body.state).toBe('withdrawn');
  });

  it("records and grants a data subject's rectification over AMQP; the other party's system hears it was applied there", async () => {
    const created = await fr.send('request.create', newRequest());
    const id: string = created.result.id;
    // DE can accept only once the request has crossed the hub: its system hears it first.
    await de.event('request.received', id);
    expect(await de.send('request.accept', { requestId: id })).toMatchObject({ status: 'applied' });
    await de.event('request.person-disclosed', id);
    const recorded = await fr.send('subject-request.create', { kind: 'rectification', exchangeIds: [id], corrections: { givenNames: 'Zoé-Louise' } });
    expect(recorded).toMatchObject({ status: 'applied', result: { state: 'open', kind: 'rectification' } });
    expect(await fr.send('subject-request.decide', { subjectRequestId: recorded.result.id, grant: true })).toMatchObject({ status: 'applied', result: { state: 'granted' } });
    await fr.event('request.subject-rectification-granted', id);
    await de.event('request.subject-rectification-propagated', id);
    await eventually(async () => expect((await actingFor(network.node('DE'), 'DE-BE-AEK').get(`/requests/${id}`)).body.subject.givenNames).toBe('Zoé-Louise'));
  });

  it('sends events and replies that match the schemas of the AsyncAPI document', () => {
    const contract = new Contract();
    const events = [...fr.events, ...de.events, ...dgccrf.events];
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => !contract.event(e.body)).map((e) => e.body.event)).toEqual([]);
    const replies = [...fr.replies.values(), ...de.replies.values(), ...dgccrf.replies.values()];
    expect(replies.filter((r) => !contract.reply(r))).toEqual([]);
  });

  it('disconnects a removed system: its AMQP user is gone', async () => {
    const management = new RabbitmqManagement(network.amqpBroker().amqpManagementUrl);
    expect(await removeSystem(network.node('FR').db, management, dgccrf.id)).toBe(true);
    await expect(connect(dgccrf.url)).rejects.toThrow(/ACCESS_REFUSED|403/);
    expect(await removeSystem(network.node('FR').db, management, dgccrf.id)).toBe(false);
  });

  it('serves the AsyncAPI document of the bridge', async () => {
    const response = await fetch(`${network.node('FR').url}/asyncapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { asyncapi: string; components: { messages: Record<string, unknown> } };
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.keys(document.components.messages)).toEqual(expect.arrayContaining(['command.request.create', 'event.request.received', 'reply']));
  });
});
