import { addMonths } from '@imi/domain';
import { AuditLog } from '../../apps/node/src/privacy/audit-log';
import { RetentionService } from '../../apps/node/src/privacy/retention.service';
import { actingFor, eventually } from './http';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { TestNetwork } from './network';

const PLAN: NetworkPlan = {
  nodes: [
    { code: 'DE', authorities: [{ id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications', 'solvit'] }] },
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
      expect(await retention(country).runOnce(new Date(blockAt.getTime() - 1))).toEqual({ blocked: 0, deleted: 0 });
      expect((await retention(country).runOnce(blockAt)).blocked).toBeGreaterThanOrEqual(1);
      // Idempotent: a second run changes nothing.
      expect(await retention(country).runOnce(blockAt)).toEqual({ blocked: 0, deleted: 0 });
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
      expect(await retention(country).runOnce(new Date(deleteAt.getTime() - 1))).toEqual({ blocked: 0, deleted: 0 });
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
