import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigResourceTypes } from 'kafkajs';
import { addMonths } from '@imi/domain';
import { readKeySet } from '@imi/envelope';
import { sealedTopicRetention } from '@imi/messaging';
import { rotateEncryptionKey } from '../../apps/hub/src/operator/encryption-keys';
import { TrustListPublisher } from '../../apps/hub/src/registry/trust-list.publisher';
import { RegistryRepository } from '../../apps/hub/src/registry/registry.repository';
import { RetentionService } from '../../apps/node/src/privacy/retention.service';
import { dumpDatabase } from './database-dump';
import { Forge } from './forge';
import { actingFor, eventually } from './http';
import { TestNetwork, THREE_NODES } from './network';
import { readableCopies } from './sealed-copies';

const run = promisify(execFile);
type Kind = 'request' | 'alert';
type Country = 'FR' | 'DE' | 'ES';
const AUTHORITY: Record<Country, string> = { FR: 'FR-CNOM', DE: 'DE-BE-AEK', ES: 'ES-MSAN' };

/**
 * Issue 15: erasure, early deletion and the retention run's deletion leave nothing readable on
 * any participant, not even in the sealed copies of the messages a node keeps for proof, opened
 * with the node's own keys; and the proof of exchange still verifies, with an independent
 * verifier, showing what was erased, when and under which decision.
 */
