import { KeyObject, sign, verify } from 'node:crypto';
import { b64u, fromB64u } from './base64url';
import { MessageRejected } from './errors';
import { PrivateJwk, privateKeyObject } from './keys';

/**
 * Detached JWS (RFC 7515 appendix F) with an unencoded payload (RFC 7797, `b64: false`) over
 * the exact Kafka value bytes. Produced with node:crypto on the hot path; the bytes are
 * standard and jose verifies them (see signature.spec.ts).
 *
 * Compact form: `<protected>..<signature>`.
 */
export class DetachedSigner {
  private readonly key: KeyObject;
  private readonly protectedB64: string;

  constructor(readonly jwk: PrivateJwk, extraHeader: Record<string, unknown> = {}) {
    this.key = privateKeyObject(jwk);
    this.protectedB64 = b64u(JSON.stringify({ alg: 'EdDSA', kid: jwk.kid, b64: false, crit: ['b64'], ...extraHeader }));
  }

  get kid(): string {
    return this.jwk.kid;
  }

  sign(payload: Buffer): string {
    const signature = sign(null, signingInput(this.protectedB64, payload), this.key);
    return `${this.protectedB64}..${b64u(signature)}`;
  }
}

export interface DetachedHeader {
  alg: string;
  kid: string;
  b64: false;
  crit: string[];
  [name: string]: unknown;
}

/** Parses the protected header without trusting it: the caller looks the kid up. */
export function readDetachedHeader(jws: string | undefined): DetachedHeader {
  if (!jws) throw new MessageRejected('missing-signature', 'no signature header');
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '') throw new MessageRejected('bad-signature', 'signature is not a detached compact JWS');
  let header: DetachedHeader;
  try {
    header = JSON.parse(fromB64u(parts[0]).toString('utf8'));
  } catch {
    throw new MessageRejected('bad-signature', 'signature header is not JSON');
  }
  if (header.alg !== 'EdDSA' || header.b64 !== false || !Array.isArray(header.crit) || !header.crit.includes('b64')) {
    throw new MessageRejected('bad-signature', 'signature must be EdDSA with b64=false');
  }
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 200) {
    throw new MessageRejected('bad-signature', 'signature has no usable kid');
  }
  return header;
}

/** Verifies a detached JWS over `payload` with the given public key; throws MessageRejected. */
export function verifyDetached(jws: string, payload: Buffer, publicKey: KeyObject): void {
  const [protectedB64, , signatureB64] = jws.split('.');
  const ok = verify(null, signingInput(protectedB64, payload), publicKey, fromB64u(signatureB64));
  if (!ok) throw new MessageRejected('bad-signature', 'signature does not match the message');
}

function signingInput(protectedB64: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${protectedB64}.`, 'ascii'), payload]);
}
