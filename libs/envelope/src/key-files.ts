import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fstatSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KeyError } from './errors';
import { NodeKeySet, PublicJwk, toPublicJwk } from './keys';

/**
 * Key files, kept outside git (`.keys/` is ignored): `private.json` (0600) holds the key set,
 * `public.json` what the hub operator registers. A key set holds one encryption key per
 * epoch still needed (previous, current, next); the trust list says which is in force.
 */
export interface PublicKeySet {
  node: string;
  signing: PublicJwk;
  encryption: PublicJwk[];
}

export function publicKeySet(keys: NodeKeySet): PublicKeySet {
  return { node: keys.node, signing: toPublicJwk(keys.signing), encryption: keys.encryption.map(toPublicJwk) };
}

/**
 * Writes the key set. The private file is replaced atomically (a node re-reading it never
 * sees half a file), and the replaced version is overwritten before it is unlinked, so a key
 * left out of the new set is not left behind on disk in the old file. Overwriting in place is
 * best effort: journalling or copy-on-write file systems and SSDs may keep older blocks.
 */
export function writeKeySet(dir: string, keys: NodeKeySet): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privatePath = join(dir, 'private.json');
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const fresh = join(dir, `.private.json.${suffix}.new`);
  writeFileSync(fresh, JSON.stringify(keys, null, 2), { mode: 0o600 });
  chmodSync(fresh, 0o600);
  const replaced = join(dir, `.private.json.${suffix}.old`);
  const hadOld = existsSync(privatePath);
  if (hadOld) linkSync(privatePath, replaced);
  renameSync(fresh, privatePath);
  if (hadOld) shred(replaced);
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

/** Overwrites a file's bytes with zeros, flushes them, then unlinks it. */
function shred(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    writeSync(fd, Buffer.alloc(size), 0, size, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
}
