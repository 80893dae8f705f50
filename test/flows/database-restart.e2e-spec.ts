import { Forge, inboxCounts } from './forge';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';
import { PrivatePostgres } from '../stack/private-postgres';

/**
 * The Postgres server dies under traffic (SIGKILL of the postmaster) and comes back: hub and
 * nodes report themselves unready meanwhile, answer 503 rather than 500, and carry on once it
 * is back, losing nothing. They run in this jest process, so a pg client's unhandled 'error'
 * event (the fault this guards against) would end the run.
 */
describe('a database restart under traffic', () => {
  let postgres: PrivatePostgres;
  let network: TestNetwork;
  let hubUrl: string;

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    network = await TestNetwork.start(THREE_NODES, { databaseServerUrl: postgres.url });
    hubUrl = await network.listenHub();
  });

  afterAll(async () => {
    await network?.close();
    await postgres?.remove();
  });

  const readiness = async (url: string) => {
    const response = await fetch(`${url}/health/ready`);
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
  };
  const everyone = () => [hubUrl, ...['FR', 'DE', 'ES'].map((code) => network.node(code).url)];
  const request = (subject: string) => ({
    addresseeAuthorityId: 'DE-BE-AEK',
    legislativeArea: 'professional-qualifications',
    replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    questions: [{ questionId: 'pq.diploma.authentic' }],
    subject: { familyName: subject, givenNames: 'Restart', dateOfBirth: '1980-01-01' },
  });

  it('is ridden out: unready while it is down, every exchange delivered once it is back', async () => {
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    const de = actingFor(network.node('DE'), 'DE-BE-AEK');
    // Signed in before the outage: signing in needs the database.
    await de.get('/requests');
    for (const url of everyone()) expect(await readiness(url)).toMatchObject({ status: 200, body: { status: 'ready' } });

    const before = await fr.post('/requests', request('Testperson-Before'));
    expect(before.status).toBe(201);
    await eventually(async () => expect((await de.get(`/requests/${before.body.id}`)).status).toBe(200));

    // Committed at FR, then the server dies at once: the request may or may not have left FR's outbox.
    const inFlight = await fr.post('/requests', request('Testperson-InFlight'));
    expect(inFlight.status).toBe(201);
    await postgres.kill();

    for (const url of everyone()) {
      const ready = await eventually(async () => {
        const r = await readiness(url);
        expect(r.status).toBe(503);
        return r;
      });
      expect(ready.contentType).toMatch(/^application\/problem\+json/);
      expect(ready.body).toMatchObject({ status: 503, type: 'urn:imi:problem:not-ready', notReady: expect.arrayContaining(['database']) });
      // Liveness is not readiness: the process is up.
      expect((await fetch(`${url}/health`)).status).toBe(200);
    }
    const during = await de.get('/requests');
    expect(during.status).toBe(503);
    expect(during.contentType).toMatch(/^application\/problem\+json/);
    expect(during.body).toMatchObject({ status: 503, type: 'urn:imi:problem:service-unavailable' });

    await postgres.restart();
    for (const url of everyone()) {
      await eventually(async () => expect(await readiness(url)).toMatchObject({ status: 200 }), 90_000);
    }

    // The request in flight arrives, and a new one goes through end to end.
    await eventually(async () => expect((await de.get(`/requests/${inFlight.body.id}`)).status).toBe(200), 90_000);
    const after = await fr.post('/requests', request('Testperson-After'));
    expect(after.status).toBe(201);
    await eventually(async () => expect((await de.get(`/requests/${after.body.id}`)).status).toBe(200), 60_000);
    expect((await de.post(`/requests/${after.body.id}/accept`)).body.state).toBe('accepted');
    await eventually(async () => expect((await fr.get(`/requests/${after.body.id}`)).body.state).toBe('accepted'), 60_000);
    // Each exactly once at DE.
    const ids = [before.body.id, inFlight.body.id, after.body.id];
    expect(await network.node('DE').db.query('SELECT count(*)::int AS n FROM requests WHERE id = ANY($1::uuid[])', [ids])).toEqual([{ n: 3 }]);
  });

  it('keeps the inbox counts, duplicates included, across a node restart', async () => {
    const forge = await Forge.open(network);
    try {
      const envelope = forge.requestSent();
      const message = forge.signed(forge.codec.encodeEnvelope(envelope));
      await forge.send(forge.topics.ingress, message);
      await eventually(async () => expect(await network.node('DE').db.query('SELECT 1 FROM requests WHERE id = $1', [envelope.caseId])).toHaveLength(1));
      const counts = await inboxCounts(network.node('DE').url);
      // A replay straight into the inbox (as the hub delivers it) is dropped and counted.
      await forge.send(forge.topics.inbox('DE'), forge.routedByHub(message));
      await eventually(async () => expect((await inboxCounts(network.node('DE').url)).duplicate).toBe(counts.duplicate + 1));

      await network.stopNode('DE');
      await network.startNode('DE');
      // Not counted from zero again (messages of the last second may be redelivered and counted as duplicates too).
      const afterRestart = await inboxCounts(network.node('DE').url);
      expect(afterRestart.duplicate).toBeGreaterThanOrEqual(counts.duplicate + 1);
      expect(afterRestart.applied).toBeGreaterThanOrEqual(counts.applied);
      const rows = await network.node('DE').db.query<{ outcome: string; messages: string }>('SELECT outcome, sum(messages) AS messages FROM inbox_counts GROUP BY outcome');
      expect(Object.fromEntries(rows.map((r) => [r.outcome, Number(r.messages)]))).toEqual(await inboxCounts(network.node('DE').url));
    } finally {
      await forge.close();
    }
  });
});
