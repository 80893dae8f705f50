import { Forge, RejectionNotices } from './forge';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';

/**
 * The rest of the information request workflow, FR → DE over the real stack: forwarding
 * within a member state (the gate holds for the new addressee too), reply-date proposals,
 * further information, acceptance of the answer, urgency lists, minimisation, confidentiality
 * and purpose limitation.
 */
describe('information request workflow', () => {
  let network: TestNetwork;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const person = { familyName: 'Testperson-Kowalczyk', givenNames: 'Wiesława', dateOfBirth: '1983-11-02', registerNumber: 'RPPS-20007654321' };
  const request = (overrides: Record<string, unknown> = {}) => ({
    addresseeAuthorityId: 'DE-BE-AEK',
    legislativeArea: 'professional-qualifications',
    replyBy: inDays(14),
    questions: [{ questionId: 'pq.diploma.authentic' }],
    subject: person,
    ...overrides,
  });

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
  });

  afterAll(async () => {
    await network?.close();
  });

  const fr = () => actingFor(network.node('FR'), 'FR-CNOM');
  const aek = () => actingFor(network.node('DE'), 'DE-BE-AEK');
  const lageso = () => actingFor(network.node('DE'), 'DE-BE-LAGESO');
  const subjectRowsOnDe = async (id: string) =>
    (await network.node('DE').db.query('SELECT 1 FROM request_subjects WHERE request_id = $1', [id])).length;

  async function sent(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await fr().post('/requests', request(overrides));
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await eventually(async () => expect((await aek().get(`/requests/${id}`)).status).toBe(200));
    return id;
  }

  async function stateOn(party: ReturnType<typeof actingFor>, id: string, state: string) {
    return eventually(async () => {
      const r = await party.get(`/requests/${id}`);
      expect(r.body.state).toBe(state);
      return r.body;
    });
  }

  it('forwards before acceptance: the new addressee gets the person only when it accepts, the old one loses the request', async () => {
    const id = await sent();
    const forwarded = await aek().post(`/requests/${id}/forward`, { toAuthorityId: 'DE-BE-LAGESO' });
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toMatchObject({ state: 'sent', addresseeAuthorityId: 'DE-BE-LAGESO' });
    expect((await aek().get(`/requests/${id}`)).status).toBe(404);
    await eventually(async () => expect((await fr().get(`/requests/${id}`)).body.addresseeAuthorityId).toBe('DE-BE-LAGESO'));

    const before = (await lageso().get(`/requests/${id}`)).body;
    expect(before.subject).toBeUndefined();
    expect(await subjectRowsOnDe(id)).toBe(0);

    await lageso().post(`/requests/${id}/accept`);
    await eventually(async () => expect((await lageso().get(`/requests/${id}`)).body.subject).toMatchObject(person));
    expect((await fr().get(`/requests/${id}`)).body.history.map((e: { type: string }) => e.type)).toEqual(['sent', 'forwarded', 'accepted']);
  });

  it('forwards after acceptance: the node drops its copy of the person until the new addressee accepts', async () => {
    const id = await sent();
    await aek().post(`/requests/${id}/accept`);
    await eventually(async () => expect(await subjectRowsOnDe(id)).toBe(1));

    await aek().post(`/requests/${id}/forward`, { toAuthorityId: 'DE-BE-LAGESO' });
    expect(await subjectRowsOnDe(id)).toBe(0);
    await stateOn(fr(), id, 'sent');
    expect((await lageso().get(`/requests/${id}`)).body.subject).toBeUndefined();

    await lageso().post(`/requests/${id}/accept`);
    await eventually(async () => expect(await subjectRowsOnDe(id)).toBe(1));
    expect((await lageso().get(`/requests/${id}`)).body.subject).toMatchObject(person);
  });

  it('refuses forwarding to an authority of another member state or outside the area', async () => {
    const id = await sent();
    for (const to of ['FR-CNOM', 'DE-BY-GEWERBE', 'DE-NOPE']) {
      const refused = await aek().post(`/requests/${id}/forward`, { toAuthorityId: to });
      expect(refused.status).toBe(422);
      expect(refused.contentType).toContain('application/problem+json');
    }
    expect((await aek().get(`/requests/${id}`)).body).toMatchObject({ state: 'sent', addresseeAuthorityId: 'DE-BE-AEK' });
  });

  it('negotiates the reply date: a refused proposal changes nothing, an agreed one moves the date on both nodes', async () => {
    const id = await sent();
    const original = (await fr().get(`/requests/${id}`)).body.replyBy;
    const first = inDays(30);
    await aek().post(`/requests/${id}/reply-date`, { replyBy: first });
    await eventually(async () => expect((await fr().get(`/requests/${id}`)).body.proposedReplyBy).toBe(first));
    await fr().post(`/requests/${id}/reply-date/response`, { agree: false });
    await eventually(async () => expect((await aek().get(`/requests/${id}`)).body.proposedReplyBy).toBeNull());
    expect((await aek().get(`/requests/${id}`)).body.replyBy).toBe(original);

    const second = inDays(21);
    await aek().post(`/requests/${id}/reply-date`, { replyBy: second });
    await eventually(async () => expect((await fr().get(`/requests/${id}`)).body.proposedReplyBy).toBe(second));
    expect((await fr().post(`/requests/${id}/reply-date/response`, { agree: true })).body.replyBy).toBe(second);
    await eventually(async () => expect((await aek().get(`/requests/${id}`)).body).toMatchObject({ replyBy: second, proposedReplyBy: null }));
    // Answering the proposal twice is refused: none is pending.
    expect((await fr().post(`/requests/${id}/reply-date/response`, { agree: true })).status).toBe(409);
  });

  it('loops through partial answer, further information and final answer to acceptance and closure', async () => {
    const id = await sent({ questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: 'Which specialty?' }] });
    await aek().post(`/requests/${id}/accept`);
    await stateOn(fr(), id, 'accepted');
    await aek().post(`/requests/${id}/answer`, { final: false, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] });
    await stateOn(fr(), id, 'partially-answered');
    await aek().post(`/requests/${id}/answer`, { final: true, answers: [{ questionId: 'pq.free-text', answer: 'General medicine' }] });
    await stateOn(fr(), id, 'answered');
    expect((await fr().get('/requests/urgent')).body).toContainEqual(expect.objectContaining({ id, reasons: ['answered-not-closed'] }));

    await fr().post(`/requests/${id}/further-information`, { note: 'Please state the year of the specialty.' });
    const onDe = await stateOn(aek(), id, 'further-information-requested');
    expect(onDe.furtherInformation).toEqual([expect.objectContaining({ note: 'Please state the year of the specialty.' })]);
    await aek().post(`/requests/${id}/answer`, { final: true, answers: [{ questionId: 'pq.free-text', answer: 'General medicine, 2012' }] });
    await stateOn(fr(), id, 'answered');
    await fr().post(`/requests/${id}/accept-answer`);
    await stateOn(aek(), id, 'answer-accepted');
    await fr().post(`/requests/${id}/close`);
    const closed = await stateOn(aek(), id, 'closed');
    expect(closed.answers).toHaveLength(3);
    expect(closed.history.map((e: { type: string }) => e.type)).toEqual([
      'sent', 'accepted', 'partially-answered', 'answered', 'further-information-requested', 'answered', 'answer-accepted', 'closed',
    ]);
    expect((await fr().get('/requests/urgent')).body.map((u: { id: string }) => u.id)).not.toContain(id);
  });

  it('takes structured answers only in the form each question asks for, and a document answer only as an attachment of the request', async () => {
    const id = await sent({
      questions: [{ questionId: 'pq.diploma.issue-date' }, { questionId: 'pq.register.status' }, { questionId: 'pq.conformity.certificate' }],
    });
    await aek().post(`/requests/${id}/accept`);
    await stateOn(fr(), id, 'accepted');
    for (const [questionId, answer] of [
      ['pq.diploma.issue-date', '2011-02-30'],
      ['pq.register.status', 'not-a-choice'],
      ['pq.conformity.certificate', '00000000-0000-4000-8000-000000000000'],
      ['pq.diploma.authentic', 'yes'],
    ]) {
      const refused = await aek().post(`/requests/${id}/answer`, { final: false, answers: [{ questionId, answer }] });
      expect({ questionId, status: refused.status }).toEqual({ questionId, status: 422 });
    }
    expect((await aek().get(`/requests/${id}`)).body).toMatchObject({ state: 'accepted', answers: [] });

    // The addressee attaches the certificate and answers with it; FR receives both.
    const certificate = Buffer.from('%PDF-1.7\n1 0 obj << /Title (Certificate of conformity) >> endobj\n%%EOF\n', 'latin1');
    const uploaded = await aek().raw(`/requests/${id}/attachments?fileName=conformity.pdf&concernsPerson=true`, {
      method: 'POST', headers: { 'content-type': 'application/pdf' }, body: certificate,
    });
    expect(uploaded.status).toBe(201);
    const { id: attachmentId } = (await uploaded.json()) as { id: string };
    const choice = (await aek().get(`/catalogue/professional-qualifications`)).body.find((q: { id: string }) => q.id === 'pq.register.status').choices[0].id;
    const answered = await aek().post(`/requests/${id}/answer`, {
      final: true,
      answers: [
        { questionId: 'pq.diploma.issue-date', answer: '2011-06-30' },
        { questionId: 'pq.register.status', answer: choice },
        { questionId: 'pq.conformity.certificate', answer: attachmentId },
      ],
    });
    expect(answered.status).toBe(200);
    const onFr = await stateOn(fr(), id, 'answered');
    expect(onFr.answers.map((a: { answer: string }) => a.answer)).toEqual(['2011-06-30', choice, attachmentId]);
    expect(onFr.attachments).toEqual([expect.objectContaining({ id: attachmentId, fileName: 'conformity.pdf' })]);
  });

  it('serves the catalogue in the reader\'s language, falling back to English', async () => {
    const danish = (await actingFor(network.node('DE'), 'DE-BE-AEK', 'da').get('/catalogue/professional-qualifications')).body;
    expect(danish.find((q: { id: string }) => q.id === 'pq.diploma.authentic')).toMatchObject({ language: 'da', answerType: 'yes-no' });
    const irish = (await actingFor(network.node('DE'), 'DE-BE-AEK', 'ga').get('/catalogue/professional-qualifications')).body;
    expect(irish[0].language).toBe('en');
    expect((await aek().get('/catalogue/no-such-area')).status).toBe(404);
    expect((await aek().get('/catalogue')).body).toMatchObject({ version: 1, areas: expect.arrayContaining(['services', 'solvit']) });
    // Cached in the node's own database, for a restart while the hub is unreachable.
    expect(await network.node('DE').db.query('SELECT version FROM question_catalogues')).toEqual([{ version: 1 }]);
  });

  it('records a justified national id, and refuses one beside a register number without justification', async () => {
    const bare = await fr().post('/requests', request({ subject: { ...person, nationalId: '1830211234567' } }));
    expect(bare.status).toBe(422);
    expect(bare.body.type).toBe('urn:imi:problem:invalid-request');
    expect(bare.body.detail).not.toContain('1830211234567');

    const justification = 'Two registered doctors share this register number.';
    const id = await sent({ subject: { ...person, nationalId: '1830211234567', nationalIdJustification: justification } });
    await aek().post(`/requests/${id}/accept`);
    const disclosed = await eventually(async () => {
      const r = await aek().get(`/requests/${id}`);
      expect(r.body.subject).toBeDefined();
      return r.body.subject;
    });
    expect(disclosed).toMatchObject({ nationalId: '1830211234567', nationalIdJustification: justification });
  });

  it('shows the confidential marking and the reason for sensitive questions to the addressee, kept on both nodes', async () => {
    const reason = 'Verification of fitness to practise after a reported suspension.';
    const id = await sent({ confidential: true, sensitiveReason: reason });
    const onDe = (await aek().get(`/requests/${id}`)).body;
    expect(onDe).toMatchObject({ confidential: true, sensitiveReason: reason });
    const [row] = await network.node('DE').db.query('SELECT confidential, sensitive_reason FROM requests WHERE id = $1', [id]);
    expect(row).toEqual({ confidential: true, sensitive_reason: reason });
  });

  it('refuses at the hub a request between authorities not both registered for its area', async () => {
    const forge = await Forge.open(network);
    const notices = await RejectionNotices.watch(forge);
    try {
      // DE-BY-GEWERBE is registered for services only.
      const envelope = forge.requestSent({ recipientAuthorities: ['DE-BY-GEWERBE'] });
      const message = forge.signed(forge.codec.encodeEnvelope(envelope));
      await forge.send(forge.topics.ingress, message);
      expect(await notices.for(message.key)).toMatchObject({ code: 'area-not-registered', senderNode: 'FR' });
      expect(await network.node('DE').db.query('SELECT 1 FROM requests WHERE id = $1', [envelope.caseId])).toHaveLength(0);
    } finally {
      await notices.close();
      await forge.close();
    }
  });
});
