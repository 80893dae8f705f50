import { KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AvroCodec, derivePairwiseKek, DetachedSigner, Envelope, findSchemasDir, HEADERS, NodeCrypto, open, parseSealed, PrivateJwk, privateKeyObject, PublicJwk,
  publicKeyObject, readKeySet, TrustStore,
} from '@imi/envelope';
import { topicNames } from '@imi/messaging';
import { destroyEncryptionKey, rotateEncryptionKey } from '../../apps/hub/src/operator/encryption-keys';
import { rotateSigningKey } from '../../apps/hub/src/operator/signing-keys';
import { RegistryRepository } from '../../apps/hub/src/registry/registry.repository';
import { stackEndpoints } from '../stack/endpoints';
import { Forge, inboxCounts, RejectionNotices } from './forge';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';
import { readAllRecords } from './raw-topics';

/**
 * Encryption-key epochs on the real network: the operator rotates DE's (and FR's) epoch key
 * while a case is open, the nodes pick the new keys up from the trust list without a restart,
 * every sealed message names the epoch in force when it was sent, and once the old keys are
 * destroyed a body captured from Kafka under them can be opened by no one.
 */
describe('encryption-key rotation on the network', () => {
  let network: TestNetwork;
  let registry: RegistryRepository;
  let codec: AvroCodec;
  const epoch1 = new Map<string, string>();
  const epoch2 = new Map<string, string>();
  let notBefore: Date;
  let firstCase: string;
  /** request.sent FR → DE under epoch 1, as read back from DE's inbox topic. */
  let captured: Envelope;
  /** Every public key ever in a trust list of this network, for the exhaustive search. */
  const everPublished = new Map<string, PublicJwk>();
  const person = { familyName: 'Testperson-Rotation', givenNames: 'Epoch', dateOfBirth: '1981-02-03' };

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
    registry = new RegistryRepository(network.hubDb);
    codec = await AvroCodec.connect(stackEndpoints().schemaRegistryUrl, findSchemasDir());
    for (const node of ['DE', 'FR']) epoch1.set(node, readKeySet(join(network.keysRoot, node)).encryption[0].kid);
    remember();
  });

  afterAll(async () => {
    await network?.close();
  });

  const fr = () => actingFor(network.node('FR'), 'FR-CNOM');
  const de = () => actingFor(network.node('DE'), 'DE-BE-AEK');
  const nodeApp = (country: string) => network.node(country).app!;

  function remember(): void {
    for (const node of network.hub!.get(TrustStore).current?.nodes ?? []) for (const k of node.encryptionKeys) everPublished.set(k.kid, k);
  }

  async function sendRequest(): Promise<string> {
    const created = await fr().post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK',
      legislativeArea: 'professional-qualifications',
      replyBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }],
      subject: person,
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    await eventually(async () => expect((await de().get(`/requests/${id}`)).status).toBe(200));
    return id;
  }

  /** Sealed messages that reached each node's inbox, decoded from the raw records (one scan). */
  async function sealedInInboxes(): Promise<Record<'DE' | 'FR', Envelope[]>> {
    const topics = topicNames(network.prefix);
    const records = await readAllRecords(network.prefix);
    const sealed = async (country: string) => {
      const values = records.filter((r) => r.topic === topics.inbox(country) && r.value).map((r) => r.value!);
      return (await Promise.all(values.map((v) => codec.decodeEnvelope(v)))).filter((e) => e.bodyEncoding === 'JWE');
    };
    return { DE: await sealed('DE'), FR: await sealed('FR') };
  }

  const recipientKid = (e: Envelope) => parseSealed(e.body).jwe.recipients[0].header.kid;

  it('seals under epoch 1 before any rotation', async () => {
    firstCase = await sendRequest();
    const [sent] = (await sealedInInboxes()).DE.filter((e) => e.type === 'request.sent' && e.caseId === firstCase);
    expect(recipientKid(sent)).toBe(epoch1.get('DE'));
    expect(parseSealed(sent.body).header.skid).toBe(epoch1.get('FR'));
    captured = sent;
  });

  it('announces the next epochs ahead; the nodes hold the new keys at once, without a restart', async () => {
    // Wide enough for the announcement to reach every node on a loaded CI machine.
    notBefore = new Date(Date.now() + 20_000);
    const previousValidUntil = new Date(Date.now() + 600_000);
    for (const node of ['DE', 'FR']) {
      const rotation = await rotateEncryptionKey(registry, { node, keys: network.keysRoot, notBefore, previousValidUntil });
      expect(rotation).toMatchObject({ node, immediate: false, previous: [{ kid: epoch1.get(node), notAfter: previousValidUntil }] });
      epoch2.set(node, rotation.kid);
    }
    for (const country of ['DE', 'FR', 'ES']) {
      await eventually(async () => {
        const keys = nodeApp(country).get(TrustStore).encryptionKeysOf('DE');
        expect(keys.map((k) => [k.kid, k.notBefore])).toEqual([
          [epoch1.get('DE'), expect.any(String)],
          [epoch2.get('DE'), notBefore.toISOString()],
        ]);
      });
    }
    for (const country of ['DE', 'FR']) expect(nodeApp(country).get(NodeCrypto).heldKeyIds).toEqual([epoch1.get(country), epoch2.get(country)]);
    remember();

    // Announced, not yet in force: senders still seal for epoch 1.
    expect(Date.now()).toBeLessThan(notBefore.getTime());
    const announcedCase = await sendRequest();
    const [sent] = (await sealedInInboxes()).DE.filter((e) => e.type === 'request.sent' && e.caseId === announcedCase);
    expect(sent.sentAt).toBeLessThan(notBefore.getTime());
    expect(recipientKid(sent)).toBe(epoch1.get('DE'));
  });

  it('carries a case across the rotation, each message sealed for the epoch in force when sent', async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, notBefore.getTime() - Date.now() + 200)));
    // The case opened under epoch 1 goes on under epoch 2.
    expect((await de().post(`/requests/${firstCase}/accept`)).body.state).toBe('accepted');
    await eventually(async () => expect((await de().get(`/requests/${firstCase}`)).body.subject).toMatchObject(person));
    const answered = await de().post(`/requests/${firstCase}/answer`, { final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] });
    expect(answered.body.state).toBe('answered');
    await eventually(async () => expect((await fr().get(`/requests/${firstCase}`)).body.state).toBe('answered'));
    // A new case starts under epoch 2.
    const secondCase = await sendRequest();

    const { DE: toDe, FR: toFr } = await sealedInInboxes();
    const after = (e: Envelope) => e.sentAt >= notBefore.getTime();
    expect(toDe.filter((e) => e.caseId === firstCase && after(e)).map((e) => e.type)).toContain('request.subject-disclosed');
    expect(toDe.filter((e) => e.caseId === secondCase).map((e) => e.type)).toEqual(['request.sent']);
    expect(toFr.filter((e) => e.caseId === firstCase && after(e)).map((e) => e.type)).toEqual(expect.arrayContaining(['request.accepted', 'request.answered']));
    for (const [country, sealed] of [['DE', toDe], ['FR', toFr]] as const) {
      for (const e of sealed) {
        const epoch = after(e) ? epoch2 : epoch1;
        expect([e.type, recipientKid(e)]).toEqual([e.type, epoch.get(country)]);
        expect([e.type, parseSealed(e.body).header.skid]).toEqual([e.type, epoch.get(e.senderNode)]);
      }
    }
  });

  it('destroys epoch 1 of DE: the running node no longer holds it and refuses the captured body with a typed rejection', async () => {
    const destroyed = await destroyEncryptionKey(registry, { node: 'DE', kid: epoch1.get('DE')!, keys: network.keysRoot });
    expect(destroyed).toEqual({ node: 'DE', kid: epoch1.get('DE'), early: true, removedFromKeySet: true });
    const [row] = await network.hubDb.query('SELECT status, destroyed_at, not_after FROM node_keys WHERE kid = $1', [epoch1.get('DE')]);
    expect(row.status).toBe('destroyed');
    expect(row.not_after.getTime()).toBeLessThanOrEqual(Date.now());
    expect(readFileSync(join(network.keysRoot, 'DE', 'private.json'), 'utf8')).not.toContain(epoch1.get('DE'));

    const deCrypto = nodeApp('DE').get(NodeCrypto);
    await eventually(async () => expect(deCrypto.heldKeyIds).toEqual([epoch2.get('DE')]));
    await eventually(async () => expect(nodeApp('FR').get(TrustStore).encryptionKeysOf('DE').map((k) => k.kid)).toEqual([epoch2.get('DE')]));
    expect(deCrypto.cachedKekPairs().filter((pair) => pair.includes(epoch1.get('DE')!))).toEqual([]);
    expect(nodeApp('FR').get(NodeCrypto).cachedKekPairs().filter((pair) => pair.includes(epoch1.get('DE')!))).toEqual([]);
    expect(() => deCrypto.openFrom(captured.body, 'FR')).toThrow(expect.objectContaining({ code: 'undecryptable', reason: 'key-destroyed' }));

    // Replayed through the hub in a fresh, validly signed envelope: rejected, never a crash.
    const forge = await Forge.open(network);
    try {
      const replay = forge.requestSent({ body: captured.body });
      await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(replay)));
      await eventually(async () => {
        const rows = await network.node('DE').db.query('SELECT outcome, rejection_code FROM inbox_messages WHERE message_id = $1', [replay.messageId]);
        expect(rows).toEqual([{ outcome: 'rejected', rejection_code: 'undecryptable' }]);
      });
    } finally {
      await forge.close();
    }
    // And the node goes on: a new case under epoch 2 still arrives.
    await sendRequest();
  });

  it('once FR has destroyed the epoch key it sealed with too, no key anywhere opens the captured body', async () => {
    // Static-static X25519: the sender's epoch key is the other half of the pairwise key, so
    // until FR destroys the key it sealed with, that key (and only that one) still opens it.
    expect(opens([...privateKeysUnder(network.keysRoot).values()], [...everPublished.values()], captured.body)).toEqual([epoch1.get('FR')]);
    await destroyEncryptionKey(registry, { node: 'FR', kid: epoch1.get('FR')!, keys: network.keysRoot });
    await eventually(async () => expect(nodeApp('FR').get(NodeCrypto).heldKeyIds).toEqual([epoch2.get('FR')]));

    const everyKey = privateKeysUnder(network.keysRoot);
    for (const country of network.nodes.keys()) for (const jwk of [...nodeApp(country).get(NodeCrypto).keys.encryption]) everyKey.set(jwk.d, jwk);
    const kids = [...everyKey.values()].map((k) => k.kid);
    expect(kids).not.toContain(epoch1.get('DE'));
    expect(kids).not.toContain(epoch1.get('FR'));
    expect(kids).toEqual(expect.arrayContaining([epoch2.get('DE'), epoch2.get('FR')]));
    expect(opens([...everyKey.values()], [...everPublished.values()], captured.body)).toEqual([]);
    for (const country of network.nodes.keys()) {
      expect(() => nodeApp(country).get(NodeCrypto).openFrom(captured.body, 'FR')).toThrow(expect.objectContaining({ code: 'undecryptable' }));
    }
  });

  it('rotates a signing key with overlap: the node signs with the new key once announced, the previous one verifies until revoked', async () => {
    const forge = await Forge.open(network);
    try {
      const previous = readKeySet(join(network.keysRoot, 'FR')).signing;
      const rotation = await rotateSigningKey(registry, { node: 'FR', keys: network.keysRoot });
      expect(rotation.previousKid).toBe(previous.kid);
      await eventually(async () => expect(nodeApp('FR').get(NodeCrypto).signer.kid).toBe(rotation.kid));
      // FR's own traffic now goes out under the new key, and DE applies it.
      const id = await sendRequest();
      const [sent] = await network.node('FR').db.query(`SELECT headers FROM outbox_messages WHERE message_key = $1 ORDER BY id LIMIT 1`, [id]);
      expect(JSON.parse(Buffer.from(sent.headers[HEADERS.signature].split('.')[0], 'base64url').toString()).kid).toBe(rotation.kid);
      // A message signed with the previous key (in flight during the switch) is still routed and applied.
      const envelope = forge.requestSent();
      const value = forge.codec.encodeEnvelope(envelope);
      await forge.send(forge.topics.ingress, { key: envelope.caseId, value, headers: { [HEADERS.signature]: new DetachedSigner(previous).signMessage(value, envelope.body) } });
      await eventually(async () => expect(await network.node('DE').db.query('SELECT 1 FROM requests WHERE id = $1', [envelope.caseId])).toHaveLength(1));
    } finally {
      await forge.close();
    }
  });

  it('refuses, at the hub and on every node, a message signed with a key the operator revoked, once the trust list has reached them', async () => {
    const forge = await Forge.open(network);
    const notices = await RejectionNotices.watch(forge);
    try {
      const kid = readKeySet(join(network.keysRoot, 'FR')).signing.kid;
      const before = forge.signed(forge.codec.encodeEnvelope(forge.requestSent()), 'FR');
      await forge.send(forge.topics.ingress, before);
      await eventually(async () => expect((await inboxCounts(network.node('DE').url)).applied).toBeGreaterThan(0));

      await registry.revokeKey(kid);
      // The hub republishes its trust list at once; every node and the hub stop trusting the key.
      for (const trust of [network.hub!.get(TrustStore), ...['DE', 'FR', 'ES'].map((c) => nodeApp(c).get(TrustStore))]) {
        await eventually(async () => expect(() => trust.signer(kid)).toThrow('revoked'));
      }
      const after = forge.signed(forge.codec.encodeEnvelope(forge.requestSent()), 'FR');
      await forge.send(forge.topics.ingress, after);
      expect(await notices.for(after.key)).toMatchObject({ code: 'sender-not-active' });
      // Written straight into DE's inbox, without the hub, it is not even authenticated.
      const counts = await inboxCounts(network.node('DE').url);
      await forge.send(forge.topics.inbox('DE'), after);
      await eventually(async () => expect((await inboxCounts(network.node('DE').url)).ignored).toBe(counts.ignored + 1));
    } finally {
      await notices.close();
      await forge.close();
    }
  });
});

