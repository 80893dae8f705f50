import { readFileSync } from 'node:fs';
import { ChainCheckpoint } from '@imi/domain';
import { AUDIT_CHECKPOINT_TYPE, PublicJwk, verifyHubDocument } from '@imi/envelope';
import { Database } from '@imi/persistence';
import { AuditLog } from './privacy/audit-log';

/**
 * `npm run audit:verify` (DATABASE_URL of a node): checks the node's hash-chained audit log and
 * exits 1 at the first changed or removed entry. With HUB_URL (and HUB_PUBLIC_KEY_FILE,
 * NODE_COUNTRY) it also checks the chain against the latest checkpoint the hub witnessed, which
 * is what shows the newest entries removed. Exit 2: the check itself could not be made.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL to the node database');
  const witnessed = process.env.HUB_URL ? await fetchWitness(process.env.HUB_URL) : null;
  if (!witnessed) console.error('warning: the end of the audit chain is unwitnessed (set HUB_URL, HUB_PUBLIC_KEY_FILE and NODE_COUNTRY): removing the newest entries goes unseen');
  const db = Database.connect(url, 1);
  try {
    const log = new AuditLog(db);
    if (!witnessed || witnessed === 'none') {
      const result = await log.verify();
      console.log(JSON.stringify(witnessed === 'none' ? { ...result, witness: null } : result));
      if (result.firstBreak) process.exitCode = 1;
      return;
    }
    const result = await log.verify(witnessed);
    console.log(JSON.stringify({ ...result, witness: { ...result.witness, checkpointedAt: witnessed.checkpointedAt, witnessedAt: witnessed.witnessedAt } }));
    if (result.firstBreak || result.witness.status !== 'witnessed') process.exitCode = 1;
  } finally {
    await db.close();
  }
}

type Witnessed = ChainCheckpoint & { checkpointedAt: string; witnessedAt: string };

/** The hub's signed statement of this node's latest checkpoint; 'none' when it witnessed none yet. Only the signed payload counts. */
async function fetchWitness(hubUrl: string): Promise<Witnessed | 'none'> {
  const node = process.env.NODE_COUNTRY;
  if (!node || !/^[A-Z]{2}$/.test(node)) throw new Error('set NODE_COUNTRY to the node\'s two-letter code to check against the hub');
  const keyFile = process.env.HUB_PUBLIC_KEY_FILE;
  if (!keyFile) throw new Error('set HUB_PUBLIC_KEY_FILE to the hub\'s public key set to check its statement');
  const hubKey = (JSON.parse(readFileSync(keyFile, 'utf8')) as { signing: PublicJwk }).signing;
  let response: Response;
  try {
    response = await fetch(`${hubUrl.replace(/\/$/, '')}/audit-checkpoints/${node}`, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(`the hub at ${hubUrl} cannot be reached: ${(error as Error).message}`);
  }
  if (response.status === 404) {
    console.error(`warning: the hub has witnessed no audit checkpoint of ${node} yet`);
    return 'none';
  }
  if (response.status !== 200) throw new Error(`the hub answered ${response.status} for the checkpoint of ${node}`);
  const { statement } = (await response.json()) as { statement?: string };
  if (typeof statement !== 'string') throw new Error('the hub\'s answer carries no signed statement');
  const said = (await verifyHubDocument(statement, AUDIT_CHECKPOINT_TYPE, hubKey)) as Partial<Witnessed> & { node?: string };
  if (said.node !== node || typeof said.sequence !== 'number' || typeof said.headHash !== 'string') {
    throw new Error(`the hub's signed statement is not a checkpoint of ${node}`);
  }
  return { sequence: said.sequence, headHash: said.headHash, checkpointedAt: String(said.checkpointedAt), witnessedAt: String(said.witnessedAt) };
}

main().catch((error) => {
  console.error(`audit verification failed: ${error.message}`);
  process.exit(2);
});
