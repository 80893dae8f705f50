import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyError } from './errors';
import { NodeKeySet, PublicJwk, toPublicJwk } from './keys';

/**
 * Key files, kept outside git (`.keys/` is ignored): `private.json` (0600) holds the key set,
 * `public.json` what the hub operator registers.
 */
export interface PublicKeySet {
  node: string;
  signing: PublicJwk;
  encryption: PublicJwk[];
}

export function publicKeySet(keys: NodeKeySet): PublicKeySet {
  return { node: keys.node, signing: toPublicJwk(keys.signing), encryption: keys.encryption.map(toPublicJwk) };
}

export function writeKeySet(dir: string, keys: NodeKeySet): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privatePath = join(dir, 'private.json');
  writeFileSync(privatePath, JSON.stringify(keys, null, 2), { mode: 0o600 });
  chmodSync(privatePath, 0o600);
  writeFileSync(join(dir, 'public.json'), JSON.stringify(publicKeySet(keys), null, 2));
}

export function readKeySet(dir: string): NodeKeySet {
  try {
    const keys = JSON.parse(readFileSync(join(dir, 'private.json'), 'utf8')) as NodeKeySet;
    if (!keys.node || !keys.signing?.d || !Array.isArray(keys.encryption)) throw new Error('incomplete key set');
    return keys;
  } catch (error) {
    throw new KeyError(`cannot read keys in ${dir}: ${(error as Error).message}`);
  }
}

export function readPublicKeySet(file: string): PublicKeySet {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PublicKeySet;
  } catch (error) {
    throw new KeyError(`cannot read public keys ${file}: ${(error as Error).message}`);
  }
}