/** Every private JWK in any file under `root` (all nodes' and the hub's key folders). */
function privateKeysUnder(root: string): Map<string, PrivateJwk> {
  const found = new Map<string, PrivateJwk>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      if (typeof (value as PrivateJwk).d === 'string') found.set((value as PrivateJwk).d, value as PrivateJwk);
      else Object.values(value).forEach(collect);
    }
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else collect(JSON.parse(readFileSync(path, 'utf8')));
    }
  };
  walk(root);
  return found;
}

/** Kids of the private keys that open `sealed` with any published public key, under the message's own key binding. */
function opens(privateKeys: PrivateJwk[], publicKeys: PublicJwk[], sealed: Buffer): string[] {
  const { jwe, header } = parseSealed(sealed);
  const nodeOf = (kid: string) => kid.split('-')[0];
  return privateKeys
    .filter((jwk) => {
      let privateKey: KeyObject;
      try {
        privateKey = privateKeyObject(jwk);
      } catch {
        return false;
      }
      return publicKeys.some((peer) =>
        jwe.recipients.some((r) => {
          try {
            const kek = derivePairwiseKek(
              { node: nodeOf(header.skid), kid: header.skid, privateKey },
              { node: nodeOf(r.header.kid), kid: r.header.kid, publicKey: publicKeyObject(peer) },
            );
            open(jwe, r.header.kid, kek);
            return true;
          } catch {
            return false;
          }
        }),
      );
    })
    .map((k) => k.kid);
}
