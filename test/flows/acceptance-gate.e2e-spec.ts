import { ATTACHMENT_MAX_BYTES } from '@imi/domain';
import { dumpDatabase } from './database-dump';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';
import { readAllRecords } from './raw-topics';

/**
 * Invariant: personal data stays on the requesting node until the addressee accepts, and never
 * appears in clear on Kafka or at the hub. Checked on the databases themselves and on every raw
 * record of the run, with a person and a diploma scan carrying values found nowhere else.
 */
describe('acceptance gate with an attachment about the person', () => {
  let network: TestNetwork;
  const person = {
    familyName: 'Testperson-Okonkwo-Lindqvist',
    givenNames: 'Chiamaka-Solveig',
    dateOfBirth: '1977-08-23',
    registerNumber: 'RPPS-30009876543',
  };
  const diplomaMarker = 'DIPLOMA-SCAN-7f3a9c-Okonkwo';
  const diploma = Buffer.from(`%PDF-1.7\n1 0 obj << /Title (${diplomaMarker}) >> endobj\n%%EOF\n`, 'latin1');
  const leaflet = Buffer.from('%PDF-1.7\n1 0 obj << /Title (Public information on the procedure) >> endobj\n%%EOF\n', 'latin1');
  const personalValues = [person.familyName, person.givenNames, person.dateOfBirth, person.registerNumber, diplomaMarker];

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
  });

  afterAll(async () => {
    await network?.close();
  });

  const fr = () => actingFor(network.node('FR'), 'FR-CNOM');
  const aek = () => actingFor(network.node('DE'), 'DE-BE-AEK');
  const lageso = () => actingFor(network.node('DE'), 'DE-BE-LAGESO');
  const personalDataOnDe = async () => {
    const dump = await dumpDatabase(network.node('DE').db);
    return personalValues.filter((value) => dump.includes(value));
  };

  async function upload(id: string, content: Buffer, query: string, contentType = 'application/pdf') {
    const response = await fr().raw(`/requests/${id}/attachments?${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: content,
    });
    return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as any };
  }

  it('holds the person and the diploma back from DE until acceptance, and again from a new addressee after forwarding', async () => {
    const created = await fr().post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK',
      legislativeArea: 'professional-qualifications',
      replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }],
      subject: person,
    });
    const id: string = created.body.id;
    const scan = await upload(id, diploma, 'fileName=diploma.pdf');
    expect(scan.status).toBe(201);
    expect(scan.body).toMatchObject({ concernsPerson: true, sharedAt: null, sizeBytes: diploma.length });
    const info = await upload(id, leaflet, 'fileName=procedure.pdf&concernsPerson=false');
    expect(info.body.concernsPerson).toBe(false);

    // Before acceptance: DE sees the request and the leaflet, nothing of the person.
    const before = await eventually(async () => {
      const r = await aek().get(`/requests/${id}`);
      expect(r.body.attachments).toHaveLength(1);
      return r.body;
    });
    expect(before.subject).toBeUndefined();
    expect(before.attachments[0]).toMatchObject({ fileName: 'procedure.pdf', concernsPerson: false });
    expect(await personalDataOnDe()).toEqual([]);
    const hidden = await aek().raw(`/requests/${id}/attachments/${scan.body.id}`);
    expect(hidden.status).toBe(404);

    // Acceptance releases both, sealed for DE.
    await aek().post(`/requests/${id}/accept`);
    await eventually(async () => expect(await personalDataOnDe()).toEqual(personalValues));
    const download = await aek().raw(`/requests/${id}/attachments/${scan.body.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(diploma)).toBe(true);

    // Forwarding: DE drops the person and the diploma until the new addressee accepts.
    await aek().post(`/requests/${id}/forward`, { toAuthorityId: 'DE-BE-LAGESO' });
    expect(await personalDataOnDe()).toEqual([]);
    const atLageso = (await lageso().get(`/requests/${id}`)).body;
    expect(atLageso.subject).toBeUndefined();
    expect(atLageso.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['procedure.pdf']);
    await eventually(async () => expect((await fr().get(`/requests/${id}`)).body.addresseeAuthorityId).toBe('DE-BE-LAGESO'));

    await lageso().post(`/requests/${id}/accept`);
    await eventually(async () => expect(await personalDataOnDe()).toEqual(personalValues));
    expect((await lageso().get(`/requests/${id}`)).body.attachments).toHaveLength(2);

    // Coordinators see their authorities' requests as metadata only, on both sides.
    for (const [node, coordinator, side] of [['FR', 'FR-CNIMI', 'requester'], ['DE', 'DE-NIMIC', 'addressee']] as const) {
      const observed = await actingFor(network.node(node), coordinator).get('/requests/observed');
      expect(observed.status).toBe(200);
      const entry = observed.body.requests.find((r: { id: string }) => r.id === id);
      expect(Object.keys(entry).sort()).toEqual(
        ['acceptedAt', 'closedAt', 'counterpartAuthorityId', 'id', 'legislativeArea', 'observedAuthorityId', 'replyBy', 'sentAt', 'side', 'state'],
      );
      expect(entry).toMatchObject({ side, state: 'accepted', legislativeArea: 'professional-qualifications' });
      expect(observed.body.countsByState.accepted).toBeGreaterThanOrEqual(1);
      const text = JSON.stringify(observed.body);
      for (const value of [...personalValues, 'diploma.pdf', 'procedure.pdf']) expect(text.includes(value)).toBe(false);
    }
    expect((await fr().get('/requests/observed')).status).toBe(403);

    // Nothing personal in clear on any topic of the run, nor anywhere in the hub's database.
    const records = await readAllRecords(network.prefix);
    expect(records.length).toBeGreaterThan(8);
    const hubDump = await dumpDatabase(network.hubDb);
    for (const value of personalValues) {
      const needle = Buffer.from(value, 'latin1');
      expect({ value, records: records.filter((r) => r.value?.includes(needle) || r.headers.includes(needle) || r.key?.includes(needle)).length }).toEqual({ value, records: 0 });
      expect(hubDump.includes(value)).toBe(false);
    }
  });

  it.each([
    ['one byte over the size limit', Buffer.concat([diploma, Buffer.alloc(ATTACHMENT_MAX_BYTES)]), 'application/pdf', 413],
    ['a refused type', Buffer.from('MZ executable'), 'application/x-msdownload', 415],
    ['bytes that are not what the type says', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'application/pdf', 422],
  ])('refuses %s with problem details, storing nothing', async (_, content, contentType, status) => {
    const created = await fr().post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications',
      replyBy: new Date(Date.now() + 86_400_000).toISOString(), questions: [{ questionId: 'pq.diploma.authentic' }], subject: person,
    });
    const refused = await upload(created.body.id, content, 'fileName=x.pdf', contentType);
    expect(refused.status).toBe(status);
    expect(refused.contentType).toContain('application/problem+json');
    expect(await network.node('FR').db.query('SELECT 1 FROM request_attachments WHERE request_id = $1', [created.body.id])).toHaveLength(0);
  });
});
