import { randomUUID } from 'node:crypto';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';

/**
 * Issue 16: every list is read a page at a time with a cursor, filtered and sorted in SQL, and
 * the urgency lists look at every open item, not only the newest few hundred.
 */
describe('lists: pages, filters, urgency over everything open', () => {
  let network: TestNetwork;

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
  });

  afterAll(async () => {
    await network?.close();
  });

  const fr = () => actingFor(network.node('FR'), 'FR-CNOM');
  const de = () => actingFor(network.node('DE'), 'DE-BE-AEK');
  const subject = { familyName: 'Testperson-Lists', givenNames: 'Paula', dateOfBirth: '1975-03-04' };

  async function send(): Promise<string> {
    const created = await fr().post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** Every item of a list, page by page; checks that no page repeats an item of another. */
  async function readAll(client: ReturnType<typeof fr>, query: string): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await client.get(`/requests?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      pages++;
      for (const item of response.body.items) {
        expect(ids).not.toContain(item.id);
        ids.push(item.id);
      }
      cursor = response.body.nextCursor;
    } while (cursor);
    return { ids, pages };
  }

  it('pages through every request once, in order, and filters in the database', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) sent.push(await send());
    await eventually(async () => expect((await de().get(`/requests/${sent[4]}`)).status).toBe(200));

    const newestFirst = await readAll(fr(), 'limit=2&role=requester');
    expect(newestFirst.ids.slice(0, 5)).toEqual([...sent].reverse());
    expect(newestFirst.pages).toBeGreaterThanOrEqual(3);
    const oldestFirst = await readAll(fr(), 'limit=2&sort=sent-asc&role=requester');
    expect(oldestFirst.ids).toEqual([...newestFirst.ids].reverse());

    expect((await readAll(fr(), 'role=addressee')).ids).toEqual([]);
    expect((await readAll(de(), 'state=sent&otherAuthorityId=FR-CNOM')).ids).toEqual(expect.arrayContaining(sent));
    expect((await readAll(de(), 'state=closed')).ids).toEqual([]);
    expect((await readAll(de(), 'otherAuthorityId=ES-MSAN')).ids).toEqual([]);
    expect((await readAll(fr(), `sentFrom=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).ids).toEqual([]);
    expect((await readAll(fr(), 'legislativeArea=services')).ids).toEqual([]);
  });

  it.each([
    ['a cursor made up', 'cursor=bm90LWEtY3Vyc29y', 422],
    ['a page size of 0', 'limit=0', 400],
    ['a page size over 200', 'limit=201', 400],
    ['an unknown state', 'state=lost', 400],
    ['an unknown sort', 'sort=random', 400],
    ['a date that is no date', 'sentFrom=yesterday', 400],
  ])('refuses %s with problem details', async (_, query, status) => {
    const response = await fr().get(`/requests?${query}`);
    expect(response).toMatchObject({ status, contentType: expect.stringContaining('application/problem+json') });
  });

  it('refuses a cursor given for another sort order', async () => {
    await send();
    await send();
    const first = await fr().get('/requests?limit=1&sort=sent-desc');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect((await fr().get(`/requests?limit=1&sort=sent-asc&cursor=${first.body.nextCursor}`)).status).toBe(422);
  });

  it('puts an old request that became urgent on the urgency list, behind hundreds of newer ones', async () => {
    const db = network.node('DE').db;
    const old = randomUUID();
    const row = (id: string, sentAt: Date) => [id, 'addressee', 'FR-CNOM', 'FR', 'DE-BE-AEK', 'DE', 'professional-qualifications', '[]', 'sent', new Date(Date.now() + 30 * 86_400_000), sentAt, sentAt];
    const insert = `INSERT INTO requests (id, role, requester_authority_id, requester_node, addressee_authority_id, addressee_node, legislative_area, questions, state, reply_by, sent_at, last_activity_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`;
    await db.query(insert, row(old, new Date(Date.now() - 10 * 86_400_000)));
    // 600 newer ones, none urgent yet: more than the 500 the list used to read.
    await db.query(
      `INSERT INTO requests (id, role, requester_authority_id, requester_node, addressee_authority_id, addressee_node, legislative_area, questions, state, reply_by, sent_at, last_activity_at)
       SELECT gen_random_uuid(), 'addressee', 'FR-CNOM', 'FR', 'DE-BE-AEK', 'DE', 'professional-qualifications', '[]', 'sent', now() + interval '30 days', now() - (n || ' seconds')::interval, now()
       FROM generate_series(1, 600) n`,
    );
    const urgent = (await de().get('/requests/urgent')).body;
    expect(urgent).toContainEqual(expect.objectContaining({ id: old, reasons: ['not-accepted-within-7-days'] }));
    expect(urgent.filter((u: { reasons: string[] }) => u.reasons.includes('not-accepted-within-7-days')).length).toBeLessThan(600);
    // The list itself still shows the newest first, one page at a time.
    const page = await de().get('/requests?limit=200');
    expect(page.body.items).toHaveLength(200);
    expect(page.body.items.map((r: { id: string }) => r.id)).not.toContain(old);
  });

  it('pages through alerts too', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = await actingFor(network.node('DE'), 'DE-BE-AEK').post('/alerts', {
        kind: 'notification', legislativeArea: 'professional-qualifications', recipients: { authorityIds: ['FR-CNOM'] },
        content: { subject: `notice ${i}`, text: 'procedural information' },
      });
      expect(sent.status).toBe(201);
      ids.push(sent.body.id);
    }
    const first = await de().get('/alerts?limit=2&role=sender');
    expect(first.body.items.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
    const second = await de().get(`/alerts?limit=2&role=sender&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await de().get('/alerts?role=recipient&kind=notification')).body.items).toEqual([]);
    await eventually(async () => expect((await fr().get('/alerts?role=recipient')).body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(ids)));
  });
});
