import { randomUUID } from 'node:crypto';
import { addMonths } from '@imi/domain';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { TrustStore, verifyReport } from '@imi/envelope';
import { RetentionService } from '../../apps/node/src/privacy/retention.service';
import { Forge, inboxCounts } from './forge';
import { dumpDatabase } from './database-dump';
import { actingFor, eventually } from './http';
import { readAllRecords } from './raw-topics';
import { TestNetwork, THREE_NODES } from './network';

/** An embedded file of a PDF, by name, decoded. */
function attachedFile(document: PDFDocument, name: string): string {
  const files = document.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
  for (let i = 0; i < files.size(); i += 2) {
    const spec = files.lookup(i + 1, PDFDict);
    if ((files.lookup(i) as PDFHexString | PDFString).decodeText() === name) {
      const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F')) as PDFRawStream;
      return Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
    }
  }
  throw new Error(`no embedded file ${name}`);
}

const kidOf = (jws: string): string => JSON.parse(Buffer.from(jws.split('.')[0], 'base64url').toString('utf8')).kid;

/**
 * Data subjects' rights and early deletion across nodes: a decision taken by one participating
 * authority reaches every other participant through the hub, is applied there (or recorded as
 * contested where the data is blocked), and is confirmed by a signed receipt.
 */
describe('data subjects\' rights and early deletion', () => {
  let network: TestNetwork;
  let forge: Forge;
  const person = { familyName: 'Testperson-Rights', givenNames: 'Ottilie', dateOfBirth: '1979-05-06', registerNumber: 'RPPS-50002223334' };
  const ADDRESSEES = { DE: 'DE-BE-AEK', ES: 'ES-MSAN' } as const;

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
    forge = await Forge.open(network);
  });

  afterAll(async () => {
    await forge?.close();
    await network?.close();
  });

  const fr = () => actingFor(network.node('FR'), 'FR-CNOM');
  const addressee = (country: keyof typeof ADDRESSEES) => actingFor(network.node(country), ADDRESSEES[country]);
  const subjectOn = async (country: string, id: string) =>
    (await network.node(country).db.query(
      `SELECT family_name, given_names, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, register_number FROM request_subjects WHERE request_id = $1`, [id],
    ))[0] ?? null;

  /** FR asks `country` about the person, and the addressee accepts: both nodes hold the person. */
  async function acceptedRequest(country: keyof typeof ADDRESSEES, subject: object = person): Promise<string> {
    const created = await fr().post('/requests', {
      addresseeAuthorityId: ADDRESSEES[country], legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject,
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await eventually(async () => expect((await addressee(country).get(`/requests/${id}`)).status).toBe(200));
    expect((await addressee(country).post(`/requests/${id}/accept`)).status).toBe(200);
    await eventually(async () => expect(await subjectOn(country, id)).not.toBeNull());
    return id;
  }

  async function closedRequest(country: keyof typeof ADDRESSEES): Promise<{ id: string; closedAt: Date }> {
    const id = await acceptedRequest(country);
    await addressee(country).post(`/requests/${id}/answer`, { final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] });
    await eventually(async () => expect((await fr().get(`/requests/${id}`)).body.state).toBe('answered'));
    const closed = await fr().post(`/requests/${id}/close`);
    await eventually(async () => expect((await addressee(country).get(`/requests/${id}`)).body.state).toBe('closed'));
    return { id, closedAt: new Date(closed.body.closedAt) };
  }

  it('propagates a rectification granted on FR to DE and ES, where it is applied and confirmed by receipt', async () => {
    const toDe = await acceptedRequest('DE');
    const toEs = await acceptedRequest('ES');
    const receivedAt = new Date(Date.now() - 25 * 86_400_000).toISOString();
    const recorded = await fr().post('/subject-requests', {
      kind: 'rectification', exchangeIds: [toDe, toEs], corrections: { familyName: 'Testperson-Corrected', dateOfBirth: '1979-05-07' }, receivedAt,
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({ state: 'open', dueBy: new Date(Date.parse(receivedAt) + 30 * 86_400_000).toISOString() });
    // Five days before the deadline it is on the urgent list.
    expect((await fr().get('/subject-requests/urgent')).body).toContainEqual({ id: recorded.body.id, kind: 'rectification', dueBy: recorded.body.dueBy, reason: 'deadline-approaching' });

    const granted = await fr().post(`/subject-requests/${recorded.body.id}/decision`, { grant: true });
    expect(granted.status).toBe(200);
    expect(granted.body.state).toBe('granted');
    expect((await fr().get('/subject-requests/urgent')).body.map((u: { id: string }) => u.id)).not.toContain(recorded.body.id);

    const corrected = { family_name: 'Testperson-Corrected', given_names: person.givenNames, date_of_birth: '1979-05-07', register_number: person.registerNumber };
    expect(await subjectOn('FR', toDe)).toEqual(corrected);
    await eventually(async () => expect(await subjectOn('DE', toDe)).toEqual(corrected));
    await eventually(async () => expect(await subjectOn('ES', toEs)).toEqual(corrected));
    expect((await addressee('DE').get(`/requests/${toDe}`)).body.subject.familyName).toBe('Testperson-Corrected');

    // Every participant confirmed with its signed receipt.
    const progress = await eventually(async () => {
      const view = (await fr().get(`/subject-requests/${recorded.body.id}`)).body;
      for (const effect of view.effects) expect(effect.participants.every((p: { confirmedAt: string | null }) => p.confirmedAt !== null)).toBe(true);
      return view;
    });
    expect(progress.effects).toEqual(expect.arrayContaining([
      { exchangeId: toDe, outcome: 'applied', participants: [{ node: 'DE', confirmedAt: expect.any(String) }] },
      { exchangeId: toEs, outcome: 'applied', participants: [{ node: 'ES', confirmedAt: expect.any(String) }] },
    ]));
  });

  it('erases the person on every participant when the addressee grants an erasure, with a receipt from the requester', async () => {
    const id = await acceptedRequest('DE');
    const recorded = await addressee('DE').post('/subject-requests', { kind: 'erasure', exchangeIds: [id] });
    expect(recorded.status).toBe(201);
    await addressee('DE').post(`/subject-requests/${recorded.body.id}/decision`, { grant: true });
    expect(await subjectOn('DE', id)).toBeNull();
    await eventually(async () => expect(await subjectOn('FR', id)).toBeNull());
    expect((await fr().get(`/requests/${id}`)).body).toMatchObject({ personalData: 'deleted' });
    await eventually(async () => expect((await addressee('DE').get(`/subject-requests/${recorded.body.id}`)).body.effects).toEqual([
      { exchangeId: id, outcome: 'applied', participants: [{ node: 'FR', confirmedAt: expect.any(String) }] },
    ]));
  });

  it('changes nothing in blocked data: the rectification is recorded as contested, with the corrected values, on every participant', async () => {
    const { id, closedAt } = await closedRequest('DE');
    for (const country of ['FR', 'DE']) await network.node(country).app!.get(RetentionService).runOnce(addMonths(closedAt, 6));
    const recorded = await fr().post('/subject-requests', { kind: 'rectification', exchangeIds: [id], corrections: { givenNames: 'Ottilie Maria' } });
    await fr().post(`/subject-requests/${recorded.body.id}/decision`, { grant: true });
    await eventually(async () => expect((await fr().get(`/subject-requests/${recorded.body.id}`)).body.effects).toEqual([
      { exchangeId: id, outcome: 'contested', participants: [{ node: 'DE', confirmedAt: expect.any(String) }] },
    ]));
    for (const country of ['FR', 'DE']) {
      expect((await subjectOn(country, id)).given_names).toBe(person.givenNames);
      const contests = await network.node(country).db.query('SELECT kind, corrections FROM exchange_contests WHERE exchange_id = $1', [id]);
      expect(contests).toEqual([{ kind: 'rectification', corrections: expect.objectContaining({ givenNames: 'Ottilie Maria' }) }]);
    }
  });

  it('deletes nothing anywhere when a participant refuses an early deletion, and everything everywhere when it agrees', async () => {
    const { id } = await closedRequest('DE');
    const subjects = async () => [await subjectOn('FR', id), await subjectOn('DE', id)].filter(Boolean).length;

    const first = await fr().post(`/requests/${id}/early-deletion`, { reason: 'the professional withdrew the application' });
    expect(first.status).toBe(201);
    expect(first.body.participants).toEqual([{ node: 'DE', answer: 'waiting', reason: null, answeredAt: null, deletedAt: null }]);
    const onDe = await eventually(async () => {
      const list = (await addressee('DE').get(`/early-deletions?role=participant&exchangeId=${id}`)).body.items;
      expect(list.map((d: { id: string }) => d.id)).toContain(first.body.id);
      return list.find((d: { id: string }) => d.id === first.body.id);
    });
    expect(onDe).toMatchObject({ role: 'participant', state: 'proposed', reason: 'the professional withdrew the application' });
    expect((await addressee('DE').post(`/early-deletions/${first.body.id}/answer`, { agree: false })).status).toBe(422);
    expect((await addressee('DE').post(`/early-deletions/${first.body.id}/answer`, { agree: false, reason: 'an appeal is pending' })).body.state).toBe('refused');
    await eventually(async () => expect((await fr().get(`/early-deletions/${first.body.id}`)).body).toMatchObject({
      state: 'refused', participants: [{ node: 'DE', answer: 'refused', reason: 'an appeal is pending' }],
    }));
    expect(await subjects()).toBe(2);

    const second = await fr().post(`/requests/${id}/early-deletion`, { reason: 'the appeal was withdrawn' });
    await eventually(async () => expect((await addressee('DE').post(`/early-deletions/${second.body.id}/answer`, { agree: true })).body.state).toBe('agreed'));
    // Agreeing deletes nothing yet: the proposer orders it once every participant agreed.
    const executed = await eventually(async () => {
      const view = (await fr().get(`/early-deletions/${second.body.id}`)).body;
      expect(view.participants[0].deletedAt).not.toBeNull();
      return view;
    });
    expect(executed).toMatchObject({ state: 'executed', participants: [{ node: 'DE', answer: 'agreed' }] });
    expect(await subjects()).toBe(0);
    expect((await addressee('DE').get(`/early-deletions/${second.body.id}`)).body.state).toBe('executed');
    // The proposer's list of this exchange's early deletions, a page at a time, filtered in SQL.
    const page1 = (await fr().get(`/early-deletions?exchangeId=${id}&limit=1`)).body;
    const page2 = (await fr().get(`/early-deletions?exchangeId=${id}&limit=1&cursor=${page1.nextCursor}`)).body;
    expect([...page1.items, ...page2.items].map((d: { id: string }) => d.id)).toEqual([second.body.id, first.body.id]);
    expect(page2.nextCursor).toBeNull();
    expect((await fr().get(`/early-deletions?exchangeId=${id}&state=refused`)).body.items.map((d: { id: string }) => d.id)).toEqual([first.body.id]);
    expect((await fr().get(`/early-deletions?exchangeId=${id}&role=participant`)).body.items).toEqual([]);
    for (const party of [fr(), addressee('DE')]) expect((await party.get(`/requests/${id}`)).body.personalData).toBe('deleted');
  });

  it('applies a propagation exactly once on a node that was down when it was decided, after restart', async () => {
    const id = await acceptedRequest('DE');
    await network.stopNode('DE');
    const recorded = await fr().post('/subject-requests', { kind: 'rectification', exchangeIds: [id], corrections: { registerNumber: 'RPPS-50002223335' } });
    await fr().post(`/subject-requests/${recorded.body.id}/decision`, { grant: true });
    await network.startNode('DE');
    await eventually(async () => expect((await subjectOn('DE', id)).register_number).toBe('RPPS-50002223335'));
    await eventually(async () => expect((await fr().get(`/subject-requests/${recorded.body.id}`)).body.effects[0].participants[0].confirmedAt).not.toBeNull());
    const applied = async () => network.node('DE').db.query(`SELECT count(*)::int AS n FROM request_events WHERE request_id = $1 AND type = 'subject-rectification-propagated'`, [id]);
    expect(await applied()).toEqual([{ n: 1 }]);

    // The same signed message replayed through the hub is recognised and changes nothing.
    const [sent] = await network.node('FR').db.query(
      `SELECT o.value, o.headers FROM outbox_messages o JOIN subject_request_effects e ON e.message_id = o.message_id WHERE e.subject_request_id = $1`, [recorded.body.id],
    );
    const counts = await inboxCounts(network.node('DE').url);
    await forge.send(forge.topics.ingress, { key: id, value: sent.value, headers: sent.headers });
    await eventually(async () => expect((await inboxCounts(network.node('DE').url)).duplicate).toBe(counts.duplicate + 1));
    expect(await applied()).toEqual([{ n: 1 }]);
  });

  describe('alerts', () => {
    const ines = { familyName: 'Testperson-Alert', givenNames: 'Inès', dateOfBirth: '1970-07-07' };
    const versionsOn = async (country: keyof typeof ADDRESSEES | 'FR', id: string) =>
      (await (country === 'FR' ? fr() : addressee(country)).get(`/alerts/${id}`)).body.versions;

    async function pqAlert(): Promise<string> {
      const sent = await fr().post('/alerts', {
        kind: 'professional-qualifications-alert', recipients: { authorityIds: ['DE-BE-AEK', 'ES-MSAN'] },
        content: { person: ines, profession: 'nurse', decidingAuthority: 'Ordre national des infirmiers', scope: 'restriction', periodFrom: '2026-11-01', decisionDate: '2026-11-20' },
      });
      expect(sent.status).toBe(201);
      for (const country of ['DE', 'ES'] as const) await eventually(async () => expect(await versionsOn(country, sent.body.id)).toHaveLength(1));
      return sent.body.id;
    }

    it('propagates a rectification decided by one recipient to the sender and every other recipient, and an erasure by the sender to all', async () => {
      const id = await pqAlert();
      const recorded = await addressee('DE').post('/subject-requests', { kind: 'rectification', exchangeIds: [id], corrections: { givenNames: 'Inès Marie' } });
      expect(recorded.status).toBe(201);
      await addressee('DE').post(`/subject-requests/${recorded.body.id}/decision`, { grant: true });
      for (const country of ['DE', 'FR', 'ES'] as const) {
        await eventually(async () => expect((await versionsOn(country, id))[0].content.person).toEqual({ ...ines, givenNames: 'Inès Marie', placeOfBirth: null }));
      }
      await eventually(async () => expect((await addressee('DE').get(`/subject-requests/${recorded.body.id}`)).body.effects).toEqual([
        { exchangeId: id, outcome: 'applied', participants: [{ node: 'ES', confirmedAt: expect.any(String) }, { node: 'FR', confirmedAt: expect.any(String) }] },
      ]));
      // Every access to the alert's content is in each node's audit log: received, read, rectified.
      const audited = async (country: string) => (await network.node(country).db.query('SELECT action FROM audit_log WHERE exchange_id = $1', [id])).map((a) => a.action);
      expect(await audited('DE')).toEqual(expect.arrayContaining(['write', 'read', 'rectify']));
      await eventually(async () => expect(await audited('FR')).toEqual(expect.arrayContaining(['write', 'read', 'rectify'])));

      const erasure = await fr().post('/subject-requests', { kind: 'erasure', exchangeIds: [id] });
      await fr().post(`/subject-requests/${erasure.body.id}/decision`, { grant: true });
      for (const country of ['FR', 'DE', 'ES']) {
        await eventually(async () => expect(await network.node(country).db.query('SELECT 1 FROM alert_versions WHERE alert_id = $1', [id])).toHaveLength(0));
      }
      // The corrected values DE recorded went with the data they corrected.
      expect(await network.node('DE').db.query('SELECT corrections FROM subject_requests WHERE id = $1', [recorded.body.id])).toEqual([{ corrections: null }]);
    });

    it('deletes an alert early only when the sender and every other recipient agree', async () => {
      const id = await pqAlert();
      await fr().post(`/alerts/${id}/close`);
      await eventually(async () => expect((await addressee('ES').get(`/alerts/${id}`)).body.state).toBe('closed'));
      await eventually(async () => expect((await addressee('DE').get(`/alerts/${id}`)).body.state).toBe('closed'));
      const held = async () => (await Promise.all(['FR', 'DE', 'ES'].map((c) => network.node(c).db.query('SELECT 1 FROM alert_versions WHERE alert_id = $1', [id])))).map((r) => r.length);

      const answer = async (party: ReturnType<typeof fr>, deletionId: string, body: object) =>
        eventually(async () => expect((await party.post(`/early-deletions/${deletionId}/answer`, body)).status).toBe(200));
      const first = await addressee('ES').post(`/alerts/${id}/early-deletion`, { reason: 'restriction lifted on appeal' });
      expect(first.status).toBe(201);
      expect(first.body.participants.map((p: { node: string }) => p.node).sort()).toEqual(['DE', 'FR']);
      await answer(fr(), first.body.id, { agree: true });
      await answer(addressee('DE'), first.body.id, { agree: false, reason: 'the file is still open here' });
      await eventually(async () => expect((await addressee('ES').get(`/early-deletions/${first.body.id}`)).body.state).toBe('refused'));
      // FR, which had agreed, is told: it does not wait for an order.
      await eventually(async () => expect((await fr().get(`/early-deletions/${first.body.id}`)).body.state).toBe('refused'));
      expect(await held()).toEqual([1, 1, 1]);

      const second = await addressee('ES').post(`/alerts/${id}/early-deletion`, { reason: 'restriction lifted on appeal' });
      await answer(fr(), second.body.id, { agree: true });
      await answer(addressee('DE'), second.body.id, { agree: true });
      await eventually(async () => expect(await held()).toEqual([0, 0, 0]));
      await eventually(async () => {
        const view = (await addressee('ES').get(`/early-deletions/${second.body.id}`)).body;
        expect(view).toMatchObject({ state: 'executed' });
        expect(view.participants.every((p: { deletedAt: string | null }) => p.deletedAt !== null)).toBe(true);
      });
    });

    it('refuses to rectify a notification, which names no person in structured fields', async () => {
      const sent = await fr().post('/alerts', {
        kind: 'notification', legislativeArea: 'professional-qualifications', recipients: { authorityIds: ['DE-BE-AEK'] }, content: { subject: 'Register update', text: 'x' },
      });
      const refused = await fr().post('/subject-requests', { kind: 'rectification', exchangeIds: [sent.body.id], corrections: { familyName: 'Y' } });
      expect(refused).toMatchObject({ status: 422, body: { detail: expect.stringContaining('names no person') } });
    });
  });

  it('lists data subjects\' requests a page at a time, filtered in SQL, with the urgency list over every undecided one', async () => {
    const id = await acceptedRequest('DE');
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const recorded = [];
    for (const kind of ['erasure', 'objection', 'erasure'] as const) {
      recorded.push((await fr().post('/subject-requests', { kind, exchangeIds: [id], receivedAt: old })).body.id);
    }
    const first = await fr().get(`/subject-requests?exchangeId=${id}&kind=erasure&limit=1`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    const second = await fr().get(`/subject-requests?exchangeId=${id}&kind=erasure&limit=1&cursor=${first.body.nextCursor}`);
    expect([first.body.items[0].id, second.body.items[0].id].sort()).toEqual([recorded[0], recorded[2]].sort());
    expect(second.body.nextCursor).toBeNull();
    expect((await fr().get(`/subject-requests/objections?exchangeId=${id}`)).body.items.map((r: { id: string }) => r.id)).toEqual([recorded[1]]);
    // A cursor from another sort is refused; the 40-day-old erasures are overdue, the routed objection is not on the list.
    expect((await fr().get(`/subject-requests?sort=due-asc&cursor=${first.body.nextCursor}`)).status).toBe(422);
    const urgent = (await fr().get('/subject-requests/urgent')).body;
    expect(urgent).toEqual(expect.arrayContaining([recorded[0], recorded[2]].map((r) => expect.objectContaining({ id: r, reason: 'deadline-passed' }))));
    expect(urgent.map((u: { id: string }) => u.id)).not.toContain(recorded[1]);
  });

  it('reports everything the node holds about one person, signed by the node, as JSON and as PDF', async () => {
    const zofia = { familyName: 'Wiśniewska-Łukasik', givenNames: 'Zofia', dateOfBirth: '1975-11-12', registerNumber: 'NIL-7001' };
    const toDe = await acceptedRequest('DE', zofia);
    const toEs = await acceptedRequest('ES', { ...zofia, familyName: 'WISNIEWSKA LUKASIK' });
    const alert = await fr().post('/alerts', {
      kind: 'professional-qualifications-alert', recipients: { authorityIds: ['DE-BE-AEK'] },
      content: {
        person: { familyName: zofia.familyName, givenNames: zofia.givenNames, dateOfBirth: zofia.dateOfBirth }, profession: 'physician',
        decidingAuthority: 'Chambre disciplinaire', scope: 'prohibition', periodFrom: '2026-11-01', decisionDate: '2026-11-20',
      },
    });
    expect(alert.status).toBe(201);
    const other = await acceptedRequest('DE', { ...zofia, givenNames: 'Zuzanna' });

    const response = await fr().post('/access-reports', { familyName: 'Wisniewska-Lukasik', givenNames: 'zofia', dateOfBirth: zofia.dateOfBirth });
    expect(response.status).toBe(200);
    const { report } = await verifyReport(response.body.jws, network.node('FR').app!.get(TrustStore).signer(kidOf(response.body.jws)).key);
    expect(report).toEqual(response.body.report);
    const reported = response.body.report.exchanges.map((e: { exchangeId: string }) => e.exchangeId);
    expect(reported.sort()).toEqual([toDe, toEs, alert.body.id].sort());
    expect(reported).not.toContain(other);
    const request = response.body.report.exchanges.find((e: { exchangeId: string }) => e.exchangeId === toDe);
    expect(request).toMatchObject({ type: 'information-request', authorities: { requester: 'FR-CNOM', addressee: 'DE-BE-AEK' }, data: { subject: { familyName: zofia.familyName } } });
    // What GDPR Art. 15 asks for: who received the data and when, the retention, the questions in words, where to complain.
    expect(request).toMatchObject({
      legislativeArea: 'professional-qualifications', receivedFrom: null,
      disclosedTo: [{ authorityId: 'DE-BE-AEK', name: 'Ärztekammer Berlin', memberState: 'DE', receivedAt: expect.any(String) }],
      retention: { blockAfterMonths: 6, deleteAfterMonths: 36, blockedFrom: null, deletedFrom: null },
      questions: [{ questionId: 'pq.diploma.authentic', text: expect.stringMatching(/diploma/i), answers: [] }],
    });
    expect(response.body.report).toMatchObject({ language: 'en', controller: { authorityId: 'FR-CNOM', memberState: 'FR' }, supervisoryAuthority: { name: expect.stringContaining('CNIL') } });
    const exports = await network.node('FR').db.query(`SELECT DISTINCT exchange_id FROM audit_log WHERE action = 'export' AND purpose = 'right of access report'`);
    expect(exports.map((e) => e.exchange_id)).toEqual(expect.arrayContaining([toDe, toEs, alert.body.id]));

    const pdf = await actingFor(network.node('FR'), 'FR-CNOM').raw('/access-reports?format=pdf', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ registerNumber: 'nil 7001', language: 'de' }),
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const document = await PDFDocument.load(bytes);
    // In the language chosen: its title, its language tag, and the signed report says so too.
    expect(document.getTitle()).toBe('Ihre personenbezogenen Daten im Binnenmarkt-Informationssystem (IMI)');
    expect(document.catalog.get(PDFName.of('Lang'))?.toString()).toContain('de');
    expect(document.getPageCount()).toBeGreaterThanOrEqual(1);
    // The signed report travels inside the PDF, and checks.
    const attached = attachedFile(document, 'access-report.jws');
    const inPdf = await verifyReport(attached, network.node('FR').app!.get(TrustStore).signer(kidOf(attached)).key);
    expect((inPdf.report as { language: string; exchanges: { questions: { text: string }[] }[] })).toMatchObject({ language: 'de' });
    expect((inPdf.report as { exchanges: { questions: { text: string }[] }[] }).exchanges[0].questions[0].text).toMatch(/Diplom/);
    expect((await fr().post('/access-reports', { registerNumber: 'NIL-7001', language: 'pl' })).status).toBe(400);

    expect((await fr().post('/access-reports', { familyName: zofia.familyName })).status).toBe(422);
    expect((await fr().post('/access-reports', { registerNumber: 'NIL-0000' })).body.report.exchanges).toEqual([]);
  });

  it('carries no personal value in clear on any topic or into the hub database, corrected values included', async () => {
    const records = await readAllRecords(network.prefix);
    expect(records.some((r) => r.topic.endsWith('node.ES.inbox'))).toBe(true);
    const hubDump = await dumpDatabase(network.hubDb);
    for (const value of [
      person.familyName, person.givenNames, person.dateOfBirth, person.registerNumber, 'Testperson-Corrected', 'Ottilie Maria', '1979-05-07',
      'Wiśniewska-Łukasik', 'NIL-7001', 'Testperson-Alert', 'Inès Marie',
    ]) {
      const needle = Buffer.from(value, 'utf8');
      expect(records.filter((r) => r.value?.includes(needle) || r.headers.includes(needle)).length).toBe(0);
      expect(hubDump.includes(value)).toBe(false);
    }
  });

  describe('bad input', () => {
    it('refuses requests about exchanges the authority is not part of, as if they did not exist', async () => {
      const id = await acceptedRequest('DE');
      const es = addressee('ES');
      expect((await es.post('/subject-requests', { kind: 'erasure', exchangeIds: [id] })).status).toBe(404);
      expect((await es.post(`/requests/${id}/early-deletion`, { reason: 'x' })).status).toBe(404);
    });

    it('refuses early deletion of an open exchange, rectification of unknown fields and refusals without reason, storing nothing', async () => {
      const id = await acceptedRequest('DE');
      const count = async () => (await network.node('FR').db.query('SELECT count(*)::int AS n FROM subject_requests'))[0].n;
      const before = await count();
      const open = await fr().post(`/requests/${id}/early-deletion`, { reason: 'no longer needed' });
      expect(open).toMatchObject({ status: 422, body: { detail: expect.stringContaining('only a closed exchange') } });
      const unknown = await fr().post('/subject-requests', { kind: 'rectification', exchangeIds: [id], corrections: { nationality: 'FR' } });
      expect(unknown).toMatchObject({ status: 422, body: { detail: expect.stringContaining('nationality is not a field') } });
      expect((await fr().post('/subject-requests', { kind: 'erasure', exchangeIds: [id], corrections: { familyName: 'X' } })).status).toBe(422);
      expect(await count()).toBe(before);
      const recorded = await fr().post('/subject-requests', { kind: 'erasure', exchangeIds: [id] });
      expect((await fr().post(`/subject-requests/${recorded.body.id}/decision`, { grant: false })).status).toBe(422);
      expect((await fr().get(`/subject-requests/${recorded.body.id}`)).body.state).toBe('open');
      const objection = await fr().post('/subject-requests', { kind: 'objection', exchangeIds: [id] });
      expect(objection.body).toMatchObject({ state: 'routed', routedTo: 'data-protection-contact' });
      expect((await fr().post(`/subject-requests/${objection.body.id}/decision`, { grant: true })).status).toBe(422);
      expect(await subjectOn('FR', id)).not.toBeNull();
    });

    it('rejects an erasure forged by a node that is not a participant, and changes nothing', async () => {
      const id = await acceptedRequest('DE');
      const counts = await inboxCounts(network.node('DE').url);
      const body = forge.codec.encodeBody('subject.erased', { subjectRequestId: randomUUID(), exchangeId: id, decidedAt: Date.now() });
      const envelope = forge.requestSent({
        type: 'subject.erased', senderNode: 'ES', senderAuthority: 'ES-MSAN', caseId: id, body: forge.crypto('ES').sealFor(body, ['DE']),
      });
      await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(envelope), 'ES'));
      await eventually(async () => expect((await inboxCounts(network.node('DE').url)).rejected).toBe(counts.rejected + 1));
      expect(await subjectOn('DE', id)).not.toBeNull();
      // The impostor hears why, in DE's signed rejection.
      await eventually(async () => expect(await network.node('ES').db.query(
        'SELECT rejected_by, code FROM rejections_received WHERE rejected_message_id = $1', [envelope.messageId],
      )).toEqual([{ rejected_by: 'DE', code: 'unknown-sender' }]));
    });
  });
});
