import { KeyObject, sign, verify } from 'node:crypto';
import { b64u, fromB64u } from './base64url';
import { MessageRejected } from './errors';
import { PrivateJwk, privateKeyObject } from './keys';
import { manifestOf } from './manifest';

/**
 * The signature protocols of messages on the network, named in the protected header:
 * - 1 (no `imi` parameter): the JWS covers the whole Kafka value. Messages signed before
 *   protocol 2 are still verified, but their body cannot be dropped without losing the proof.
 * - 2 (`"imi": 2`, listed in `crit`, with `"bodyLength"`): the JWS covers the value's manifest
 *   (manifest.ts): the envelope with the body replaced by its SHA-256. Every message is signed
 *   this way now. The body's length in the header lets a verifier find the manifest in the raw
 *   bytes, so a signature is checked before anything is decoded.
 */
export type SignatureProtocol = 1 | 2;
export const SIGNATURE_PROTOCOL: SignatureProtocol = 2;

/**
 * Detached JWS (RFC 7515 appendix F) with an unencoded payload (RFC 7797, `b64: false`).
 * Produced with node:crypto on the hot path; the bytes are standard and jose verifies them
 * (see signature.spec.ts).
 *
 * Compact form: `<protected>..<signature>`.
 */
export class DetachedSigner {
  private readonly key: KeyObject;
  private readonly header: Record<string, unknown>;
  private readonly protectedB64: string;

  constructor(readonly jwk: PrivateJwk, extraHeader: Record<string, unknown> = {}, readonly protocol: SignatureProtocol = SIGNATURE_PROTOCOL) {
    this.key = privateKeyObject(jwk);
    const versioned = protocol === 2 ? { crit: ['b64', 'imi'], imi: 2 } : { crit: ['b64'] };
    this.header = { alg: 'EdDSA', kid: jwk.kid, b64: false, ...versioned, ...extraHeader };
    this.protectedB64 = b64u(JSON.stringify(this.header));
  }

  get kid(): string {
    return this.jwk.kid;
  }

  /** Signs a message: its manifest under protocol 2, its whole value under protocol 1. */
  signMessage(value: Buffer, body: Buffer): string {
    return this.protocol === 1 ? detached(this.protectedB64, value, this.key) : this.signManifest(manifestOf(value, body.length), body.length);
  }

  /** Protocol 2: signs a manifest already made (manifestOf) of a message whose body has `bodyLength` bytes. */
  signManifest(manifest: Buffer, bodyLength: number): string {
    return detached(b64u(JSON.stringify({ ...this.header, bodyLength })), manifest, this.key);
  }

}

function detached(protectedB64: string, payload: Buffer, key: KeyObject): string {
  return `${protectedB64}..${b64u(sign(null, signingInput(protectedB64, payload), key))}`;
}

export interface DetachedHeader {
  alg: string;
  kid: string;
  b64: false;
  crit: string[];
  imi?: number;
  bodyLength?: number;
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
  if (header === null || typeof header !== 'object' || header.alg !== 'EdDSA' || header.b64 !== false || !Array.isArray(header.crit) || !header.crit.includes('b64')) {
    throw new MessageRejected('bad-signature', 'signature must be EdDSA with b64=false');
  }
  if (typeof header.kid !== 'string' || header.kid.length === 0 || header.kid.length > 200) {
    throw new MessageRejected('bad-signature', 'signature has no usable kid');
  }
  signatureProtocol(header);
  return header;
}

/** The protocol a parsed header declares; anything else critical is refused (RFC 7515 `crit`). */
export function signatureProtocol(header: DetachedHeader): SignatureProtocol {
  const critical = header.crit.filter((name) => name !== 'b64');
  if (critical.length === 0 && header.imi === undefined) return 1;
  if (critical.length === 1 && critical[0] === 'imi' && header.imi === 2) return 2;
  throw new MessageRejected('bad-signature', 'unsupported signature protocol');
}

/** Verifies a detached JWS over `payload` with the given public key; throws MessageRejected. */
export function verifyDetached(jws: string, payload: Buffer, publicKey: KeyObject): void {
  const [protectedB64, , signatureB64] = jws.split('.');
  const ok = verify(null, signingInput(protectedB64, payload), publicKey, fromB64u(signatureB64));
  if (!ok) throw new MessageRejected('bad-signature', 'signature does not match the message');
}

/** What a verified message signature covered. */
export interface VerifiedSignature {
  protocol: SignatureProtocol;
  /** Protocol 2: the manifest it covers, kept so the body can go and the proof stay. */
  manifest: Buffer | null;
  /** Protocol 2: the body length it states; the decoded envelope's body must have it. */
  bodyLength: number | null;
}

/** Verifies a message signature over what its protocol covers: the manifest of `value` (2) or `value` itself (1). */
export function verifyMessage(jws: string, value: Buffer, publicKey: KeyObject): VerifiedSignature {
  const header = readDetachedHeader(jws);
  const protocol = signatureProtocol(header);
  if (protocol === 1) {
    verifyDetached(jws, value, publicKey);
    return { protocol, manifest: null, bodyLength: null };
  }
  const manifest = manifestOf(value, header.bodyLength as number);
  verifyDetached(jws, manifest, publicKey);
  return { protocol, manifest, bodyLength: header.bodyLength as number };
}

/** After decoding: the body must be the one the signature's manifest commits to. */
export function checkSignedBody(signature: VerifiedSignature, body: Buffer): void {
  if (signature.bodyLength !== null && signature.bodyLength !== body.length) {
    throw new MessageRejected('malformed', 'the body is not the one the signature covers');
  }
}

function signingInput(protectedB64: string, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${protectedB64}.`, 'ascii'), payload]);
}
