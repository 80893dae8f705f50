import { randomUUID } from 'node:crypto';
import { PrivateRabbitmq } from '../stack/private-rabbitmq';
import { BackOfficeSystemClient, diplomaRequest } from './back-office-client';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';

const person = { familyName: 'Testperson-Outage', givenNames: 'Maël', dateOfBirth: '1975-11-30' };
const newRequest = () => diplomaRequest(person);

/**
 * RabbitMQ goes away and comes back (a broker of this file's own, stopped and started by pid):
 * events written meanwhile wait in the nodes' outboxes, commands wait in their durable quorum
 * queue or are delivered again; afterwards every event arrived once, every command applied once.
 */
describe('back-office bridge across a RabbitMQ outage', () => {
  let broker: PrivateRabbitmq;
  let network: TestNetwork;
  let fr: BackOfficeSystemClient;
  let de: BackOfficeSystemClient;

  beforeAll(async () => {
    broker = await PrivateRabbitmq.start();
    network = await TestNetwork.start(THREE_NODES, { backOffice: { amqpUrl: broker.amqpUrl, amqpManagementUrl: broker.amqpManagementUrl } });
    fr = await BackOfficeSystemClient.connect(network, 'FR', 'FR-CNOM', ['case-handler']);
    de = await BackOfficeSystemClient.connect(network, 'DE', 'DE-BE-AEK', ['case-handler', 'allocator']);
  });

  afterAll(async () => {
    await Promise.all([fr, de].map((c) => c?.close()));
    await network?.close();
    broker?.remove();
  });

  it('delivers every event once and applies every command once', async () => {
    const created = await fr.send('request.create', newRequest());
    const id: string = created.result.id;
    await de.event('request.received', id);

    // Commands queued when the broker stops: FR's node is down, so they wait in the system's durable quorum queue.
    await network.stopNode('FR');
    const queued = Array.from({ length: 10 }, () => randomUUID());
    for (const messageId of queued) await fr.publish('request.create', newRequest(), { messageId });
    broker.stop();

    // Events that happen while the broker is away: DE accepts over REST.
    expect((await actingFor(network.node('DE'), 'DE-BE-AEK').post(`/requests/${id}/accept`)).status).toBe(200);
    const waiting = await network.node('DE').db.query<{ event: string }>('SELECT event FROM back_office_events WHERE subject_id = $1', [id]);
    expect(waiting.map((r) => r.event)).toContain('accepted');

    broker.restart();
    await network.startNode('FR');
    await Promise.all([fr.reopen(), de.reopen()]);

    // Commands in flight when the broker stops again: some applied and acknowledged, some applied
    // but not acknowledged (delivered again, then no-ops), some still queued.
    const inFlight = Array.from({ length: 10 }, () => randomUUID());
    for (const messageId of inFlight) await fr.publish('request.create', newRequest(), { messageId });
    broker.stop();
    broker.restart();
    await Promise.all([fr.reopen(), de.reopen()]);
    const messageIds = [...queued, ...inFlight];

    await de.event('request.accepted', id, 60_000);
    await de.event('request.person-disclosed', id, 60_000);
    await fr.event('request.accepted', id, 60_000);

    // Every command applied once: one idempotency record and one request per message id.
    const frDb = network.node('FR').db;
    await eventually(async () => {
      // The record is written with the change and its result filled in just after: wait for both.
      const applied = await frDb.query<{ n: number }>('SELECT count(*)::int AS n FROM back_office_commands WHERE message_id = ANY($1) AND result IS NOT NULL', [messageIds]);
      expect(applied[0].n).toBe(messageIds.length);
    }, 60_000);
    const results = await frDb.query<{ result: { id: string } }>('SELECT result FROM back_office_commands WHERE message_id = ANY($1)', [messageIds]);
    const requestIds = new Set(results.map((r) => r.result.id));
    expect(requestIds.size).toBe(messageIds.length);
    const requests = await frDb.query<{ n: number }>("SELECT count(*)::int AS n FROM requests WHERE role = 'requester'");
    expect(requests[0].n).toBe(messageIds.length + 1);

    // No event lost: DE's system has the events of the first request and of the 20 others. A
    // publish whose confirmation the outage cut off is sent again (README, Guarantees): a copy
    // carries the same eventId and says the same thing, so a system drops it by that id.
    await eventually(async () => {
      const received = new Set(de.events.filter((e) => e.body.event === 'request.received').map((e) => e.body.eventId));
      expect(received.size).toBe(messageIds.length + 1);
    }, 60_000);
    let copies = 0;
    for (const client of [fr, de]) {
      const first = new Map<string, unknown>();
      for (const { body } of client.events) {
        const what = { event: body.event, id: body.id, authorityId: body.authorityId, occurredAt: body.occurredAt };
        if (first.has(body.eventId)) copies++;
        expect(first.get(body.eventId) ?? what).toEqual(what);
        first.set(body.eventId, what);
      }
    }
    expect([...new Set(de.events.filter((e) => e.body.id === id).map((e) => e.body.event))].sort()).toEqual(['request.accepted', 'request.person-disclosed', 'request.received']);
    process.stdout.write(`back-office outage: ${fr.events.length + de.events.length} events received, ${copies} of them copies\n`);
  });
});
