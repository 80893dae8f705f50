import { randomUUID } from 'node:crypto';
import { parseSealed } from '@imi/envelope';
import { dumpDatabase } from './database-dump';
import { Forge } from './forge';
import { actingFor, eventually } from './http';
import { ALERT_NETWORK, TestNetwork } from './network';
import { readAllRecords } from './raw-topics';

/**
 * One-to-many over the real stack: a professional-qualifications alert from DE fanned out by
 * the hub to FR and ES through their coordinators, changed, acknowledged; a recipient that is
 * down gets it when it returns; nothing personal in clear anywhere.
 */
describe('alerts and notifications', () => {
  let network: TestNetwork;
  const person = { familyName: 'Testperson-Vasquez-Brandt', givenNames: 'Ottilie', dateOfBirth: '1968-05-17' };
  const alertContent = (overrides: Record<string, unknown> = {}) => ({
    person, profession: 'Medical doctor', decidingAuthority: 'Berufsgericht für Heilberufe Berlin', scope: 'prohibition',
    periodFrom: '2026-11-20', decisionDate: new Date().toISOString().slice(0, 10), ...overrides,
  });

  beforeAll(async () => {
    network = await TestNetwork.start(ALERT_NETWORK);
  });

  afterAll(async () => {
    await network?.close();
  });

  const de = () => actingFor(network.node('DE'), 'DE-BE-AEK');
  const coordinator = (country: 'FR' | 'ES') => actingFor(network.node(country), `${country}-CNIMI`);
  const sendPqAlert = async (memberStates: string[]) => {
    const sent = await de().post('/alerts', { kind: 'professional-qualifications-alert', recipients: { memberStates }, content: alertContent() });
    expect(sent.status).toBe(201);
    return sent.body.id as string;
  };

  it('fans a professional-qualifications alert out to FR and ES through their coordinators, with receipts, reads and acknowledgements on DE', async () => {
    const id = await sendPqAlert(['FR', 'ES']);
    for (const country of ['FR', 'ES'] as const) {
      const received = await eventually(async () => {
        const r = await coordinator(country).get(`/alerts/${id}`);
        expect(r.status).toBe(200);
        return r.body;
      });
      expect(received).toMatchObject({ role: 'recipient', state: 'open', version: 1, senderAuthorityId: 'DE-BE-AEK' });
      expect(received.versions[0].content.person).toMatchObject(person);
    }
    // Every delivery is answered by a signed receipt from the node it reached.
    await eventually(async () => {
      const { recipients } = (await de().get(`/alerts/${id}`)).body;
      expect(recipients.map((r: { authorityId: string; deliveredAt: string | null }) => [r.authorityId, r.deliveredAt !== null]))
        .toEqual([['ES-CNIMI', true], ['FR-CNIMI', true]]);
    });

    // The FR coordinator passes it to the competent authority, which reads and acknowledges it.
    expect((await actingFor(network.node('FR'), 'FR-CNOM').get(`/alerts/${id}`)).status).toBe(404);
    expect((await coordinator('FR').post(`/alerts/${id}/distribute`, { authorityIds: ['FR-CNOM'] })).status).toBe(200);
    const cnom = actingFor(network.node('FR'), 'FR-CNOM');
    expect((await cnom.post(`/alerts/${id}/read`)).status).toBe(200);
    expect((await cnom.post(`/alerts/${id}/acknowledge`)).status).toBe(200);
    await eventually(async () => {
      const fr = (await de().get(`/alerts/${id}`)).body.recipients.find((r: { authorityId: string }) => r.authorityId === 'FR-CNIMI');
      expect(fr.readAt).not.toBeNull();
      expect(fr.acknowledgedAt).not.toBeNull();
    });
  });

  it('propagates a rectification and a withdrawal to every recipient, keeping the earlier version as superseded', async () => {
    const id = await sendPqAlert(['FR', 'ES']);
    for (const country of ['FR', 'ES'] as const) await eventually(async () => expect((await coordinator(country).get(`/alerts/${id}`)).status).toBe(200));

    const rectified = await de().post(`/alerts/${id}/rectify`, { content: alertContent({ scope: 'restriction', scopeDetail: 'No surgery' }) });
    expect(rectified.body.version).toBe(2);
    for (const country of ['FR', 'ES'] as const) {
      const view = await eventually(async () => {
        const r = (await coordinator(country).get(`/alerts/${id}`)).body;
        expect(r.version).toBe(2);
        return r;
      });
      expect(view.versions.map((v: { version: number; supersededAt: string | null }) => [v.version, v.supersededAt !== null])).toEqual([[1, true], [2, false]]);
      expect(view.versions[1].content).toMatchObject({ scope: 'restriction', scopeDetail: 'No surgery' });
    }

    await de().post(`/alerts/${id}/withdraw`, { reason: 'Decision annulled on appeal' });
    for (const country of ['FR', 'ES'] as const) {
      await eventually(async () => expect((await coordinator(country).get(`/alerts/${id}`)).body).toMatchObject({ state: 'withdrawn', withdrawnReason: 'Decision annulled on appeal' }));
    }
    // A withdrawn alert takes no further change.
    const refused = await de().post(`/alerts/${id}/rectify`, { content: alertContent() });
    expect(refused.status).toBe(422);
    expect((await de().get(`/alerts/${id}`)).body).toMatchObject({ state: 'withdrawn', version: 2 });
  });

  it('delivers to a recipient node that was down when it comes back, exactly once, without holding the others up', async () => {
    await network.stopNode('ES');
    try {
      const id = await sendPqAlert(['FR', 'ES']);
      await eventually(async () => expect((await coordinator('FR').get(`/alerts/${id}`)).status).toBe(200));
      await network.startNode('ES');
      await eventually(async () => expect((await coordinator('ES').get(`/alerts/${id}`)).status).toBe(200));
      expect(await network.node('ES').db.query('SELECT count(*)::int AS n FROM alerts WHERE id = $1', [id])).toEqual([{ n: 1 }]);
      const [{ n }] = await network.node('ES').db.query(`SELECT count(*)::int AS n FROM alert_versions WHERE alert_id = $1`, [id]);
      expect(n).toBe(1);
    } finally {
      if (!network.node('ES').app) await network.startNode('ES');
    }
  });

  it('reminds the sender of an alert sent more than 3 days after the decision, and of a later decision not yet reflected', async () => {
    const late = await de().post('/alerts', {
      kind: 'professional-qualifications-alert', recipients: { memberStates: ['FR'] },
      content: alertContent({ decisionDate: new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10) }),
    });
    const onTime = await sendPqAlert(['FR']);
    // As if it had gone out a week ago; the later decision came four days ago and nothing changed since.
    await network.node('DE').db.query(`UPDATE alerts SET sent_at = now() - interval '7 days', last_changed_at = now() - interval '7 days' WHERE id = $1`, [onTime]);
    await de().post(`/alerts/${onTime}/later-decision`, { decisionDate: new Date(Date.now() - 4 * 86_400_000).toISOString().slice(0, 10) });
    const urgent = (await de().get('/alerts/urgent')).body;
    expect(urgent).toContainEqual({ id: late.body.id, kind: 'professional-qualifications-alert', reasons: ['sent-more-than-3-days-after-decision'] });
    expect(urgent).toContainEqual({ id: onTime, kind: 'professional-qualifications-alert', reasons: ['later-decision-not-reflected'] });
    // Rectifying reflects the later decision.
    await de().post(`/alerts/${onTime}/rectify`, { content: alertContent({ scope: 'restriction' }) });
    expect((await de().get('/alerts/urgent')).body.map((u: { id: string }) => u.id)).not.toContain(onTime);
  });

  it('sends a notification to a named authority and to every member state, each acknowledging on its own', async () => {
    const sent = await de().post('/alerts', {
      kind: 'notification', legislativeArea: 'professional-qualifications', recipients: { authorityIds: ['FR-CNOM'], allMemberStates: true },
      content: { subject: 'Change of register', text: 'The Berlin register of doctors moves to a new address on 1 January.' },
    });
    expect(sent.status).toBe(201);
    expect(sent.body.recipients.map((r: { authorityId: string }) => r.authorityId)).toEqual(['ES-CNIMI', 'FR-CNIMI', 'FR-CNOM']);
    const cnom = actingFor(network.node('FR'), 'FR-CNOM');
    await eventually(async () => expect((await cnom.get(`/alerts/${sent.body.id}`)).status).toBe(200));
    await cnom.post(`/alerts/${sent.body.id}/acknowledge`);
    await eventually(async () => {
      const acknowledged = (await de().get(`/alerts/${sent.body.id}`)).body.recipients.filter((r: { acknowledgedAt: string | null }) => r.acknowledgedAt !== null);
      expect(acknowledged.map((r: { authorityId: string }) => r.authorityId)).toEqual(['FR-CNOM']);
    });
  });

  it('sends a services alert to the Commission, and refuses the Commission where it is not a party', async () => {
    const services = await de().post('/alerts', {
      kind: 'services-alert', recipients: { memberStates: ['FR'], commission: true },
      content: { providerName: 'Example Gas Services GmbH', activity: 'Installation of gas boilers', danger: 'Faulty installations risk carbon monoxide poisoning' },
    });
    expect(services.status).toBe(201);
    await eventually(async () => expect((await actingFor(network.node('EC'), 'EC-GROW').get(`/alerts/${services.body.id}`)).status).toBe(200));

    const refused = await de().post('/alerts', { kind: 'professional-qualifications-alert', recipients: { memberStates: ['FR'], commission: true }, content: alertContent() });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/Commission is not a party/);
  });

  it.each([
    ['no recipient', { kind: 'notification', legislativeArea: 'professional-qualifications', recipients: {}, content: { subject: 'S', text: 'T' } }, 422],
    ['an unknown recipient', { kind: 'notification', legislativeArea: 'professional-qualifications', recipients: { authorityIds: ['XX-1'] }, content: { subject: 'S', text: 'T' } }, 422],
    ['a recipient not registered for the area', { kind: 'services-alert', recipients: { authorityIds: ['ES-MSAN'] }, content: { providerName: 'P', activity: 'A', danger: 'D' } }, 422],
    ['an alert without its mandatory fields', { kind: 'professional-qualifications-alert', recipients: { memberStates: ['FR'] }, content: { person } }, 422],
    ['an unknown kind', { kind: 'rumour', recipients: { memberStates: ['FR'] }, content: {} }, 400],
  ])('refuses %s with problem details, storing nothing', async (_, body, status) => {
    const before = await network.node('DE').db.query('SELECT count(*)::int AS n FROM alerts');
    const refused = await de().post('/alerts', body);
    expect(refused.status).toBe(status);
    expect(refused.contentType).toContain('application/problem+json');
    expect(await network.node('DE').db.query('SELECT count(*)::int AS n FROM alerts')).toEqual(before);
  });

  it('answers a receipt for a message never sent with a signed rejection', async () => {
    const forge = await Forge.open(network);
    try {
      const body = forge.codec.encodeBody('message.received', { receivedMessageId: randomUUID(), appliedAt: Date.now() });
      const envelope = forge.requestSent({ type: 'message.received', bodyEncoding: 'PLAIN', body, senderAuthority: null, recipientAuthorities: [], legislativeArea: null });
      const before = (await network.node('FR').db.query(`SELECT count(*)::int AS n FROM rejections_received WHERE code = 'invalid-content'`))[0].n;
      // Forged as from FR to DE: DE never sent that message to FR.
      await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(envelope)));
      await eventually(async () => expect((await network.node('FR').db.query(`SELECT count(*)::int AS n FROM rejections_received WHERE code = 'invalid-content'`))[0].n).toBe(before + 1));
    } finally {
      await forge.close();
    }
  });

  it('leaves no personal value of the alerts in clear on any topic or in the hub database; each alert left DE as one message sealed for all', async () => {
    const id = await sendPqAlert(['FR', 'ES']);
    for (const country of ['FR', 'ES'] as const) await eventually(async () => expect((await coordinator(country).get(`/alerts/${id}`)).status).toBe(200));
    const records = await readAllRecords(network.prefix);
    // One record on hub.ingress per alert, its body sealed once with an entry per recipient node; the hub copied it to each inbox.
    const forge = await Forge.open(network);
    const topics = forge.topics;
    try {
      const ingress = await Promise.all(records.filter((r) => r.topic === topics.ingress && r.value).map(async (r) => ({ value: r.value!, envelope: await forge.codec.decodeEnvelope(r.value!) })));
      const alerts = ingress.filter((r) => r.envelope.type === 'alert.sent' && r.envelope.recipientNodes.length === 2);
      expect(alerts.map((a) => a.envelope.caseId)).toContain(id);
      for (const { value, envelope } of alerts) {
        expect(ingress.filter((r) => r.envelope.type === 'alert.sent' && r.envelope.caseId === envelope.caseId)).toHaveLength(1);
        expect(parseSealed(envelope.body).jwe.recipients.map((r) => r.header.kid.split('-')[0]).sort()).toEqual([...envelope.recipientNodes].sort());
        for (const node of envelope.recipientNodes) {
          expect(records.filter((r) => r.topic === topics.inbox(node) && r.value?.equals(value))).toHaveLength(1);
        }
      }
    } finally {
      await forge.close();
    }
    expect(records.some((r) => r.topic.endsWith('node.ES.inbox'))).toBe(true);
    const hubDump = await dumpDatabase(network.hubDb);
    for (const value of [person.familyName, person.givenNames, person.dateOfBirth, 'Berufsgericht für Heilberufe']) {
      const needle = Buffer.from(value, 'utf8');
      expect(records.filter((r) => r.value?.includes(needle) || r.headers.includes(needle)).length).toBe(0);
      expect(hubDump.includes(value)).toBe(false);
    }
  });
});
