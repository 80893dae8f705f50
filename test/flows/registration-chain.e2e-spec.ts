import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Role } from '@imi/domain';
import { HUB_NODE, publicKeySet, TrustStore } from '@imi/envelope';
import { ensureKeys, NetworkPlan, registerMemberState } from '../../apps/hub/src/operator/provision';
import { Forge, RejectionNotices } from './forge';
import { actingFor, eventually } from './http';
import { TestNetwork } from './network';

const PLAN: NetworkPlan = {
  nodes: [
    {
      code: 'DE',
      authorities: [
        { id: 'DE-NIMIC', name: 'Nationaler IMI-Koordinator', legislativeAreas: ['services', 'professional-qualifications'], kind: 'national-coordinator' },
        { id: 'DE-BE-AEK', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'], names: { de: 'Ärztekammer Berlin', fr: 'Ordre des médecins de Berlin' } },
      ],
    },
    { code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] },
  ],
};

const COORDINATOR: Role[] = ['coordinator'];
const HWK = {
  id: 'DE-BY-HWK-MUC',
  kind: 'competent-authority',
  names: {
    de: 'Handwerkskammer für München und Oberbayern',
    fr: 'Chambre des métiers de Munich et de Haute-Bavière',
    en: 'Chamber of Skilled Crafts for Munich and Upper Bavaria',
  },
  address: { street: 'Max-Joseph-Straße 4', postalCode: '80333', city: 'München', country: 'DE' },
  legislativeAreas: ['professional-qualifications'],
  keywords: { de: ['Meisterprüfung', 'Handwerksrolle'], en: ['master craftsman examination'] },
  professions: ['electrician', 'master craftsman'],
  region: 'Bayern',
};

/**
 * The registration chain end to end: the operator registers a member state's node and its
 * national coordinator; the national coordinator registers and validates a delegated
 * coordinator, which registers and validates an authority of its region; the hub checks the
 * chain again, updates the trust list and broadcasts the directory; another state's node finds
 * the authority in three languages; suspension and removal reach the network and keep history.
 */