describe('deletion that leaves nothing readable', () => {
  let network: TestNetwork;
  let forge: Forge;
  let seq = 0;

  beforeAll(async () => {
    network = await TestNetwork.start(THREE_NODES);
    forge = await Forge.open(network);
  });

  afterAll(async () => {
    await forge?.close();
    await network?.close();
  });

  const party = (country: Country) => actingFor(network.node(country), AUTHORITY[country]);

  /** ASCII markers, unique per exchange, so a find is never another test's. */
  function markers() {
    const n = `${process.pid}x${++seq}`;
    return {
      person: { familyName: `Erasmark-Family-${n}`, givenNames: `Erasmark-Given-${n}`, dateOfBirth: '1966-06-16', registerNumber: `ERASE-REG-${n}` },
      rectifiedName: `Erasmark-Rectified-${n}`,
      document: `Erasmark-Diploma-${n}`,
    };
  }
  type Markers = ReturnType<typeof markers>;
  const values = (m: Markers) => [m.person.familyName, m.person.givenNames, m.person.registerNumber, m.rectifiedName, m.document];

  /** The markers a participant can still read anywhere: every table's text, and every stored copy opened with its own keys. */
  async function readable(country: Country, id: string, m: Markers): Promise<string[]> {
    const node = network.node(country);
    const text = [await dumpDatabase(node.db), ...await readableCopies(node, id, forge.codec, forge.trust, network.keysRoot)].join('\n');
    return values(m).filter((v) => text.includes(v));
  }

  /** FR asks DE about the person with a diploma about them; DE accepts and receives both. */
  async function request(m: Markers): Promise<{ id: string; participants: Country[] }> {
    const created = await party('FR').post('/requests', {
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: new Date(Date.now() + 86_400_000).toISOString(),
      questions: [{ questionId: 'pq.diploma.authentic' }], subject: m.person,
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const pdf = Buffer.from(`%PDF-1.7\n1 0 obj << /Title (${m.document}) >> endobj\n%%EOF\n`, 'latin1');
    const upload = await party('FR').raw(`/requests/${id}/attachments?fileName=diploma.pdf&concernsPerson=true`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: pdf });
    expect(upload.status).toBe(201);
    await eventually(async () => expect((await party('DE').get(`/requests/${id}`)).status).toBe(200));
    expect((await party('DE').post(`/requests/${id}/accept`)).status).toBe(200);
    await eventually(async () => expect((await party('DE').get(`/requests/${id}`)).body.attachments).toHaveLength(1));
    return { id, participants: ['FR', 'DE'] };
  }

  /** A professional-qualifications alert from FR naming the person, to DE and ES. */
  async function alert(m: Markers): Promise<{ id: string; participants: Country[] }> {
    const { familyName, givenNames, dateOfBirth } = m.person;
    const sent = await party('FR').post('/alerts', {
      kind: 'professional-qualifications-alert', recipients: { authorityIds: ['DE-BE-AEK', 'ES-MSAN'] },
      content: { person: { familyName, givenNames, dateOfBirth }, profession: 'nurse', decidingAuthority: `Ordre (${m.document})`, scope: 'restriction', periodFrom: '2026-11-01', decisionDate: '2026-11-20' },
    });
    expect(sent.status).toBe(201);
    for (const c of ['DE', 'ES'] as const) await eventually(async () => expect((await party(c).get(`/alerts/${sent.body.id}`)).body.versions).toHaveLength(1));
    return { id: sent.body.id, participants: ['FR', 'DE', 'ES'] };
  }

  /** A rectification granted by FR, applied everywhere: the new name travels sealed, and is stored in the copies too. */
  async function rectify(kind: Kind, id: string, participants: Country[], m: Markers): Promise<void> {
    const recorded = await party('FR').post('/subject-requests', { kind: 'rectification', exchangeIds: [id], corrections: { familyName: m.rectifiedName } });
    await party('FR').post(`/subject-requests/${recorded.body.id}/decision`, { grant: true });
    for (const c of participants) {
      await eventually(async () => expect(JSON.stringify((await party(c).get(`/${kind}s/${id}`)).body)).toContain(m.rectifiedName));
    }
  }

  async function close(kind: Kind, id: string, participants: Country[]): Promise<Date> {
    if (kind === 'request') {
      await party('DE').post(`/requests/${id}/answer`, { final: true, answers: [{ questionId: 'pq.diploma.authentic', answer: 'yes' }] });
      await eventually(async () => expect((await party('FR').get(`/requests/${id}`)).body.state).toBe('answered'));
    }
    const closed = await party('FR').post(`/${kind}s/${id}/close`);
    expect(closed.status).toBe(200);
    for (const c of participants) await eventually(async () => expect((await party(c).get(`/${kind}s/${id}`)).body.state).toBe('closed'));
    const [row] = await network.node('FR').db.query(`SELECT ${kind === 'request' ? 'closed_at' : 'ended_at'} AS at FROM ${kind}s WHERE id = $1`, [id]);
    return row.at;
  }

  const deleted = async (kind: Kind, id: string, participants: Country[]) => {
    for (const c of participants) {
      await eventually(async () => expect((await network.node(c).db.query(`SELECT personal_data_deleted_at FROM ${kind}s WHERE id = $1`, [id]))[0].personal_data_deleted_at).not.toBeNull());
    }
  };

  const decisions: Record<string, (kind: Kind, id: string, participants: Country[], m: Markers) => Promise<{ reason: string; decision: string | null }>> = {
    'a data subject\'s erasure': async (kind, id, participants) => {
      const recorded = await party('FR').post('/subject-requests', { kind: 'erasure', exchangeIds: [id] });
      await party('FR').post(`/subject-requests/${recorded.body.id}/decision`, { grant: true });
      await deleted(kind, id, participants);
      return { reason: 'data-subject-erasure', decision: recorded.body.id };
    },
    'an early deletion': async (kind, id, participants) => {
      await close(kind, id, participants);
      const proposed = await party('FR').post(`/${kind}s/${id}/early-deletion`, { reason: 'the decision was annulled' });
      expect(proposed.status).toBe(201);
      for (const c of participants.filter((p) => p !== 'FR')) {
        await eventually(async () => expect((await party(c).post(`/early-deletions/${proposed.body.id}/answer`, { agree: true })).status).toBe(200));
      }
      await deleted(kind, id, participants);
      return { reason: 'early-deletion', decision: proposed.body.id };
    },
    'the retention run\'s deletion': async (kind, id, participants, m) => {
      const closedAt = await close(kind, id, participants);
      // Blocking first: the copies lose their bodies at once, the blocked data stays in its tables for the audited retrieval.
      for (const c of participants) await network.node(c).app!.get(RetentionService).runOnce(addMonths(closedAt, 6));
      for (const c of participants) {
        expect((await network.node(c).db.query(`SELECT blocked_at FROM ${kind}s WHERE id = $1`, [id]))[0].blocked_at).not.toBeNull();
        // Receipts still in flight at the blocking are caught by the next run's sweep.
        await eventually(async () => {
          await network.node(c).app!.get(RetentionService).runOnce(addMonths(closedAt, 6));
          const [held] = await network.node(c).db.query(`SELECT count(*)::int AS n FROM inbox_messages WHERE case_id = $1 AND value IS NOT NULL`, [id]);
          expect(held.n).toBe(0);
        });
        // Blocked: the person is still in its tables for the audited retrieval, but in no stored copy.
        const copies = (await readableCopies(network.node(c), id, forge.codec, forge.trust, network.keysRoot)).join('\n');
        expect(values(m).filter((v) => copies.includes(v))).toEqual([]);
      }
      for (const c of participants) await network.node(c).app!.get(RetentionService).runOnce(addMonths(closedAt, 36));
      await deleted(kind, id, participants);
      return { reason: 'retention-deletion', decision: null };
    },
  };

  /** Runs scripts/verify-proof.mjs, which uses jose and nothing of ours, on a signed report as a node hands it out. */
  async function independentlyVerified(signedReport: unknown): Promise<{ code: number; result: any }> {
    const dir = mkdtempSync(join(tmpdir(), 'proof-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(signedReport));
    writeFileSync(join(dir, 'trust-list.jws'), network.hub!.get(TrustListPublisher).current!);
    writeFileSync(join(dir, 'hub.json'), readFileSync(join(network.keysRoot, 'hub', 'public.json')));
    const args = ['scripts/verify-proof.mjs', '--report', join(dir, 'report.json'), '--trust-list', join(dir, 'trust-list.jws'), '--hub-key', join(dir, 'hub.json')];
    return run('node', args).then(
      ({ stdout }) => ({ code: 0, result: JSON.parse(stdout) }),
      (error: { code: number; stdout: string }) => ({ code: error.code, result: JSON.parse(error.stdout) }),
    );
  }

  /** The proof-of-exchange report of `country`, and what the independent verifier says of it. */
  async function verifiedProof(country: Country, kind: Kind, id: string) {
    const response = await party(country).get(`/${kind}s/${id}/proof-of-exchange`);
    expect(response.status).toBe(200);
    const { code, result } = await independentlyVerified(response.body);
    expect(code).toBe(0);
    return { report: response.body.report, verified: result };
  }

  describe.each([['request'], ['alert']] as const)('%s', (kind) => {
    it.each(Object.keys(decisions))(`after %s, no participant can read the person in any table or any stored copy, and the proof still verifies`, async (how) => {
      const m = markers();
      const { id, participants } = kind === 'request' ? await request(m) : await alert(m);
      await rectify(kind, id, participants, m);
      // The test can see what it looks for: before, the sealed copies give the person back to each participant's own keys.
      for (const c of participants) {
        const copies = (await readableCopies(network.node(c), id, forge.codec, forge.trust, network.keysRoot)).join('\n');
        expect({ node: c, opened: [m.person.givenNames, m.rectifiedName].filter((v) => copies.includes(v)) }).toEqual({ node: c, opened: [m.person.givenNames, m.rectifiedName] });
      }

      const { reason, decision } = await decisions[how](kind, id, participants, m);
      // Copies in flight at the decision (a receipt, a late answer) are caught by the next retention run's sweep.
      for (const c of participants) await network.node(c).app!.get(RetentionService).runOnce(new Date());

      for (const c of participants) {
        expect({ node: c, readable: await readable(c, id, m) }).toEqual({ node: c, readable: [] });
        const { report, verified } = await verifiedProof(c, kind, id);
        expect(verified.ok).toBe(true);
        expect(verified.report).toBe('valid');
        expect(report.personalData).toMatchObject({ state: 'deleted', deletion: { reason, decision } });
        // Every message this participant exchanged about the person is in the report, body erased, signatures intact.
        const aboutPerson = report.messages.filter((msg: { type: string }) => /subject-disclosed|attachment-shared|alert\.sent|subject\.rectified/.test(msg.type));
        expect(aboutPerson.length).toBeGreaterThan(0);
        for (const msg of aboutPerson) {
          expect(msg).toMatchObject({ protocol: 2, value: null, bodyErased: { reason: expect.any(String), at: expect.any(String) } });
          const check = verified.messages.find((v: { messageId: string }) => v.messageId === msg.messageId);
          expect(check.sender).toMatch(/^valid .*over the manifest/);
          if (msg.direction === 'received') expect(check.hub).toMatch(/^valid \(HUB/);
        }
        // The audit shows the deletion once on each participant, and statistics count it.
        const audited = await network.node(c).db.query(`SELECT count(*)::int AS n FROM audit_log WHERE exchange_id = $1 AND action = 'delete'`, [id]);
        expect(audited).toEqual([{ n: 1 }]);
        const stats = (await actingFor(network.node(c), AUTHORITY[c]).get('/statistics')).body[`${kind}s`];
        const counted = { 'data-subject-erasure': 'erasedOnRequest', 'early-deletion': 'deletedEarly', 'retention-deletion': 'deletedAtRetention' }[reason]!;
        expect(stats.reduce((sum: number, row: Record<string, number>) => sum + row[counted], 0)).toBeGreaterThanOrEqual(1);
      }
    });
  });

  it('a tampered manifest fails the independent verifier: the report\'s signature and the message\'s signatures', async () => {
    const m = markers();
    const { id } = await request(m);
    const response = await party('DE').get(`/requests/${id}/proof-of-exchange`);
    const received = response.body.report.messages.find((msg: { direction: string; type: string }) => msg.direction === 'received' && msg.type === 'request.sent');
    const manifest = Buffer.from(received.manifest, 'base64');
    manifest[10] ^= 1;
    received.manifest = manifest.toString('base64');
    const outcome = await independentlyVerified(response.body);
    expect(outcome).toMatchObject({ code: 1, result: { ok: false, report: expect.stringMatching(/^invalid/) } });
    expect(outcome.result.messages.find((v: { messageId: string }) => v.messageId === received.messageId)).toMatchObject({ sender: 'invalid', hub: 'invalid' });
  });

  it('still verifies a message stored before protocol 2, signed over its whole value', async () => {
    const envelope = forge.requestSent();
    await forge.send(forge.topics.ingress, forge.signed(forge.codec.encodeEnvelope(envelope), 'FR', false, 1));
    await eventually(async () => expect(await network.node('DE').db.query('SELECT signature_protocol FROM inbox_messages WHERE message_id = $1', [envelope.messageId])).toEqual([{ signature_protocol: 1 }]));
    const { verified } = await verifiedProof('DE', 'request', envelope.caseId);
    expect(verified.ok).toBe(true);
    expect(verified.messages.find((v: { messageId: string }) => v.messageId === envelope.messageId).sender).toMatch(/^valid .*over the whole value/);
  });

  it('keeps sealed records on Kafka only for the stated retention', async () => {
    const admin = forge.kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [forge.topics.ingress, forge.topics.inbox('DE')].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms', 'segment.ms'] })),
      });
      const expected = sealedTopicRetention();
      for (const resource of resources) {
        expect(Object.fromEntries(resource.configEntries.map((e) => [e.configName, e.configValue]))).toEqual({ 'retention.ms': String(expected.retentionMs), 'segment.ms': String(expected.segmentMs) });
      }
    } finally {
      await admin.disconnect();
    }
  });

  it('destroys a node\'s epoch key by itself once it expired longer ago than Kafka keeps a sealed record', async () => {
    const de = network.node('DE');
    const before = readKeySet(join(network.keysRoot, 'DE')).encryption.map((k) => k.kid);
    const now = new Date();
    const rotation = await rotateEncryptionKey(new RegistryRepository(network.hubDb), { node: 'DE', keys: network.keysRoot, notBefore: now, previousValidUntil: new Date(now.getTime() + 1000) });
    const old = rotation.previous.map((p) => p.kid);
    expect(old.length).toBeGreaterThan(0);
    // DE reads the new trust list, with the old key's end in it.
    const retention = de.app!.get(RetentionService);
    await eventually(async () => expect((await retention.runOnce(new Date(Date.now() + sealedTopicRetention().longestOnDiskMs + 60_000))).keysDestroyed).toEqual(old));
    const after = readKeySet(join(network.keysRoot, 'DE')).encryption.map((k) => k.kid);
    expect(after).toEqual(before.filter((kid) => !old.includes(kid)).concat(rotation.kid));
    // Not before: a key still within Kafka's retention stays.
    expect((await retention.runOnce(new Date())).keysDestroyed).toBeUndefined();
    expect(await de.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE exchange_id = $1`, [`key:${old[0]}`])).toEqual([{ n: 1 }]);
  });
});
