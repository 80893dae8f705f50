import { CompactSign, compactVerify, importJWK } from 'jose';
import { KeyError } from './errors';
import { PrivateJwk, PublicJwk } from './keys';

export type ParticipantStatus = 'active' | 'suspended' | 'revoked';

export interface TrustedSigningKey extends PublicJwk {
  status: 'active' | 'revoked';
}

export interface TrustedEncryptionKey extends PublicJwk {
  /** ISO time from which senders use this key (announced ahead of time for rotation). */
  notBefore: string;
  /** ISO time after which the key may no longer be used to seal or open. */
  notAfter: string | null;
}

export interface TrustedNode {
  code: string;
  status: ParticipantStatus;
  signingKeys: TrustedSigningKey[];
  encryptionKeys: TrustedEncryptionKey[];
}

/** Organisation data only: a competent authority is a public body, never a person. */
export interface AuthorityEntry {
  id: string;
  node: string;
  name: string;
  legislativeAreas: string[];
  status: ParticipantStatus;
  /** A coordinator or linked authority: the authorities of its own member state whose requests it may list (metadata only). */
  observes?: string[];
  /** Areas for which this authority is its member state's coordinator: incoming alerts and notifications reach it first. */
  coordinates?: string[];
}

/** A legislative area as configured at the hub: what nodes need to apply purpose and retention rules. */
export interface LegislativeAreaEntry {
  id: string;
  name: string;
  blockAfterMonths: number;
  deleteAfterMonths: number;
  /** The Union act makes the Commission (node EC) a party to exchanges in this area. */
  commissionIsParty: boolean;
}

export interface TrustList {
  version: number;
  issuedAt: string;
  nodes: TrustedNode[];
  authorities: AuthorityEntry[];
  /** Absent in lists from hubs before areas were published. */
  legislativeAreas?: LegislativeAreaEntry[];
}

export const TRUST_LIST_TYPE = 'imi-trust-list+jws';

/** Signs a trust list with the hub key as a compact JWS (attached payload). */
export async function signTrustList(list: TrustList, hubKey: PrivateJwk): Promise<string> {
  const key = await importJWK(hubKey, 'EdDSA');
  return new CompactSign(Buffer.from(JSON.stringify(list), 'utf8'))
    .setProtectedHeader({ alg: 'EdDSA', kid: hubKey.kid, typ: TRUST_LIST_TYPE })
    .sign(key);
}

/** Verifies a broadcast trust list against the hub's public key, which nodes get out of band. */
export async function verifyTrustList(jws: string, hubPublicKey: PublicJwk): Promise<TrustList> {
  const key = await importJWK(hubPublicKey, 'EdDSA');
  try {
    const { payload, protectedHeader } = await compactVerify(jws, key, { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== TRUST_LIST_TYPE || protectedHeader.kid !== hubPublicKey.kid) {
      throw new KeyError('not a trust list of this hub');
    }
    return JSON.parse(Buffer.from(payload).toString('utf8')) as TrustList;
  } catch (error) {
    if (error instanceof KeyError) throw error;
    throw new KeyError(`trust list signature is not valid: ${(error as Error).message}`);
  }
}
