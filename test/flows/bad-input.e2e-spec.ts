import { randomUUID } from 'node:crypto';
import { Envelope, MAX_VALUE_BYTES, TrustStore } from '@imi/envelope';
import { RegistryRepository } from '../../apps/hub/src/registry/registry.repository';
import { frame } from '@imi/envelope';
import { InboundProcessor } from '../../apps/node/src/messaging/inbound.processor';
import { Forge, inboxCounts, RejectionNotices } from './forge';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';

/** Bad input gets a clear error or a signed rejection, and changes nothing. */
describe('bad input between nodes', () => {
  let network: TestNetwork;
  let forge: Forge;
  let notices: RejectionNotices;

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
    forge = await Forge.open(network);
    notices = await RejectionNotices.watch(forge);
  });

  afterAll(async () => {
    await notices?.close();
    await forge?.close();
    await network?.close();
  });

  const deRequests = async () => (await network.node('DE').db.query('SELECT count(*)::int AS n FROM requests'))[0].n as number;
  const frRejections = async (code: string) =>
    (await network.node('FR').db.query('SELECT count(*)::int AS n FROM rejections_received WHERE code = $1', [code]))[0].n as number;

  it('routes and applies a well-formed forged message (control case)', async () => {
    const envelope = forge.requestSent();
    await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(envelope)));
    await eventually(async () => expect(await network.node('DE').db.query('SELECT 1 FROM requests WHERE id = $1', [envelope.caseId])).toHaveLength(1));
  });

  it('rejects a tampered value at the hub, and the recipient ignores it if it arrives directly', async () => {
    const before = await deRequests();
    const message = forge.signed(forge.codec.encodeEnvelope(forge.requestSent()));
    const tampered = Buffer.from(message.value);
    tampered[tampered.length - 3] ^= 0x01;
    await forge.send(forge.topics.ingress, { ...message, value: tampered });
    expect(await notices.for(message.key)).toMatchObject({ code: 'bad-signature', senderNode: null });

    const counts = await inboxCounts(network.node('DE').url);
    await forge.send(forge.topics.inbox('DE'), { ...message, value: tampered });
    await eventually(async () => expect((await inboxCounts(network.node('DE').url)).ignored).toBe(counts.ignored + 1));
    expect(await deRequests()).toBe(before);
  });

  it('rejects a message signed by an unknown key', async () => {
    const message = forge.signed(forge.codec.encodeEnvelope(forge.requestSent()), 'FR', true);
    await forge.send(forge.topics.ingress, message);
    expect(await notices.for(message.key)).toMatchObject({ code: 'unknown-key', senderNode: null });
  });

  it('applies a replayed message id once, whether replayed through the hub or straight into the inbox', async () => {
    const envelope = forge.requestSent();
    const message = forge.signed(forge.codec.encodeEnvelope(envelope));
    await forge.send(forge.topics.ingress, message);
    await eventually(async () => expect(await network.node('DE').db.query('SELECT 1 FROM requests WHERE id = $1', [envelope.caseId])).toHaveLength(1));
    const counts = await inboxCounts(network.node('DE').url);

    await forge.send(forge.topics.ingress, message);
    await eventually(async () => expect((await inboxCounts(network.node('DE').url)).duplicate).toBe(counts.duplicate + 1));
    const [state] = await network.node('DE').db.query('SELECT state, version FROM requests WHERE id = $1', [envelope.caseId]);
    expect(state).toEqual({ state: 'sent', version: 1 });
    expect(await network.node('DE').db.query('SELECT outcome FROM inbox_messages WHERE message_id = $1', [envelope.messageId])).toEqual([{ outcome: 'applied' }]);
  });

  it.each([
    ['garbage bytes', () => Buffer.from('not avro at all, just text'), 'malformed'],
    ['an unknown schema id', () => frame(987654, Buffer.from([1, 2, 3])), 'unknown-schema'],
    ['an oversize value', () => Buffer.alloc(MAX_VALUE_BYTES + 1, 7), 'oversize'],
    ['a recipient that does not exist', () => forge.codec.encodeEnvelope(forge.requestSent({ recipientNodes: ['XX'] })), 'unknown-recipient'],
    ['no recipient at all', () => forge.codec.encodeEnvelope(forge.requestSent({ recipientNodes: [] })), 'unknown-recipient'],
    ['a sender claiming to be another node', () => forge.codec.encodeEnvelope(forge.requestSent({ senderNode: 'ES' })), 'sender-mismatch'],
    ['an authority of another node', () => forge.codec.encodeEnvelope(forge.requestSent({ senderAuthority: 'DE-BE-AEK' })), 'unknown-sender'],
    ['a message id that is not a UUID', () => forge.codec.encodeEnvelope(forge.requestSent({ messageId: 'not-a-uuid' })), 'malformed'],
    ['a personal-data type in clear', () => forge.codec.encodeEnvelope(forge.requestSent({ bodyEncoding: 'PLAIN' } as Partial<Envelope>)), 'unsealed-body'],
  ])('rejects %s from a known sender, and tells the sender with a signed rejection', async (_, value, code) => {
    const before = await deRequests();
    const rejectionsBefore = await frRejections(code);
    const message = forge.signed(value());
    await forge.send(forge.topics.ingress, message);
    expect(await notices.for(message.key)).toMatchObject({ code, senderNode: 'FR' });
    await eventually(async () => expect(await frRejections(code)).toBe(rejectionsBefore + 1));
    expect(await deRequests()).toBe(before);
  });

  it('answers a message the recipient cannot apply with a signed rejection', async () => {
    // Well formed and routed, but it accepts a request DE never received.
    const requestId = randomUUID();
    const body = forge.codec.encodeBody('request.accepted', { requestId, acceptedAt: Date.now() });
    const envelope = forge.requestSent({ type: 'request.accepted', caseId: requestId, body: forge.crypto('FR').sealFor(body, ['DE']) });
    const before = await frRejections('unknown-case');
    await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(envelope)));
    await eventually(async () => expect(await frRejections('unknown-case')).toBe(before + 1));
    const [row] = await network.node('DE').db.query('SELECT outcome, rejection_code FROM inbox_messages WHERE message_id = $1', [envelope.messageId]);
    expect(row).toEqual({ outcome: 'rejected', rejection_code: 'unknown-case' });
  });

  it('applies a batch whose middle message fails after writing: the others apply once (a copy in the same batch too), the failing one is undone and rejected', async () => {
    const first = forge.requestSent();
    const last = forge.requestSent();
    const requestId = randomUUID();
    const body = forge.codec.encodeBody('request.accepted', { requestId, acceptedAt: Date.now() });
    const failing = forge.requestSent({ type: 'request.accepted', caseId: requestId, body: forge.crypto('FR').sealFor(body, ['DE']) });
    const record = (envelope: Envelope) => forge.routedByHub(forge.signed(forge.codec.encodeEnvelope(envelope)));
    const de = network.node('DE');
    const [{ last: lastBefore }] = await de.db.query(`SELECT coalesce(max(id), 0) AS last FROM outbox_messages`);

    // Straight into DE's processor, so the three are certainly one batch (one transaction).
    const results = await de.app!.get(InboundProcessor).processBatch([record(first), record(failing), record(last), record(first)], 0);

    expect(results).toEqual(['applied', 'rejected', 'applied', 'duplicate']);
    const requests = await de.db.query('SELECT id, version FROM requests WHERE id = ANY($1::uuid[]) ORDER BY id', [[first.caseId, last.caseId]]);
    expect(requests).toHaveLength(2);
    expect(requests.every((r) => r.version === 1)).toBe(true);
    expect(await de.db.query('SELECT count(*)::int AS n FROM request_events WHERE request_id = ANY($1::uuid[])', [[first.caseId, last.caseId]])).toEqual([{ n: 2 }]);
    expect(await de.db.query('SELECT message_id, outcome FROM inbox_messages WHERE message_id = ANY($1::uuid[]) ORDER BY outcome, message_id', [[first.messageId, failing.messageId, last.messageId]]))
      .toEqual([first.messageId, last.messageId].sort().map((id) => ({ message_id: id, outcome: 'applied' })).concat([{ message_id: failing.messageId, outcome: 'rejected' }]));
    // One signed rejection and one receipt naming both applied messages (not the copy again) left DE, each once.
    const sent = await de.db.query<{ value: Buffer }>(`SELECT value FROM outbox_messages WHERE id > $1 AND topic = $2 ORDER BY id`, [lastBefore, forge.topics.ingress]);
    const envelopes = await Promise.all(sent.map((row) => forge.codec.decodeEnvelope(row.value)));
    expect(envelopes.map((e) => e.type).sort()).toEqual(['message.received', 'message.rejected']);
    const receipt = envelopes.find((e) => e.type === 'message.received')!;
    expect(await forge.codec.decodeBody('message.received', receipt.body)).toMatchObject({ receivedMessageId: first.messageId, alsoReceived: [last.messageId] });
  });

  it('answers a request with a question outside the catalogue with a signed rejection, storing nothing', async () => {
    const requestId = randomUUID();
    const body = forge.codec.encodeBody('request.sent', {
      requestId, requesterAuthorityId: 'FR-CNOM', addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications',
      replyBy: Date.now() + 86_400_000, questions: [{ questionId: 'pq.not-in-the-catalogue', freeText: null }], confidential: false, sensitiveReason: null,
    });
    const envelope = forge.requestSent({ caseId: requestId, body: forge.crypto('FR').sealFor(body, ['DE']) });
    const before = await frRejections('invalid-content');
    await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(envelope)));
    await eventually(async () => expect(await frRejections('invalid-content')).toBe(before + 1));
    expect(await network.node('DE').db.query('SELECT 1 FROM requests WHERE id = $1', [requestId])).toHaveLength(0);
  });

  // Last in this block: it suspends FR, and then restores it.
  it('rejects a valid message from a suspended node, and the sender hears nothing it could use', async () => {
    const registry = new RegistryRepository(network.hubDb);
    const hubTrust = network.hub!.get(TrustStore);
    await registry.setNodeStatus('FR', 'suspended');
    try {
      await eventually(async () => expect(hubTrust.node('FR')?.status).toBe('suspended'));
      const before = await deRequests();
      const message = forge.signed(forge.codec.encodeEnvelope(forge.requestSent()));
      await forge.send(forge.topics.ingress, message);
      expect(await notices.for(message.key)).toMatchObject({ code: 'sender-not-active', senderNode: null });
      expect(await deRequests()).toBe(before);
    } finally {
      await registry.setNodeStatus('FR', 'active');
    }
  });
});

