import { generateSigningKey, readKeySet, toPublicJwk, writeKeySet } from '@imi/envelope';
import { RegistryRepository } from '../registry/registry.repository';
import { nodeKeysDir } from './encryption-keys';
import { OperatorRefusal } from './epoch-rules';

export interface SigningRotation {
  node: string;
  kid: string;
  previousKid: string;
}

/**
 * Rotates a node's signing key with overlap: the next key goes into the node's key set and is
 * announced active beside the current one. The node switches to it when the trust list
 * carrying it arrives; messages signed with the previous key still verify until the operator
 * revokes it (`revoke-key --kid <previous>`).
 */
export async function rotateSigningKey(registry: RegistryRepository, options: { node: string; keys: string }): Promise<SigningRotation> {
  const dir = nodeKeysDir(options.keys, options.node);
  const keys = readKeySet(dir);
  if (keys.node !== options.node) throw new OperatorRefusal(`the keys in ${dir} are ${keys.node}'s, not ${options.node}'s`);
  const next = generateSigningKey(options.node);
  writeKeySet(dir, { ...keys, signing: next });
  try {
    await registry.announceSigningKey(options.node, toPublicJwk(next));
  } catch (error) {
    // Not announced: the node keeps signing with the key the registry knows.
    writeKeySet(dir, keys);
    throw error;
  }
  return { node: options.node, kid: next.kid, previousKid: keys.signing.kid };
}
