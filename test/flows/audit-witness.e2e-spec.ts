import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactVerify, importJWK } from 'jose';
import { generateSigningKey, toPublicJwk } from '@imi/envelope';
import { NetworkPlan } from '../../apps/hub/src/operator/provision';
import { AuditCheckpoints } from '../../apps/node/src/privacy/audit-checkpoints';
import { AuditLog } from '../../apps/node/src/privacy/audit-log';
import { Forge } from './forge';
import { actingFor, eventually } from './http';
import { TestNetwork } from './network';

const PLAN: NetworkPlan = {
  nodes: [{ code: 'FR', authorities: [{ id: 'FR-CNOM', name: "Conseil national de l'Ordre des médecins", legislativeAreas: ['professional-qualifications'] }] }],
};

const ROOT = join(__dirname, '../..');

interface CliRun {
  code: number;
  out: any;
  stderr: string;
}

/**
 * The hub as outside witness of a node's audit log: the node checkpoints its chain head (on a
 * timer and on demand), the hub keeps the latest and states it signed, and the real
 * `audit:verify` CLI, run as a separate process against the node's database and the hub's
 * HTTP API, finds what the chain alone cannot: its newest entries removed.
 */
describe('audit witness', () => {
  let network: TestNetwork;
  let hubUrl: string;
  let cliDir: string;
  let hubKeyFile: string;

  beforeAll(async () => {
    // The CLI as it ships, compiled the way `npm run build` does, into a folder that still sees node_modules.
    mkdirSync(join(ROOT, '.cache'), { recursive: true });
    cliDir = mkdtempSync(join(ROOT, '.cache', 'audit-cli-'));
    const swc = spawnSync(join(ROOT, 'node_modules/.bin/swc'), ['apps/node/src', 'libs', '-d', cliDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '-q'], { cwd: ROOT, encoding: 'utf8' });
    if (swc.status !== 0) throw new Error(`compiling the CLI failed: ${swc.stderr}`);
    network = await TestNetwork.start(PLAN, { auditCheckpointIntervalMs: 1000 });
    hubUrl = await network.listenHub();
    hubKeyFile = join(network.keysRoot, 'hub', 'public.json');
  });

  afterAll(async () => {
    await network?.close();
    if (cliDir) rmSync(cliDir, { recursive: true, force: true });
  });

  const fr = () => network.node('FR');
  const audit = () => fr().app!.get(AuditLog);
  const witnessed = async () => (await network.hubDb.query(`SELECT sequence::int, head_hash, message_id FROM audit_checkpoints WHERE node = 'FR'`))[0] as
    { sequence: number; head_hash: string; message_id: string } | undefined;

  function verifyCli(env: Record<string, string> = { HUB_URL: hubUrl, HUB_PUBLIC_KEY_FILE: hubKeyFile, NODE_COUNTRY: 'FR' }): Promise<CliRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(cliDir, 'apps/node/src/audit-cli.js')], {
        cwd: ROOT, env: { PATH: process.env.PATH, DATABASE_URL: fr().config.databaseUrl, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code: code ?? -1, out: stdout.trim() ? JSON.parse(stdout) : null, stderr }));
    });
  }

  /** Ingress records the hub's router has not consumed yet. */
  async function routerLag(forge: Forge): Promise<number> {
    const admin = forge.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(forge.topics.ingress);
      const [committed] = await admin.fetchOffsets({ groupId: `${network.prefix}hub.router`, topics: [forge.topics.ingress] });
      return ends.reduce((lag, end) => lag + Number(end.high) - Math.max(Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? -1), 0), 0);
    } finally {
      await admin.disconnect();
    }
  }

  async function recordEntries(n: number, purpose = 'witness test'): Promise<void> {
    for (let i = 0; i < n; i++) await audit().record({ actor: 'tester', action: 'read', exchangeId: `exchange-${i}`, dataCategory: 'subject', purpose });
    await audit().seal();
  }

  /** Checkpoints the current head and waits until the hub holds it. */
  async function checkpointWitnessed() {
    const sent = (await fr().app!.get(AuditCheckpoints).checkpoint())!;
    await eventually(async () => expect(await witnessed()).toMatchObject({ sequence: sent.sequence, head_hash: sent.headHash }));
    return sent;
  }

  it('checkpoints the chain on its own, and on demand through the API; the hub acknowledges and states it signed', async () => {
    await recordEntries(3);
    // The timer (every second here) needs no one to ask.
    await eventually(async () => expect((await witnessed())?.sequence).toBeGreaterThanOrEqual(3));

    await recordEntries(2);
    const dpc = actingFor(fr(), 'FR-CNOM', undefined, ['data-protection-contact']);
    const response = await dpc.post('/audit/checkpoints');
    expect(response.status).toBe(202);
    const head = await audit().head();
    // The sign-in of the data protection contact is audited too, and sealed before the checkpoint.
    expect(response.body).toEqual({ messageId: expect.any(String), sequence: head!.sequence, headHash: head!.headHash });
    expect(await fr().db.query('SELECT sequence::int, head_hash FROM audit_checkpoints WHERE message_id = $1', [response.body.messageId]))
      .toEqual([{ sequence: head!.sequence, head_hash: head!.headHash }]);
    // The hub's signed receipt marks it witnessed, as for any message the hub applies.
    await eventually(async () => {
      const [delivery] = await fr().db.query(`SELECT recipient_node, type, delivered_at FROM deliveries WHERE message_id = $1`, [response.body.messageId]);
      expect(delivery).toMatchObject({ recipient_node: 'HUB', type: 'audit.checkpoint', delivered_at: expect.any(Date) });
    });
    expect(await witnessed()).toMatchObject({ sequence: head!.sequence, head_hash: head!.headHash });
    // The hub kept the node's own signature over the message beside the head.
    const [kept] = await network.hubDb.query(`SELECT node_signature FROM audit_checkpoints WHERE node = 'FR'`);
    expect(kept.node_signature).toMatch(/\./);

    const statement = (await (await fetch(`${hubUrl}/audit-checkpoints/FR`)).json()) as Record<string, any>;
    expect(statement).toMatchObject({ node: 'FR', sequence: head!.sequence, headHash: head!.headHash, statement: expect.any(String) });
    // Checkable with any JOSE library and the hub's public key: the payload is exactly the fields shown.
    const hubKey = JSON.parse(readFileSync(hubKeyFile, 'utf8')).signing;
    const { payload, protectedHeader } = await compactVerify(statement.statement, await importJWK(hubKey, 'EdDSA'));
    const { statement: _, ...fields } = statement;
    expect(JSON.parse(Buffer.from(payload).toString('utf8'))).toEqual(fields);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: hubKey.kid, typ: 'imi-audit-checkpoint+jws' });

    for (const [path, status] of [['XX', 404], ['fr', 422], ['FRA', 422]] as const) {
      const answer = await fetch(`${hubUrl}/audit-checkpoints/${path}`);
      expect({ path, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ path, status, type: expect.stringContaining('application/problem+json') });
    }
    // From here on checkpoints go on demand only, so that what the hub holds is what each case sent.
    fr().app!.get(AuditCheckpoints).onApplicationShutdown();
  });

  it('verifies a chain that only grew since the checkpoint, and warns without a hub that its end is unwitnessed', async () => {
    await checkpointWitnessed();
    await recordEntries(2);
    const run = await verifyCli();
    expect(run.code).toBe(0);
    expect(run.out).toMatchObject({ firstBreak: null, witness: { status: 'witnessed', grownBy: expect.any(Number) } });
    expect(run.out.witness.grownBy).toBeGreaterThanOrEqual(2);

    const alone = await verifyCli({});
    expect(alone.code).toBe(0);
    expect(alone.out).toMatchObject({ firstBreak: null });
    expect(alone.out.witness).toBeUndefined();
    expect(alone.stderr).toMatch(/unwitnessed/);
  });

  it('takes a checkpoint message consumed again as a no-op, even an older one below the witnessed head', async () => {
    const held = (await witnessed())!;
    const accepted = await fr().db.query(
      `SELECT c.message_id, c.sequence::int, o.message_key, o.value, o.headers FROM audit_checkpoints c
       JOIN deliveries d ON d.message_id = c.message_id AND d.delivered_at IS NOT NULL
       JOIN outbox_messages o ON o.message_id = c.message_id ORDER BY c.sent_at`,
    );
    const [older, latest] = [accepted[0], accepted[accepted.length - 1]];
    expect(older.sequence).toBeLessThan(held.sequence);
    const forge = await Forge.open(network);
    try {
      for (const copy of [older, latest]) await forge.send(forge.topics.ingress, { key: copy.message_key, value: copy.value, headers: copy.headers });
      await eventually(async () => expect(await routerLag(forge)).toBe(0));
    } finally {
      await forge.close();
    }
    expect(await witnessed()).toEqual(held);
    // Neither refused nor acknowledged twice (a second receipt would find no delivery awaiting it).
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await fr().db.query('SELECT 1 FROM rejections_received WHERE rejected_message_id = ANY($1::uuid[])', [[older.message_id, latest.message_id]])).toEqual([]);
    expect(await fr().db.query('SELECT 1 FROM rejections_received')).toEqual([]);
  });

  it('fails on a changed entry and on one removed in the middle', async () => {
    const db = fr().db;
    const [original] = await db.query('SELECT * FROM audit_log WHERE seq = 2');
    await db.query(`UPDATE audit_log SET purpose = 'curiosity' WHERE seq = 2`);
    const changed = await verifyCli();
    expect(changed.code).toBe(1);
    expect(changed.out.firstBreak).toEqual({ seq: 2, problem: 'hash-mismatch' });
    await db.query('UPDATE audit_log SET purpose = $1 WHERE seq = 2', [original.purpose]);

    await db.query('DELETE FROM audit_log WHERE seq = 2');
    const removed = await verifyCli();
    expect(removed.code).toBe(1);
    expect(removed.out.firstBreak).toEqual({ seq: 2, problem: 'sequence-gap' });
    // Put back as it was, so the next case fails for its own reason only.
    await db.query(
      'INSERT INTO audit_log (id, at, actor, action, exchange_id, data_category, purpose, seq, previous_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
      [original.id, original.at, original.actor, original.action, original.exchange_id, original.data_category, original.purpose, original.seq, original.previous_hash, original.hash],
    );
    expect((await verifyCli()).code).toBe(0);
  });

  it('fails with "truncated" when the newest entries are removed after a checkpoint, which the chain alone does not see', async () => {
    const sent = await checkpointWitnessed();
    await fr().db.query('DELETE FROM audit_log WHERE seq > $1', [sent.sequence - 2]);
    expect((await audit().verify()).firstBreak).toBeNull();

    const run = await verifyCli();
    expect(run.code).toBe(1);
    expect(run.out).toMatchObject({ firstBreak: null, witness: { status: 'truncated', sequence: sent.sequence, lastSeq: sent.sequence - 2 } });
  });

  it('refuses a checkpoint of the shorter chain with a signed rejection, and of a chain rewritten to the same length; the witness stays', async () => {
    const before = (await witnessed())!;
    const refusedBy = async (messageId: string) => eventually(async () => {
      const rows = await fr().db.query('SELECT rejected_by, code, reason FROM rejections_received WHERE rejected_message_id = $1', [messageId]);
      expect(rows).toHaveLength(1);
      return rows[0];
    });

    const shorter = (await fr().app!.get(AuditCheckpoints).checkpoint())!;
    expect(shorter.sequence).toBe(before.sequence - 2);
    expect(await refusedBy(shorter.messageId)).toMatchObject({ rejected_by: 'HUB', code: 'checkpoint-refused', reason: expect.stringMatching(/shrank/) });

    // Entries sealed again up to the witnessed length: same position, another hash.
    await recordEntries(2, 'rewritten');
    const rewritten = (await fr().app!.get(AuditCheckpoints).checkpoint())!;
    expect(rewritten.sequence).toBe(before.sequence);
    expect(await refusedBy(rewritten.messageId)).toMatchObject({ code: 'checkpoint-refused', reason: expect.stringMatching(/forked/) });
    const run = await verifyCli();
    expect(run.code).toBe(1);
    expect(run.out.witness).toMatchObject({ status: 'witness-mismatch', sequence: before.sequence, witnessedHash: before.head_hash });

    expect(await witnessed()).toMatchObject({ sequence: before.sequence, head_hash: before.head_hash });
    const refused = await fr().db.query('SELECT delivered_at FROM deliveries WHERE message_id = ANY($1::uuid[])', [[shorter.messageId, rewritten.messageId]]);
    expect(refused).toEqual([{ delivered_at: null }, { delivered_at: null }]);
  });

  it('exits 2 when the hub cannot be reached or its statement is not signed by the hub key', async () => {
    const unreachable = await verifyCli({ HUB_URL: 'http://127.0.0.1:1', HUB_PUBLIC_KEY_FILE: hubKeyFile, NODE_COUNTRY: 'FR' });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/cannot be reached/);

    // Another key under the hub's kid: the statement's signature must fail, not the key lookup.
    const hubKid = JSON.parse(readFileSync(hubKeyFile, 'utf8')).signing.kid;
    const impostorFile = join(cliDir, 'impostor.json');
    writeFileSync(impostorFile, JSON.stringify({ signing: { ...toPublicJwk(generateSigningKey('HUB')), kid: hubKid } }));
    const forged = await verifyCli({ HUB_URL: hubUrl, HUB_PUBLIC_KEY_FILE: impostorFile, NODE_COUNTRY: 'FR' });
    expect(forged.code).toBe(2);
    expect(forged.stderr).toMatch(/signature is not valid/);
  });
});