describe('bad input over REST', () => {
  let network: TestNetwork;

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
  });

  afterAll(async () => {
    await network?.close();
  });

  const valid = () => ({
    addresseeAuthorityId: 'DE-BE-AEK',
    legislativeArea: 'professional-qualifications',
    replyBy: new Date(Date.now() + 86_400_000).toISOString(),
    questions: [{ questionId: 'pq.diploma.authentic' }],
    subject: { familyName: 'Muster', givenNames: 'Erika' },
  });
  const count = async () => (await network.node('FR').db.query('SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM outbox_messages) AS n'))[0].n;

  it.each([
    ['malformed JSON', (fr: ReturnType<typeof actingFor>) => fr.postRaw('/requests', '{"addresseeAuthorityId": '), 400, 'malformed-json'],
    ['a missing subject', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), subject: undefined }), 400, 'validation'],
    ['an unexpected field', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), nationalId: '123' }), 400, 'validation'],
    ['a reply date in the past', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), replyBy: '2020-01-01T00:00:00Z' }), 422, 'invalid-request'],
    ['an unknown addressee', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), addresseeAuthorityId: 'DE-NOPE' }), 422, 'unprocessable'],
    ['an area the addressee is not registered for', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), addresseeAuthorityId: 'DE-BY-GEWERBE' }), 422, 'unprocessable'],
    ['an addressee in the same member state', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), addresseeAuthorityId: 'FR-CNOM' }), 422, 'unprocessable'],
    ['a question id not in the area\'s catalogue', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), questions: [{ questionId: 'svc.insurance.held' }] }), 422, 'invalid-request'],
    ['a sensitive question without a reason', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), questions: [{ questionId: 'pq.disciplinary.sanctions' }] }), 422, 'invalid-request'],
    ['a free-text question without its text', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), questions: [{ questionId: 'pq.free-text' }] }), 422, 'invalid-request'],
    ['the same question twice', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.diploma.authentic' }] }), 422, 'invalid-request'],
    ['an oversize body', (fr: ReturnType<typeof actingFor>) => fr.post('/requests', { ...valid(), questions: [{ questionId: 'q', freeText: 'x'.repeat(70_000) }] }), 413, 'payload-too-large'],
  ])('refuses %s with problem details and changes nothing', async (_, call, status, type) => {
    const before = await count();
    const response = await call(actingFor(network.node('FR'), 'FR-CNOM'));
    expect(response.status).toBe(status);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, type: `urn:imi:problem:${type}` });
    expect(await count()).toBe(before);
  });

  it('refuses a query parameter given twice with problem details, not a crash (found by schemathesis)', async () => {
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    const twice = await fr.get('/catalogue/professional-qualifications?lang=de&lang=fr');
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ status: 400, type: 'urn:imi:problem:validation' });
    const once = await fr.get('/catalogue/professional-qualifications?lang=de');
    expect(once.status).toBe(200);
    expect(once.body[0]).toMatchObject({ language: 'de' });
    const authorities = await fr.get('/authorities?country=DE&country=ES');
    expect(authorities.status).toBe(400);
    expect(authorities.body).toMatchObject({ status: 400, type: 'urn:imi:problem:validation', errors: ['country must be given once, as text'] });
  });

  it('answers a method a path does not take with 405 and the methods it does take', async () => {
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    const put = await fr.raw(`/requests/${randomUUID()}`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    expect(put.headers.get('content-type')).toContain('application/problem+json');
    expect(await put.json()).toMatchObject({ status: 405, type: 'urn:imi:problem:method-not-allowed' });
    const patch = await fr.patch('/requests', {});
    expect(patch.status).toBe(405);
    // An unknown path is still a 404, and a method the path takes goes through.
    expect((await fr.raw('/no-such-path', { method: 'PUT' })).status).toBe(404);
    expect((await fr.get('/requests?limit=1')).status).toBe(200);
  });

  it('refuses acting for an authority of another node, and hides requests from non-parties', async () => {
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    const created = await fr.post('/requests', valid());
    expect(created.status).toBe(201);
    expect((await actingFor(network.node('FR'), 'DE-BE-AEK').get(`/requests/${created.body.id}`)).status).toBe(403);
    expect((await actingFor(network.node('FR'), '').get('/requests')).status).toBe(403);
    expect((await fr.get(`/requests/${randomUUID()}`)).status).toBe(404);
    expect((await fr.get('/requests/not-a-uuid')).status).toBe(400);
    // A different DE authority than the addressee sees nothing of it.
    await eventually(async () => expect((await actingFor(network.node('DE'), 'DE-BE-AEK').get(`/requests/${created.body.id}`)).status).toBe(200));
    expect((await actingFor(network.node('DE'), 'DE-BE-LAGESO').get(`/requests/${created.body.id}`)).status).toBe(404);
  });

  it('refuses transitions the state machine does not allow, changing nothing', async () => {
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    const de = actingFor(network.node('DE'), 'DE-BE-AEK');
    const { body } = await fr.post('/requests', valid());
    await eventually(async () => expect((await de.get(`/requests/${body.id}`)).status).toBe(200));
    const close = await fr.post(`/requests/${body.id}/close`);
    expect(close.status).toBe(409);
    expect(close.body.type).toMatch(/^urn:imi:problem:transition-refused/);
    // The requester cannot accept its own request; the addressee cannot answer before accepting.
    expect((await fr.post(`/requests/${body.id}/accept`)).status).toBe(409);
    expect((await de.post(`/requests/${body.id}/answer`, { final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] })).status).toBe(409);
    expect((await de.get(`/requests/${body.id}`)).body.state).toBe('sent');
    expect((await fr.get(`/requests/${body.id}`)).body.state).toBe('sent');
    // Answering a question that was not asked is refused too.
    await de.post(`/requests/${body.id}/accept`);
    const wrong = await de.post(`/requests/${body.id}/answer`, { final: true, answers: [{ questionId: 'never.asked', answer: 'x' }] });
    expect(wrong.status).toBe(422);
    expect((await de.get(`/requests/${body.id}`)).body.state).toBe('accepted');
  });
});
