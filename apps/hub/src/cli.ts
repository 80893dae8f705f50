import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { publicKeySet, readPublicKeySet } from '@imi/envelope';
import { Database, migrate } from '@imi/persistence';
import { AuditCheckpointRepository } from './audit-witness/audit-checkpoint.repository';
import { destroyEncryptionKey, rotateEncryptionKey } from './operator/encryption-keys';
import { ensureKeys, NetworkPlan, provision, registerMemberState } from './operator/provision';
import { rotateSigningKey } from './operator/signing-keys';
import { loadLegislativeAreas } from './registry/legislative-areas';
import { RegistryRepository } from './registry/registry.repository';
import { hubUrl, networkStatus } from './operations/status-command';

const USAGE = `hub operator CLI (DATABASE_URL names the hub database)

  keys node --node CC --out DIR       generate a node's signing and encryption keys
  keys hub --out DIR                  generate the hub's signing key
  register-node --public FILE --coordinator ID --coordinator-name NAME
                                      register a member state's node with its public keys (public.json)
                                      and its national coordinator, who registers the rest through the node
  register-authority --id ID --node CC --name NAME --areas a,b
                                      an authority of a node the operator runs itself (the Commission's)
  set-node-status --node CC --status active|suspended|revoked
  revoke-key --kid KID
  rotate-encryption-key --node CC --keys DIR --not-before ISO [--previous-valid-until ISO]
                                      generate the node's next encryption epoch key into its key set
                                      (DIR: its key folder, or the folder of all of them) and announce
                                      it from --not-before; earlier keys end at --previous-valid-until
                                      (default: --not-before + 7 days)
  rotate-signing-key --node CC --keys DIR
                                      generate the node's next signing key into its key set and announce
                                      it beside the current one; the node signs with it once the trust
                                      list carries it; revoke the previous key when messages in flight are in
  destroy-encryption-key --node CC --kid KID --keys DIR
                                      crypto-shred an epoch key no sender uses any more: remove the
                                      private key from the key set, mark it destroyed in the registry
  provision --network FILE --keys DIR register a whole network plan (idempotent)
  areas                               list the configured legislative areas
  audit-checkpoints                   the latest audit chain head each node checkpointed (seq, hash, when)
  status [--hub URL] [--json]         per member state: last message seen, inbox lag, rejections in the
                                      last hour, trust list acknowledged, key epochs (asks the running
                                      hub's GET /operations/network: --hub, else HUB_URL, else :3000)`;

async function withRegistry<T>(work: (registry: RegistryRepository, db: Database) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const db = Database.connect(url, 2);
  try {
    await migrate(db, join(__dirname, '..', 'migrations'));
    return await work(new RegistryRepository(db), db);
  } finally {
    await db.close();
  }
}

function isoTime(text: string, option: string): Date {
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) throw new Error(`${option} must be an ISO time, not ${text}`);
  return time;
}

async function main(argv: string[]): Promise<void> {
  const [command, sub] = argv;
  const { values } = parseArgs({
    args: argv.slice(command === 'keys' ? 2 : 1),
    options: {
      node: { type: 'string' }, out: { type: 'string' }, public: { type: 'string' }, id: { type: 'string' },
      name: { type: 'string' }, areas: { type: 'string' }, status: { type: 'string' }, kid: { type: 'string' },
      network: { type: 'string' }, keys: { type: 'string' }, coordinator: { type: 'string' }, 'coordinator-name': { type: 'string' },
      'not-before': { type: 'string' }, 'previous-valid-until': { type: 'string' },
      hub: { type: 'string' }, json: { type: 'boolean' },
    },
  });
  const need = (name: keyof typeof values): string => {
    const value = values[name];
    if (typeof value !== 'string' || !value) throw new Error(`--${name} is required\n\n${USAGE}`);
    return value;
  };
  switch (command === 'keys' ? `keys ${sub}` : command) {
    case 'keys node':
    case 'keys hub': {
      const node = sub === 'hub' ? 'HUB' : need('node');
      const keys = ensureKeys(need('out'), node);
      console.log(JSON.stringify(publicKeySet(keys), null, 2));
      return;
    }
    case 'register-node':
      return withRegistry((_, db) => registerMemberState(db, readPublicKeySet(need('public')), { id: need('coordinator'), name: need('coordinator-name') }));
    case 'register-authority': {
      const areas = need('areas').split(',');
      const known = new Set(loadLegislativeAreas().map((a) => a.id));
      const unknown = areas.find((a) => !known.has(a));
      if (unknown) throw new Error(`unknown legislative area ${unknown}`);
      return withRegistry((r) => r.registerAuthority({ id: need('id'), node: need('node'), name: need('name'), legislativeAreas: areas }));
    }
    case 'set-node-status': {
      const status = need('status');
      if (!['active', 'suspended', 'revoked'].includes(status)) throw new Error(`unknown status ${status}`);
      return withRegistry((r) => r.setNodeStatus(need('node'), status as 'active'));
    }
    case 'revoke-key':
      return withRegistry((r) => r.revokeKey(need('kid')));
    case 'rotate-encryption-key': {
      const until = values['previous-valid-until'];
      const rotation = await withRegistry((r) =>
        rotateEncryptionKey(r, {
          node: need('node'),
          keys: need('keys'),
          notBefore: isoTime(need('not-before'), '--not-before'),
          previousValidUntil: until === undefined ? undefined : isoTime(until, '--previous-valid-until'),
        }),
      );
      console.log(`${rotation.node}: ${rotation.kid} ${rotation.immediate ? 'in force now (not announced ahead)' : `announced from ${rotation.notBefore.toISOString()}`}`);
      for (const p of rotation.previous) console.log(`${rotation.node}: ${p.kid} valid until ${p.notAfter.toISOString()}`);
      console.log('the node picks the key up when the new trust list arrives; no restart needed');
      return;
    }
    case 'rotate-signing-key': {
      const rotation = await withRegistry((r) => rotateSigningKey(r, { node: need('node'), keys: need('keys') }));
      console.log(`${rotation.node}: signs with ${rotation.kid} once the new trust list arrives; ${rotation.previousKid} stays valid until revoked`);
      return;
    }
    case 'destroy-encryption-key': {
      const destroyed = await withRegistry((r) => destroyEncryptionKey(r, { node: need('node'), kid: need('kid'), keys: need('keys') }));
      if (destroyed.early) console.warn(`warning: ${destroyed.kid} had not expired; messages still sealed for it can no longer be opened`);
      console.log(`${destroyed.node}: ${destroyed.kid} destroyed${destroyed.removedFromKeySet ? '' : ' (its private key was already gone)'}`);
      return;
    }
    case 'provision': {
      const plan = JSON.parse(readFileSync(need('network'), 'utf8')) as NetworkPlan;
      return withRegistry((_, db) => provision(db, plan, need('keys')));
    }
    case 'audit-checkpoints':
      for (const c of await withRegistry((_, db) => new AuditCheckpointRepository(db).all())) {
        console.log(`${c.node} seq ${c.sequence} ${c.headHash} checkpointed ${c.checkpointedAt.toISOString()} witnessed ${c.witnessedAt.toISOString()}`);
      }
      return;
    case 'status':
      console.log(await networkStatus(hubUrl(values.hub), values.json === true));
      return;
    case 'areas':
      for (const area of loadLegislativeAreas()) console.log(`${area.id.padEnd(30)} ${area.name}`);
      return;
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
