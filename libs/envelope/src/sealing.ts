import { createCipheriv, createDecipheriv, diffieHellman, hkdfSync, KeyObject, randomBytes } from 'node:crypto';
import { b64u, fromB64u } from './base64url';
import { UndecryptableBody } from './errors';

/**
 * JWE sealing with a pairwise key-wrapping key per node pair and key epoch (ARCHITECTURE.md,
 * "Encryption"). Key agreement per message costs ~10x a signature, so the X25519 agreement is
 * done once per pair of epoch keys and cached; each message still gets a fresh A256GCM content
 * key, wrapped with A256KW for every recipient. Output is the standard JWE general JSON
 * serialization: jose opens it with the pairwise key (see sealing.spec.ts).
 */

export interface EpochKeyRef {
  node: string;
  kid: string;
}

const KW_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
const HKDF_SALT = Buffer.from('imi-network/pairwise-kek/v1', 'utf8');

/** HKDF info binds the key to both node ids and both key ids, in a canonical order. */
export function pairwiseInfo(a: EpochKeyRef, b: EpochKeyRef): Buffer {
  const [first, second] = [a, b].sort((x, y) => (`${x.node}|${x.kid}` < `${y.node}|${y.kid}` ? -1 : 1));
  return Buffer.from(`imi-network pairwise KEK v1|${first.node}|${first.kid}|${second.node}|${second.kid}`, 'utf8');
}

export function derivePairwiseKek(mine: EpochKeyRef & { privateKey: KeyObject }, peer: EpochKeyRef & { publicKey: KeyObject }): Buffer {
  const shared = diffieHellman({ privateKey: mine.privateKey, publicKey: peer.publicKey });
  return Buffer.from(hkdfSync('sha256', shared, HKDF_SALT, pairwiseInfo(mine, peer), 32));
}

export interface SealRecipient {
  /** The recipient's epoch encryption key id. */
  kid: string;
  /** The pairwise key-wrapping key for (sender key, recipient key). */
  kek: Buffer;
}

export interface GeneralJwe {
  protected: string;
  recipients: { header: { alg: string; kid: string }; encrypted_key: string }[];
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface SealedHeader {
  enc: 'A256GCM';
  /** The sender's epoch key id: the recipient needs it to derive the same pairwise key. */
  skid: string;
}

export function seal(plaintext: Buffer, senderKid: string, recipients: SealRecipient[]): Buffer {
  const cek = randomBytes(32);
  const iv = randomBytes(12);
  const protectedB64 = b64u(JSON.stringify({ enc: 'A256GCM', skid: senderKid } satisfies SealedHeader));
  const cipher = createCipheriv('aes-256-gcm', cek, iv);
  cipher.setAAD(Buffer.from(protectedB64, 'ascii'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const jwe: GeneralJwe = {
    protected: protectedB64,
    recipients: recipients.map((recipient) => ({
      header: { alg: 'A256KW', kid: recipient.kid },
      encrypted_key: b64u(wrap(recipient.kek, cek)),
    })),
    iv: b64u(iv),
    ciphertext: b64u(ciphertext),
    tag: b64u(cipher.getAuthTag()),
  };
  return Buffer.from(JSON.stringify(jwe), 'utf8');
}

/** Reads the parts of a sealed body a recipient needs to pick its key, checking the shape. */
export function parseSealed(bytes: Buffer): { jwe: GeneralJwe; header: SealedHeader } {
  let jwe: GeneralJwe;
  try {
    jwe = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UndecryptableBody('malformed', 'sealed body is not JSON');
  }
  const wellFormed =
    jwe !== null && typeof jwe === 'object' &&
    [jwe.protected, jwe.iv, jwe.ciphertext, jwe.tag].every((part) => typeof part === 'string') &&
    Array.isArray(jwe.recipients) &&
    jwe.recipients.every((r) => r && typeof r.encrypted_key === 'string' && r.header && typeof r.header.kid === 'string');
  if (!wellFormed) throw new UndecryptableBody('malformed', 'sealed body is not a JWE general JSON serialization');
  let header: SealedHeader;
  try {
    header = JSON.parse(fromB64u(jwe.protected).toString('utf8'));
  } catch {
    throw new UndecryptableBody('malformed', 'sealed body has an unreadable protected header');
  }
  if (header.enc !== 'A256GCM' || typeof header.skid !== 'string') {
    throw new UndecryptableBody('malformed', 'sealed body must be A256GCM and name the sender key');
  }
  return { jwe, header };
}

/** Opens a sealed body with the recipient's pairwise key; any failure is `undecryptable`. */
export function open(jwe: GeneralJwe, recipientKid: string, kek: Buffer): Buffer {
  const entry = jwe.recipients.find((r) => r.header.kid === recipientKid && r.header.alg === 'A256KW');
  if (!entry) throw new UndecryptableBody('not-sealed-for-me', 'body is not sealed for this node');
  try {
    const cek = unwrap(kek, fromB64u(entry.encrypted_key));
    const decipher = createDecipheriv('aes-256-gcm', cek, fromB64u(jwe.iv));
    decipher.setAAD(Buffer.from(jwe.protected, 'ascii'));
    decipher.setAuthTag(fromB64u(jwe.tag));
    return Buffer.concat([decipher.update(fromB64u(jwe.ciphertext)), decipher.final()]);
  } catch {
    throw new UndecryptableBody('corrupt', 'body cannot be opened with this node key');
  }
}

function wrap(kek: Buffer, cek: Buffer): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', kek, KW_IV);
  return Buffer.concat([cipher.update(cek), cipher.final()]);
}

function unwrap(kek: Buffer, wrapped: Buffer): Buffer {
  const decipher = createDecipheriv('id-aes256-wrap', kek, KW_IV);
  return Buffer.concat([decipher.update(wrapped), decipher.final()]);
}
