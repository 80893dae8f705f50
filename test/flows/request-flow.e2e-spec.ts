import { dumpDatabase } from './database-dump';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';
import { readAllRecords } from './raw-topics';

/**
 * The guidelines' first example, end to end over real Kafka, Apicurio and Postgres: the
 * French order of doctors asks a Berlin authority to confirm a doctor's diploma.
 */
describe('information request FR → hub → DE', () => {
  let network: TestNetwork;
  const person = {
    familyName: 'Testperson-Lefèvre',
    givenNames: 'Amélie-Zoé',
    dateOfBirth: '1979-03-14',
    registerNumber: 'RPPS-10003456789',
  };
  const freeText = 'Does the diploma include the Facharzt specialist training?';

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
  });

  afterAll(async () => {
    await network?.close();
  });

  it('is sent, accepted, answered and closed, with the person disclosed only after acceptance', async () => {
    // Each case handler reads in their own language.
    const fr = actingFor(network.node('FR'), 'FR-CNOM', 'fr-FR,fr;q=0.9,en;q=0.5');
    const de = actingFor(network.node('DE'), 'DE-BE-AEK', 'de-DE');

    const created = await fr.post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK',
      legislativeArea: 'professional-qualifications',
      replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText }],
      subject: person,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'requester', state: 'sent', subject: { ...person, nationalId: null } });
    const id: string = created.body.id;

    // The addressee sees the request, never the person, before it accepts.
    const incoming = await eventually(async () => {
      const r = await de.get(`/requests/${id}`);
      expect(r.status).toBe(200);
      return r.body;
    });
    expect(incoming).toMatchObject({ role: 'addressee', state: 'sent', requesterAuthorityId: 'FR-CNOM', legislativeArea: 'professional-qualifications' });
    // The request carried question ids; DE renders them from its copy of the catalogue, in German.
    expect(incoming.questions).toEqual([
      { questionId: 'pq.diploma.authentic', freeText: null, question: expect.objectContaining({ answerType: 'yes-no', language: 'de', text: expect.stringMatching(/Diplom/) }) },
      { questionId: 'pq.free-text', freeText, question: expect.objectContaining({ answerType: 'text', freeText: true, language: 'de' }) },
    ]);
    expect(incoming.subject).toBeUndefined();
    expect(await subjectRows('DE', id)).toBe(0);
    expect((await de.get('/requests')).body.items.map((r: { id: string }) => r.id)).toContain(id);

    // Acceptance releases the person to DE, sealed for DE.
    expect((await de.post(`/requests/${id}/accept`)).body.state).toBe('accepted');
    await eventually(async () => expect((await fr.get(`/requests/${id}`)).body.state).toBe('accepted'));
    const disclosed = await eventually(async () => {
      const r = await de.get(`/requests/${id}`);
      expect(r.body.subject).toBeDefined();
      return r.body;
    });
    expect(disclosed.subject).toEqual({ ...person, nationalId: null, nationalIdJustification: null });

    const answered = await de.post(`/requests/${id}/answer`, {
      final: true,
      answers: [
        { questionId: 'pq.diploma.authentic', answer: 'yes' },
        { questionId: 'pq.free-text', answer: 'Yes, completed in 2011.' },
      ],
    });
    expect(answered.body.state).toBe('answered');
    const onFr = await eventually(async () => {
      const r = await fr.get(`/requests/${id}`);
      expect(r.body.state).toBe('answered');
      return r.body;
    });
    expect(onFr.answers.map((a: { answer: string }) => a.answer)).toEqual(['yes', 'Yes, completed in 2011.']);
    expect(onFr.answers.map((a: { text: string }) => a.text)).toEqual(['Oui', 'Yes, completed in 2011.']);
    expect(onFr.questions[0].question).toMatchObject({ language: 'fr', text: expect.stringMatching(/diplôme/) });

    expect((await fr.post(`/requests/${id}/close`)).body.state).toBe('closed');
    await eventually(async () => expect((await de.get(`/requests/${id}`)).body.state).toBe('closed'));

    // Both databases agree, and the closure date (retention runs from it) is the same.
    const [frRow] = await network.node('FR').db.query('SELECT state, closed_at, accepted_at FROM requests WHERE id = $1', [id]);
    const [deRow] = await network.node('DE').db.query('SELECT state, closed_at, accepted_at FROM requests WHERE id = $1', [id]);
    expect(frRow.state).toBe('closed');
    expect(deRow.state).toBe('closed');
    expect(deRow.closed_at.getTime()).toBe(frRow.closed_at.getTime());
    expect(deRow.accepted_at.getTime()).toBe(frRow.accepted_at.getTime());
    expect(await subjectRows('DE', id)).toBe(1);
    // ES took no part: it holds nothing of this case.
    expect(await network.node('ES').db.query('SELECT 1 FROM requests WHERE id = $1', [id])).toHaveLength(0);
    expect(await network.node('ES').db.query('SELECT 1 FROM inbox_messages')).toHaveLength(0);

    // Every message of the case was acknowledged by a signed receipt from the node it went to.
    for (const country of ['FR', 'DE']) {
      await eventually(async () => {
        const rows = await network.node(country).db.query('SELECT type, delivered_at FROM deliveries ORDER BY sent_at');
        expect(rows.length).toBeGreaterThanOrEqual(country === 'FR' ? 3 : 2);
        expect(rows.filter((r) => r.delivered_at === null)).toEqual([]);
      });
    }

    // No personal value of the case is on any topic or in the hub database in clear text.
    const records = await readAllRecords(network.prefix);
    expect(records.length).toBeGreaterThanOrEqual(7);
    const hubDump = await dumpDatabase(network.hubDb);
    expect(hubDump).toContain('DE-BE-AEK');
    for (const value of [person.familyName, person.givenNames, person.dateOfBirth, person.registerNumber, 'completed in 2011', 'Facharzt']) {
      const needle = Buffer.from(value, 'utf8');
      expect(records.filter((r) => r.value?.includes(needle) || r.headers.includes(needle))).toEqual([]);
      expect(hubDump).not.toContain(value);
    }
  });

  async function subjectRows(country: string, id: string): Promise<number> {
    return (await network.node(country).db.query('SELECT 1 FROM request_subjects WHERE request_id = $1', [id])).length;
  }
});
