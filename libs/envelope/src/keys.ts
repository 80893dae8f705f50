import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { KeyError } from './errors';

/** Public JWK as published in the trust list. */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519' | 'X25519';
  x: string;
  kid: string;
  use: 'sig' | 'enc';
}

export interface PrivateJwk extends PublicJwk {
  d: string;
}

/** A node's key material: one signing key, and one encryption key per epoch. */
export interface NodeKeySet {
  node: string;
  signing: PrivateJwk;
  encryption: PrivateJwk[];
}

function generate(kind: 'ed25519' | 'x25519', kid: string): PrivateJwk {
  const { privateKey } = generateKeyPairSync(kind as 'ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { kty: 'OKP'; crv: 'Ed25519' | 'X25519'; x: string; d: string };
  return { ...jwk, kid, use: kind === 'ed25519' ? 'sig' : 'enc' };
}

/** Key ids say whose key it is and what for; the suffix keeps rotated keys apart. */
export function generateSigningKey(node: string): PrivateJwk {
  return generate('ed25519', `${node}-sig-${randomUUID().slice(0, 8)}`);
}

export function generateEncryptionKey(node: string, epoch: number): PrivateJwk {
  return generate('x25519', `${node}-enc-${epoch}-${randomUUID().slice(0, 8)}`);
}

export function generateNodeKeySet(node: string): NodeKeySet {
  return { node, signing: generateSigningKey(node), encryption: [generateEncryptionKey(node, 1)] };
}

export function toPublicJwk(jwk: PrivateJwk): PublicJwk {
  const { kty, crv, x, kid, use } = jwk;
  return { kty, crv, x, kid, use };
}

export function privateKeyObject(jwk: PrivateJwk): KeyObject {
  try {
    return createPrivateKey({ key: jwk as unknown as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch (error) {
    throw new KeyError(`private key ${jwk.kid} cannot be loaded: ${(error as Error).message}`);
  }
}

export function publicKeyObject(jwk: PublicJwk): KeyObject {
  try {
    const { kty, crv, x } = jwk;
    return createPublicKey({ key: { kty, crv, x }, format: 'jwk' });
  } catch (error) {
    throw new KeyError(`public key ${jwk.kid} cannot be loaded: ${(error as Error).message}`);
  }
}
