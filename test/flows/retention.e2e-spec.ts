import { addMonths } from '@imi/domain';
import { TrustStore, verifyMessage, verifyReport } from '@imi/envelope';
import { RequestService } from '../../apps/node/src/requests/request.service';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../apps/node/src/privacy/audit-log';
import { RetentionService } from '../../apps/node/src/privacy/retention.service';
import { actingFor, eventually } from './http';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { TestNetwork } from './network';

const PLAN: NetworkPlan = {
  nodes: [
    {
      code: 'DE',
      authorities: [
        { id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications', 'solvit'] },
        { id: 'DE-NIMIC', name: 'Nationaler IMI-Koordinator', legislativeAreas: ['professional-qualifications'], coordinates: ['professional-qualifications'] },
      ],
    },
    { code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications', 'solvit'] }] },
  ],
};

/**
 * Retention with the clock moved: personal data blocked exactly 6 months after formal closure
 * (18 for SOLVIT), deleted at 3 years, the exchange kept anonymised; and the audit log that
 * records it, whose tampering is detected.
 */
describe('retention and audit', () => {
  let network: TestNetwork;
  const person = { familyName: 'Testperson-Retention', givenNames: 'Aurelia', dateOfBirth: '1981-02-03', registerNumber: 'RPPS-40001112223' };

  beforeAll(async () => {
    network = await TestNetwork.start(PLAN);
  });

  afterAll(async () => {
    await network?.close();
  });

  const fr = () => actingFor(network.node('FR'), 'FR-CNOM');
  const de = () => actingFor(network.node('DE'), 'DE-BE-AEK');
  const retention = (country: string) => network.node(country).app!.get(RetentionService);
  const subjectRows = async (country: string, id: string) =>
    (await network.node(country).db.query('SELECT 1 FROM request_subjects WHERE request_id = $1', [id])).length;

  async function closedRequest(): Promise<{ id: string; closedAt: Date }> {
    const created = await fr().post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: person,
    });
    const id: string = created.body.id;
    await eventually(async () => expect((await de().get(`/requests/${id}`)).status).toBe(200));
    await de().post(`/requests/${id}/accept`);
    await eventually(async () => expect(await subjectRows('DE', id)).toBe(1));
    await de().post(`/requests/${id}/answer`, { final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] });
    await eventually(async () => expect((await fr().get(`/requests/${id}`)).body.state).toBe('answered'));
    const closed = await fr().post(`/requests/${id}/close`);
    await eventually(async () => expect((await de().get(`/requests/${id}`)).body.state).toBe('closed'));
    return { id, closedAt: new Date(closed.body.closedAt) };
  }

  it('blocks a request at exactly 6 months after closure on every participant, then deletes at 3 years, keeping it anonymised', async () => {
    const { id, closedAt } = await closedRequest();
    const blockAt = addMonths(closedAt, 6);
    for (const country of ['FR', 'DE']) {
      expect(await retention(country).runOnce(new Date(blockAt.getTime() - 1))).toMatchObject({ blocked: 0, deleted: 0 });
      expect((await retention(country).runOnce(blockAt)).blocked).toBeGreaterThanOrEqual(1);
      // Idempotent: a second run changes nothing.
      expect(await retention(country).runOnce(blockAt)).toMatchObject({ blocked: 0, deleted: 0 });
    }
    for (const party of [fr(), de()]) {
      const view = (await party.get(`/requests/${id}`)).body;
      expect(view).toMatchObject({ state: 'closed', personalData: 'blocked' });
      expect(view.subject).toBeUndefined();
      expect(view.answers).toBeUndefined();
    }
    // Blocked, not deleted: the data is still held, for proof of the exchange.
    expect(await subjectRows('DE', id)).toBe(1);

    const deleteAt = addMonths(closedAt, 36);
    for (const country of ['FR', 'DE']) {
      expect(await retention(country).runOnce(new Date(deleteAt.getTime() - 1))).toMatchObject({ blocked: 0, deleted: 0 });
      expect((await retention(country).runOnce(deleteAt)).deleted).toBeGreaterThanOrEqual(1);
      expect(await subjectRows(country, id)).toBe(0);
      expect(await network.node(country).db.query('SELECT 1 FROM request_answers WHERE request_id = $1', [id])).toHaveLength(0);
      const [row] = await network.node(country).db.query('SELECT state, personal_data_deleted_at FROM requests WHERE id = $1', [id]);
      expect(row.state).toBe('closed');
      expect(row.personal_data_deleted_at).not.toBeNull();
    }
    const stats = (await de().get('/statistics')).body.requests;
    expect(stats).toContainEqual(expect.objectContaining({ legislativeArea: 'professional-qualifications', state: 'closed', anonymised: expect.any(Number) }));
    expect(stats.find((s: { state: string }) => s.state === 'closed').anonymised).toBeGreaterThanOrEqual(1);
    expect((await de().get(`/requests/${id}`)).body.personalData).toBe('deleted');
  });

  it('blocks a SOLVIT exchange after 18 months, not 6', async () => {
    const sent = await de().post('/alerts', {
      kind: 'notification', legislativeArea: 'solvit', recipients: { authorityIds: ['FR-CNOM'] },
      content: { subject: 'SOLVIT case', text: `Case about ${person.familyName}` },
    });
    const id: string = sent.body.id;
    await eventually(async () => expect((await fr().get(`/alerts/${id}`)).status).toBe(200));
    const closed = await de().post(`/alerts/${id}/close`);
    const endedAt = new Date(closed.body.endedAt);
    const node = network.node('DE').db;
    await retention('DE').runOnce(addMonths(endedAt, 6));
    expect(await node.query('SELECT blocked_at FROM alerts WHERE id = $1', [id])).toEqual([{ blocked_at: null }]);
    await retention('DE').runOnce(new Date(addMonths(endedAt, 18).getTime() - 1));
    expect(await node.query('SELECT blocked_at FROM alerts WHERE id = $1', [id])).toEqual([{ blocked_at: null }]);
    await retention('DE').runOnce(addMonths(endedAt, 18));
    expect((await node.query('SELECT blocked_at FROM alerts WHERE id = $1', [id]))[0].blocked_at).not.toBeNull();
    expect((await de().get(`/alerts/${id}`)).body.versions).toEqual([]);
    // One-to-many exchanges have the same proof of exchange as requests.
    const retrieved = await de().post(`/alerts/${id}/proof-of-exchange/personal-data`, { ground: 'overriding-public-interest', justification: 'SOLVIT appeal, file 2026/114' });
    expect(retrieved.body.versions).toEqual([expect.objectContaining({ version: 1, content: expect.objectContaining({ text: `Case about ${person.familyName}` }) })]);
    const proof = (await de().get(`/alerts/${id}/proof-of-exchange`)).body;
    expect(proof.report.exchange).toMatchObject({ id, type: 'notification', state: 'closed', recipients: [{ authorityId: 'FR-CNOM', node: 'FR' }] });
    expect(proof.report.messages.map((m: { type: string }) => m.type)).toEqual(expect.arrayContaining(['alert.sent', 'alert.closed']));
  });

  it('retrieves blocked data only as proof of exchange, on a stated ground, and audits each retrieval', async () => {
    const { id, closedAt } = await closedRequest();
    const path = `/requests/${id}/proof-of-exchange/personal-data`;
    const ground = { ground: 'data-subject-consent', justification: 'written consent of the professional, 2 June' };
    expect(await de().post(path, ground)).toMatchObject({ status: 422, body: { detail: expect.stringContaining('not blocked') } });
    await retention('DE').runOnce(addMonths(closedAt, 6));
    expect((await de().get(`/requests/${id}`)).body.subject).toBeUndefined();
    expect((await de().post(path, { ground: 'curiosity', justification: 'x' })).status).toBe(400);
    expect((await de().post(path, { ground: 'data-subject-consent' })).status).toBe(400);
    // Another authority of the same node, not a party: as if the exchange did not exist.
    expect((await actingFor(network.node('DE'), 'DE-NIMIC').post(path, ground)).status).toBe(404);
    const retrieved = await de().post(path, ground);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toMatchObject({ exchangeId: id, ground: 'data-subject-consent', subject: { familyName: person.familyName } });
    const db = network.node('DE').db;
    expect(await db.query('SELECT authority_id, ground FROM proof_retrievals WHERE exchange_id = $1', [id])).toEqual([{ authority_id: 'DE-BE-AEK', ground: 'data-subject-consent' }]);
    expect(await db.query(`SELECT actor, purpose FROM audit_log WHERE exchange_id = $1 AND action = 'retrieve'`, [id]))
      .toEqual([{ actor: 'DE-BE-AEK', purpose: 'proof of exchange: data-subject-consent' }]);
    await retention('DE').runOnce(addMonths(closedAt, 36));
    expect(await de().post(path, ground)).toMatchObject({ status: 422, body: { detail: expect.stringContaining('deleted') } });
  });

  it('hands a party a proof of exchange signed by its node, whose every message signature checks against the bytes that travelled', async () => {
    const { id } = await closedRequest();
    const response = await fr().get(`/requests/${id}/proof-of-exchange`);
    expect(response.status).toBe(200);
    const trust = network.node('FR').app!.get(TrustStore);
    const { kid, report } = await verifyReport(response.body.jws, trust.signer(JSON.parse(Buffer.from(response.body.jws.split('.')[0], 'base64url').toString()).kid).key);
    expect(trust.signer(kid).node).toBe('FR');
    expect(report).toEqual(response.body.report);
    const { exchange, messages } = response.body.report;
    expect(exchange).toMatchObject({ id, state: 'closed', requesterAuthorityId: 'FR-CNOM', addresseeAuthorityId: 'DE-BE-AEK' });
    const types = messages.map((m: { direction: string; type: string }) => `${m.direction} ${m.type}`);
    expect(types).toEqual(expect.arrayContaining([
      'sent request.sent', 'received request.accepted', 'sent request.subject-disclosed', 'received request.answered', 'sent request.closed',
    ]));
    // Open exchange, bodies held: each signature checks against the very bytes that travelled, and covers the manifest given beside them.
    const keyOf = (jws: string) => trust.signer(JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString()).kid).key;
    for (const m of messages) {
      const value = Buffer.from(m.value, 'base64');
      expect(verifyMessage(m.senderSignature, value, keyOf(m.senderSignature)).manifest).toEqual(Buffer.from(m.manifest, 'base64'));
      if (m.direction === 'received') expect(verifyMessage(m.hubSignature, value, keyOf(m.hubSignature)).protocol).toBe(2);
    }
    const sent = messages.find((m: { type: string }) => m.type === 'request.sent');
    expect(sent.receipts).toEqual([{ node: 'DE', appliedAt: expect.any(String), receiptRecordedAt: expect.any(String) }]);
    // Metadata and sealed bytes only: no personal value in the report.
    expect(JSON.stringify(response.body)).not.toContain(person.familyName);
    expect((await actingFor(network.node('FR'), 'FR-CNOM').get(`/requests/${randomUUID()}/proof-of-exchange`)).status).toBe(404);
  });

  it('escalates requests idle for more than 2 months to the coordinator for the area, with metadata only', async () => {
    const created = await fr().post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: person,
    });
    const id: string = created.body.id;
    await eventually(async () => expect((await de().get(`/requests/${id}`)).status).toBe(200));
    const coordinator = actingFor(network.node('DE'), 'DE-NIMIC');
    expect((await coordinator.get('/requests/escalated')).body.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await de().get('/requests/escalated')).status).toBe(403);
    const service = network.node('DE').app!.get(RequestService);
    const lastActivity = new Date(created.body.sentAt);
    expect((await service.escalated('DE-NIMIC', addMonths(lastActivity, 2))).map((r) => r.id)).not.toContain(id);
    const escalated = await service.escalated('DE-NIMIC', new Date(addMonths(lastActivity, 2).getTime() + 1));
    const view = escalated.find((r) => r.id === id);
    expect(Object.keys(view!).sort()).toEqual(['acceptedAt', 'closedAt', 'counterpartAuthorityId', 'id', 'legislativeArea', 'observedAuthorityId', 'replyBy', 'sentAt', 'side', 'state']);
    expect(view).toMatchObject({ state: 'sent', observedAuthorityId: 'DE-BE-AEK', counterpartAuthorityId: 'FR-CNOM' });
  });

  it('finishes a deletion run whose database session died mid-transaction, exactly once, after the node restarts', async () => {
    const closed = [];
    for (let i = 0; i < 4; i++) closed.push(await closedRequest());
    const ids = closed.map((c) => c.id);
    const deleteAt = addMonths(closed[closed.length - 1].closedAt, 36);
    const db = network.node('DE').db;
    const deleted = async () => (await db.query('SELECT id FROM requests WHERE id = ANY($1) AND personal_data_deleted_at IS NOT NULL', [ids])).map((r) => r.id);

    // Another session holds the third exchange's answers, so the run stops inside that exchange's batch...
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM request_answers WHERE request_id = $1 FOR UPDATE', [ids[2]]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const run = retention('DE').runOnce(deleteAt, 1).catch((error: Error) => error);
    // ...where its database session is killed, as a crash of the node would.
    await eventually(async () => {
      const killed = await db.query(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'DELETE FROM request_answers%'`,
      );
      expect(killed).toEqual([{ killed: true }]);
    });
    expect(await run).toBeInstanceOf(Error);
    release();
    await holder;
    // The batches before it are done; the one cut short left nothing half-deleted.
    expect((await deleted()).sort()).toEqual([ids[0], ids[1]].sort());
    expect(await db.query('SELECT 1 FROM request_subjects WHERE request_id = $1', [ids[2]])).toHaveLength(1);

    await network.stopNode('DE');
    await network.startNode('DE');
    await retention('DE').runOnce(deleteAt, 1);
    expect((await deleted()).sort()).toEqual([...ids].sort());
    const deletions = await db.query(`SELECT exchange_id, count(*)::int AS n FROM audit_log WHERE action = 'delete' AND exchange_id = ANY($1) GROUP BY exchange_id`, [ids]);
    expect(deletions.sort((a, b) => a.exchange_id.localeCompare(b.exchange_id))).toEqual([...ids].sort().map((id) => ({ exchange_id: id, n: 1 })));
  });

  it('records accesses to personal data in a hash chain that detects a changed or removed entry', async () => {
    const audit = network.node('DE').app!.get(AuditLog);
    await audit.seal();
    const intact = await audit.verify();
    expect(intact.entries).toBeGreaterThan(3);
    expect(intact).toMatchObject({ pending: 0, firstBreak: null });
    const db = network.node('DE').db;
    const entries = await db.query('SELECT actor, action, data_category, purpose FROM audit_log ORDER BY seq');
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['write', 'read', 'block', 'delete']));
    // The log names people's data by category only.
    expect(JSON.stringify(entries)).not.toContain(person.familyName);

    await db.query(`UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 2`);
    expect((await audit.verify()).firstBreak).toEqual({ seq: 2, problem: 'hash-mismatch' });
    await db.query(`DELETE FROM audit_log WHERE seq = 2`);
    expect((await audit.verify()).firstBreak).toEqual({ seq: 2, problem: 'sequence-gap' });
  });
});
