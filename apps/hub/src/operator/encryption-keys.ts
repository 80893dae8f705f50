import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateEncryptionKey, KeyError, nextEpoch, NodeKeySet, readKeySet, toPublicJwk, writeKeySet } from '@imi/envelope';
import { RegistryRepository } from '../registry/registry.repository';
import { checkDestroyable, OperatorRefusal, planRotation } from './epoch-rules';

/**
 * Rotation and destruction of a node's encryption epoch keys: the key set on disk and the
 * registry (hence the next trust list) change together. The private key is written before the
 * registry announces it, and removed before the registry forgets it, so whenever a node
 * re-reads its key set on a new trust list it finds what that list expects.
 */

/** `dir` is the node's key folder (`keys node --out DIR`) or the folder of all nodes' key folders. */
export function nodeKeysDir(dir: string, node: string): string {
  if (existsSync(join(dir, 'private.json'))) return dir;
  if (existsSync(join(dir, node, 'private.json'))) return join(dir, node);
  throw new KeyError(`no key set in ${dir} or ${join(dir, node)}`);
}

function nodeKeys(dir: string, node: string): NodeKeySet {
  const keys = readKeySet(dir);
  if (keys.node !== node) throw new OperatorRefusal(`the keys in ${dir} are ${keys.node}'s, not ${node}'s`);
  return keys;
}

export interface RotationOptions {
  node: string;
  /** The node's key folder, or the folder of all key folders. */
  keys: string;
  notBefore: Date;
  /** Defaults to notBefore + DEFAULT_PREVIOUS_OVERLAP_MS. */
  previousValidUntil?: Date;
  now?: Date;
}

export interface Rotation {
  node: string;
  kid: string;
  notBefore: Date;
  immediate: boolean;
  /** Earlier keys and the time they now end. */
  previous: { kid: string; notAfter: Date }[];
}

/** Generates the next epoch key into the node's key set and announces it in the registry. */
export async function rotateEncryptionKey(registry: RegistryRepository, options: RotationOptions): Promise<Rotation> {
  const { node, notBefore } = options;
  const dir = nodeKeysDir(options.keys, node);
  const keys = nodeKeys(dir, node);
  const records = await registry.encryptionKeys(node);
  if (records.length === 0) throw new OperatorRefusal(`node ${node} is not registered with encryption keys`);
  const plan = planRotation(records, notBefore, options.previousValidUntil, options.now ?? new Date());
  const next = generateEncryptionKey(node, nextEpoch([...records.map((r) => r.kid), ...keys.encryption.map((k) => k.kid)]));
  writeKeySet(dir, { ...keys, encryption: [...keys.encryption, next] });
  try {
    const previous = await registry.announceEncryptionKey(node, toPublicJwk(next), plan.notBefore, plan.previousValidUntil);
    return { node, kid: next.kid, notBefore: plan.notBefore, immediate: plan.immediate, previous };
  } catch (error) {
    // Not announced: take the unused key back out, so the key set matches the registry.
    writeKeySet(dir, keys);
    throw error;
  }
}

export interface DestructionOptions {
  node: string;
  kid: string;
  keys: string;
  now?: Date;
}

export interface Destruction {
  node: string;
  kid: string;
  /** The key had not expired yet: messages still sealed for it became unreadable now. */
  early: boolean;
  /** The private key was still in the key set (false when an earlier run removed it). */
  removedFromKeySet: boolean;
}

/** Crypto-shreds an epoch key: removes the private half from the key set, then marks it destroyed. */
export async function destroyEncryptionKey(registry: RegistryRepository, options: DestructionOptions): Promise<Destruction> {
  const { node, kid } = options;
  const now = options.now ?? new Date();
  const dir = nodeKeysDir(options.keys, node);
  const keys = nodeKeys(dir, node);
  const { record, early } = checkDestroyable(await registry.encryptionKeys(node), kid, now);
  const removedFromKeySet = keys.encryption.some((k) => k.kid === kid);
  if (removedFromKeySet) writeKeySet(dir, { ...keys, encryption: keys.encryption.filter((k) => k.kid !== kid) });
  if (record.status !== 'destroyed') await registry.markEncryptionKeyDestroyed(node, kid, now);
  return { node, kid, early, removedFromKeySet };
}
