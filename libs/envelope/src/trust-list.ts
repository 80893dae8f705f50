import { signHubDocument, verifyHubDocument } from './hub-document';
import { PrivateJwk, PublicJwk } from './keys';

/** `removed`: an authority taken off the network by its coordinator; its id is never reused. */
export type ParticipantStatus = 'active' | 'suspended' | 'revoked' | 'removed';

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
  /** Absent means a competent authority (lists from hubs before the registration chain). */
  kind?: 'competent-authority' | 'national-coordinator' | 'delegated-coordinator';
  /** The region a regional authority or delegated coordinator serves. */
  region?: string | null;
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
export function signTrustList(list: TrustList, hubKey: PrivateJwk): Promise<string> {
  return signHubDocument(list, TRUST_LIST_TYPE, hubKey);
}

/** Verifies a broadcast trust list against the hub's public key, which nodes get out of band. */
export async function verifyTrustList(jws: string, hubPublicKey: PublicJwk): Promise<TrustList> {
  return (await verifyHubDocument(jws, TRUST_LIST_TYPE, hubPublicKey)) as TrustList;
}