describe('registration chain and directory', () => {
  let network: TestNetwork;

  beforeAll(async () => {
    network = await TestNetwork.start(PLAN);
  });

  afterAll(async () => {
    await network?.close();
  });

  const nimic = () => actingFor(network.node('DE'), 'DE-NIMIC', undefined, COORDINATOR);
  const bavaria = () => actingFor(network.node('DE'), 'DE-BY-IMI', undefined, COORDINATOR);
  const search = (q: string, language = 'en') => actingFor(network.node('FR'), 'FR-CNOM', language).get(`/directory?q=${encodeURIComponent(q)}`);
  const hubStatus = async (id: string) => (await network.hubDb.query<{ status: string }>('SELECT status FROM authorities WHERE id = $1', [id]))[0]?.status;
  const trustedStatus = (country: string, id: string) => network.node(country).app!.get(TrustStore).authority(id)?.status;

  it('lets the operator register a member state with its national coordinator, who then registers authorities', async () => {
    const keys = ensureKeys(join(network.keysRoot, 'ES'), 'ES');
    await registerMemberState(network.hubDb, publicKeySet(keys), { id: 'ES-CNIMI', name: 'Coordinador nacional IMI' });
    await expect(registerMemberState(network.hubDb, publicKeySet(keys), { id: 'ES-CNIMI', name: 'again' })).rejects.toThrow(/already registered/);
    await network.addNode('ES');
    const cnimi = actingFor(network.node('ES'), 'ES-CNIMI', undefined, COORDINATOR);
    const registered = await cnimi.post('/registrations', {
      id: 'ES-MSAN', kind: 'competent-authority', names: { es: 'Ministerio de Sanidad', en: 'Ministry of Health' },
      address: { city: 'Madrid', country: 'ES' }, legislativeAreas: ['professional-qualifications'], professions: ['medical doctor', 'nurse'],
    });
    expect(registered).toMatchObject({ status: 201, body: { status: 'registered', registeredBy: 'ES-CNIMI', publication: null } });
    // Not validated yet: not published, not in anyone's directory.
    expect(await hubStatus('ES-MSAN')).toBeUndefined();
    const validated = await cnimi.post('/registrations/ES-MSAN/validate');
    expect(validated.body).toMatchObject({ status: 'active', validatedBy: 'ES-CNIMI' });
    await eventually(async () => expect((await cnimi.get('/registrations/ES-MSAN')).body.publication.acceptedByHubAt).not.toBeNull());
    expect(await hubStatus('ES-MSAN')).toBe('active');
    const found = await eventually(async () => {
      const result = await search('ministry of health');
      expect(result.body[0]?.id).toBe('ES-MSAN');
      return result.body[0];
    });
    expect(found).toMatchObject({ node: 'ES', name: 'Ministry of Health', professions: ['medical doctor', 'nurse'] });
  });

  it('lets a delegated coordinator validate authorities of its region and areas only', async () => {
    const delegated = await nimic().post('/registrations', {
      id: 'DE-BY-IMI', kind: 'delegated-coordinator', names: { de: 'IMI-Koordinierung Bayern' }, address: { city: 'München', country: 'DE' },
      legislativeAreas: ['professional-qualifications'], region: 'Bayern',
    });
    expect(delegated.status).toBe(201);
    await nimic().post('/registrations/DE-BY-IMI/validate');
    // The delegated coordinator acts once the trust list names it.
    await eventually(async () => expect(trustedStatus('DE', 'DE-BY-IMI')).toBe('active'));

    const refusals = [
      await bavaria().post('/registrations', { ...HWK, id: 'DE-BE-HWK', region: 'Berlin', address: { city: 'Berlin', country: 'DE' } }),
      await bavaria().post('/registrations', { ...HWK, id: 'DE-BY-GEWERBE', legislativeAreas: ['services'] }),
      await bavaria().post('/registrations', { ...HWK, id: 'DE-BY-IMI-2', kind: 'delegated-coordinator' }),
    ];
    expect(refusals.map((r) => [r.status, r.body.type])).toEqual([
      [403, expect.stringContaining('outside-scope')], [403, expect.stringContaining('outside-scope')], [403, expect.stringContaining('outside-scope')],
    ]);
    // A competent authority, even with the coordinator role, is not a coordinator.
    expect((await actingFor(network.node('FR'), 'FR-CNOM', undefined, COORDINATOR).post('/registrations', { ...HWK, id: 'FR-X' })).status).toBe(403);

    expect((await bavaria().post('/registrations', HWK)).status).toBe(201);
    expect((await bavaria().post('/registrations', HWK)).status).toBe(409);
    expect((await bavaria().post('/registrations', { ...HWK, id: 'DE-BY-OTHER', legislativeAreas: ['astrology'] })).status).toBe(422);
    // Registered, never validated, then removed: it never leaves the node.
    await bavaria().post('/registrations', { ...HWK, id: 'DE-BY-DRAFT' });
    expect((await bavaria().post('/registrations/DE-BY-DRAFT/remove')).body).toMatchObject({ status: 'removed', publication: null });
    expect(await hubStatus('DE-BY-DRAFT')).toBeUndefined();
    expect((await bavaria().post('/registrations/DE-BY-HWK-MUC/validate')).body).toMatchObject({ status: 'active', validatedBy: 'DE-BY-IMI' });
    await eventually(async () => expect(await hubStatus(HWK.id)).toBe('active'));
    const listed = (await nimic().get('/registrations')).body.items.map((r: { id: string; status: string }) => `${r.id} ${r.status}`);
    expect(listed).toEqual(expect.arrayContaining(['DE-BY-IMI active', `${HWK.id} active`, 'DE-BY-DRAFT removed']));

    // A page at a time in the order of the ids, filtered in SQL; a cursor not made by the list is refused.
    const first = await nimic().get('/registrations?limit=2');
    expect(first.body.items.map((r: { id: string }) => r.id)).toEqual(['DE-BY-DRAFT', 'DE-BY-HWK-MUC']);
    const second = await nimic().get(`/registrations?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r: { id: string }) => r.id)).toEqual(['DE-BY-IMI']);
    expect(second.body.nextCursor).toBeNull();
    expect((await nimic().get('/registrations?status=removed')).body.items.map((r: { id: string }) => r.id)).toEqual(['DE-BY-DRAFT']);
    expect((await nimic().get('/registrations?kind=delegated-coordinator&legislativeArea=professional-qualifications')).body.items.map((r: { id: string }) => r.id)).toEqual(['DE-BY-IMI']);
    expect((await nimic().get('/registrations?cursor=bm9wZQ')).status).toBe(422);
    expect((await nimic().get('/registrations?status=sleeping')).status).toBe(400);
  });

  it('finds the authority from another member state in German, French and English, whatever the reader\'s language', async () => {
    for (const [query, language] of [['Handwerkskammer München', 'fr'], ['chambre des metiers munich', 'de'], ['Chamber of Skilled Crafts Munich', 'en']]) {
      const result = await eventually(async () => {
        const r = await search(query, language);
        expect(r.body[0]?.id).toBe(HWK.id);
        return r;
      });
      expect(result.body[0].name).toBe(HWK.names[language as 'de' | 'fr' | 'en']);
    }
    expect((await search('meisterprufung')).body.map((r: { id: string }) => r.id)).toEqual([HWK.id]);
    const byProfession = await actingFor(network.node('FR'), 'FR-CNOM').get('/directory?profession=electrician&country=DE');
    expect(byProfession.body.map((r: { id: string }) => r.id)).toEqual([HWK.id]);
    // Pathological queries: a clear error, no search.
    expect((await search('x'.repeat(201))).status).toBe(422);
    expect((await search(Array(20).fill('kammer').join(' '))).status).toBe(422);
  });

  it('changes an authority\'s directory data within the coordinator\'s scope, and the network follows', async () => {
    const changed = await bavaria().patch(`/registrations/${HWK.id}`, { names: { ...HWK.names, it: 'Camera dell\'artigianato di Monaco di Baviera' }, professions: [...HWK.professions, 'plumber'] });
    expect(changed.status).toBe(200);
    await eventually(async () => expect((await search('camera artigianato monaco', 'it')).body[0]).toMatchObject({ id: HWK.id, name: 'Camera dell\'artigianato di Monaco di Baviera' }));
    // Moving it out of the delegated coordinator's areas is refused, and changes nothing.
    expect((await bavaria().patch(`/registrations/${HWK.id}`, { legislativeAreas: ['services'] })).status).toBe(403);
    expect((await bavaria().get(`/registrations/${HWK.id}`)).body.legislativeAreas).toEqual(['professional-qualifications']);
  });

  it('suspends, reinstates and removes through the hub to every node, keeping the history', async () => {
    const fr = actingFor(network.node('FR'), 'FR-CNOM');
    await bavaria().post(`/registrations/${HWK.id}/suspend`);
    await eventually(async () => expect(trustedStatus('FR', HWK.id)).toBe('suspended'));
    await eventually(async () => expect((await search('Handwerkskammer München')).body).toEqual([]));

    await bavaria().post(`/registrations/${HWK.id}/reinstate`);
    await eventually(async () => expect(trustedStatus('FR', HWK.id)).toBe('active'));
    await eventually(async () => expect((await search('Handwerkskammer München')).body[0]?.id).toBe(HWK.id));

    const removed = await nimic().post(`/registrations/${HWK.id}/remove`);
    expect(removed.body.status).toBe('removed');
    await eventually(async () => expect(trustedStatus('FR', HWK.id)).toBe('removed'));
    // Removed is final, and its id is never given out again.
    expect((await nimic().post(`/registrations/${HWK.id}/reinstate`)).status).toBe(409);
    expect((await nimic().post('/registrations', HWK)).status).toBe(409);
    // A message to a removed authority is refused.
    const request = await fr.post('/requests', {
      addresseeAuthorityId: HWK.id, legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: { familyName: 'Testperson-Removed', givenNames: 'Uwe' },
    });
    expect(request.status).toBeGreaterThanOrEqual(400);

    const history = (await nimic().get(`/registrations/${HWK.id}`)).body.history.map((h: { action: string; byAuthority: string }) => `${h.action} by ${h.byAuthority}`);
    expect(history).toEqual(['register by DE-BY-IMI', 'validate by DE-BY-IMI', 'update by DE-BY-IMI', 'suspend by DE-BY-IMI', 'reinstate by DE-BY-IMI', 'remove by DE-NIMIC']);
    const atHub = await network.hubDb.query<{ status: string; changed_by: string }>('SELECT status, changed_by FROM authority_history WHERE authority_id = $1 ORDER BY id', [HWK.id]);
    expect(atHub.map((h) => `${h.status} by ${h.changed_by}`)).toEqual(['active by DE-BY-IMI', 'active by DE-BY-IMI', 'suspended by DE-BY-IMI', 'active by DE-BY-IMI', 'removed by DE-NIMIC']);
  });

  it('lets the national coordinator suspend an authority the operator registered, keeping its names in every language', async () => {
    await eventually(async () => expect((await search('ordre des medecins berlin')).body[0]?.id).toBe('DE-BE-AEK'));
    expect((await nimic().post('/registrations/DE-BE-AEK/suspend')).body).toMatchObject({ status: 'suspended', registeredBy: 'hub operator' });
    await eventually(async () => expect(await hubStatus('DE-BE-AEK')).toBe('suspended'));
    await nimic().post('/registrations/DE-BE-AEK/reinstate');
    await eventually(async () => expect((await search('ordre des medecins berlin', 'fr')).body[0]).toMatchObject({ id: 'DE-BE-AEK', name: 'Ordre des médecins de Berlin' }));
    // The national coordinator itself is the operator's to change.
    expect((await nimic().post('/registrations/DE-NIMIC/suspend')).status).toBe(404);
  });

  /** Ingress records the hub's router has not yet consumed and committed. */
  async function routerLag(forge: Forge): Promise<number> {
    const admin = forge.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(forge.topics.ingress);
      const [committed] = await admin.fetchOffsets({ groupId: `${network.prefix}hub.router`, topics: [forge.topics.ingress] });
      return ends.reduce((lag, end) => {
        const at = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        return lag + Number(end.high) - Math.max(at, 0);
      }, 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('refuses a publication that breaks the chain at the hub with a signed rejection, and applies a replayed one once', async () => {
    const forge = await Forge.open(network);
    const notices = await RejectionNotices.watch(forge);
    try {
      const body = forge.codec.encodeBody('directory.updated', {
        authorityId: 'FR-FAKE', kind: 'competent-authority', status: 'active', validatedBy: 'FR-CNOM', names: { fr: 'Autorité inventée' },
        address: null, legislativeAreas: ['professional-qualifications'], keywords: {}, professions: [], region: null, changedAt: Date.now(),
      });
      const value = forge.codec.encodeEnvelope({
        messageId: randomUUID(), type: 'directory.updated', senderNode: 'FR', senderAuthority: 'FR-CNOM', recipientNodes: [HUB_NODE], recipientAuthorities: [],
        caseId: 'registration:FR-FAKE', legislativeArea: null, sentAt: Date.now(), causationId: null, bodyEncoding: 'PLAIN', body,
      });
      const message = forge.signed(value, 'FR');
      await forge.send(forge.topics.ingress, message);
      expect(await notices.for(message.key)).toMatchObject({ code: 'registration-refused', senderNode: 'FR' });
      expect(await hubStatus('FR-FAKE')).toBeUndefined();

      // A valid publication replayed: applied once, the copy neither changes nor refuses anything.
      const messageId = randomUUID();
      const valid = forge.signed(forge.codec.encodeEnvelope({
        messageId, type: 'directory.updated', senderNode: 'DE', senderAuthority: 'DE-NIMIC', recipientNodes: [HUB_NODE], recipientAuthorities: [],
        caseId: 'registration:DE-REPLAY', legislativeArea: null, sentAt: Date.now(), causationId: null, bodyEncoding: 'PLAIN',
        body: forge.codec.encodeBody('directory.updated', {
          authorityId: 'DE-REPLAY', kind: 'competent-authority', status: 'active', validatedBy: 'DE-NIMIC', names: { de: 'Wiederholungsamt' },
          address: null, legislativeAreas: ['services'], keywords: {}, professions: [], region: null, changedAt: Date.now(),
        }),
      }), 'DE');
      await forge.send(forge.topics.ingress, valid);
      await forge.send(forge.topics.ingress, valid);
      await eventually(async () => expect(await routerLag(forge)).toBe(0));
      expect(await hubStatus('DE-REPLAY')).toBe('active');
      expect(await network.hubDb.query('SELECT 1 FROM authority_history WHERE authority_id = $1', ['DE-REPLAY'])).toHaveLength(1);
      expect(notices.all().some((n) => n.messageId === messageId)).toBe(false);
    } finally {
      await notices.close();
      await forge.close();
    }
  });
});
