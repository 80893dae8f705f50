import { KeyObject } from 'node:crypto';
import { MessageRejected, UndecryptableBody } from './errors';
import { HUB_NODE } from './envelope';
import { hasExpired, isInForce, newestFirst } from './key-epochs';
import { PublicJwk, publicKeyObject } from './keys';
import { AuthorityEntry, LegislativeAreaEntry, TrustedEncryptionKey, TrustedNode, TrustList } from './trust-list';

/** A listed encryption key, with the node it belongs to. */
export interface EncryptionEntry {
  node: string;
  jwk: TrustedEncryptionKey;
  key: KeyObject;
}

interface SigningEntry {
  node: TrustedNode;
  key: KeyObject;
  revoked: boolean;
}

/**
 * The verified trust list, indexed for the hot path. Replaced whole when a newer list
 * arrives; an older or equal version is ignored so a replayed list cannot roll keys back.
 */
export class TrustStore {
  private list: TrustList | null = null;
  private signing = new Map<string, SigningEntry>();
  private nodes = new Map<string, TrustedNode>();
  private authorities = new Map<string, AuthorityEntry>();
  private encryption = new Map<string, EncryptionEntry>();
  private hub: { kid: string; key: KeyObject } | null = null;

  /** The hub's own signing key, configured out of band: it is the anchor, not a list entry. */
  trustHub(jwk: PublicJwk): void {
    this.hub = { kid: jwk.kid, key: publicKeyObject(jwk) };
  }

  get hubKid(): string | null {
    return this.hub?.kid ?? null;
  }

  get version(): number {
    return this.list?.version ?? 0;
  }

  get current(): TrustList | null {
    return this.list;
  }

  /** Returns false when the list is not newer than the one held. */
  replace(list: TrustList): boolean {
    if (this.list && list.version <= this.list.version) return false;
    const signing = new Map<string, SigningEntry>();
    const encryption = new Map<string, EncryptionEntry>();
    for (const node of list.nodes) {
      for (const jwk of node.signingKeys) signing.set(jwk.kid, { node, key: publicKeyObject(jwk), revoked: jwk.status !== 'active' });
      for (const jwk of node.encryptionKeys) encryption.set(jwk.kid, { node: node.code, jwk, key: publicKeyObject(jwk) });
    }
    this.list = list;
    this.signing = signing;
    this.encryption = encryption;
    this.nodes = new Map(list.nodes.map((n) => [n.code, n]));
    this.authorities = new Map(list.authorities.map((a) => [a.id, a]));
    return true;
  }

  /** The sender behind a signing key, refusing unknown keys, revoked keys and inactive nodes. */
  signer(kid: string): { node: string; key: KeyObject } {
    if (this.hub && kid === this.hub.kid) return { node: HUB_NODE, key: this.hub.key };
    const entry = this.signing.get(kid);
    if (!entry) throw new MessageRejected('unknown-key', `no trusted key ${kid}`);
    if (entry.revoked) throw new MessageRejected('sender-not-active', `key ${kid} is revoked`);
    if (entry.node.status !== 'active') throw new MessageRejected('sender-not-active', `node ${entry.node.code} is ${entry.node.status}`);
    return { node: entry.node.code, key: entry.key };
  }

  node(code: string): TrustedNode | undefined {
    return this.nodes.get(code);
  }

  authority(id: string): AuthorityEntry | undefined {
    return this.authorities.get(id);
  }

  authoritiesOf(node: string): AuthorityEntry[] {
    return [...this.authorities.values()].filter((a) => a.node === node);
  }

  legislativeArea(id: string): LegislativeAreaEntry | undefined {
    return this.list?.legislativeAreas?.find((a) => a.id === id);
  }

  legislativeAreas(): LegislativeAreaEntry[] {
    return this.list?.legislativeAreas ?? [];
  }

  allAuthorities(): AuthorityEntry[] {
    return [...this.authorities.values()];
  }

  /** Every listed encryption key of `node`, whatever its period (destroyed keys are not listed). */
  encryptionKeysOf(node: string): TrustedEncryptionKey[] {
    return this.nodes.get(node)?.encryptionKeys ?? [];
  }

  /** Keys of `node` that may be sealed for at `at`, newest first. */
  validEncryptionKeys(node: string, at: Date): TrustedEncryptionKey[] {
    return newestFirst(this.encryptionKeysOf(node).filter((k) => isInForce(k, at)));
  }

  /** The key senders seal for now: the newest one whose period has begun. */
  currentEncryptionKey(node: string, at: Date): { kid: string; key: KeyObject } {
    const [current] = this.validEncryptionKeys(node, at);
    if (!current) throw new MessageRejected('unknown-recipient', `node ${node} has no valid encryption key`);
    return { kid: current.kid, key: this.encryption.get(current.kid)!.key };
  }

  /** A listed encryption key by id; undefined when never listed, revoked or destroyed. */
  encryptionEntry(kid: string): EncryptionEntry | undefined {
    return this.encryption.get(kid);
  }

  /**
   * A sender's epoch key named in a sealed body; it must belong to the envelope's sender and,
   * when `at` is given, not be past its notAfter.
   */
  encryptionKey(kid: string, expectedNode: string, at?: Date): KeyObject {
    const entry = this.encryption.get(kid);
    if (!entry || entry.node !== expectedNode) throw new UndecryptableBody('unknown-sender-key', `no encryption key ${kid} for ${expectedNode}`);
    if (at && hasExpired(entry.jwk, at)) throw new UndecryptableBody('key-expired', `encryption key ${kid} of ${expectedNode} expired at ${entry.jwk.notAfter}`);
    return entry.key;
  }
}
