import { KeyObject } from 'node:crypto';
import { MessageRejected } from './errors';
import { HUB_NODE } from './envelope';
import { PublicJwk, publicKeyObject } from './keys';
import { AuthorityEntry, TrustedEncryptionKey, TrustedNode, TrustList } from './trust-list';

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
  private encryption = new Map<string, { node: string; jwk: TrustedEncryptionKey; key: KeyObject }>();
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
    const encryption = new Map<string, { node: string; jwk: TrustedEncryptionKey; key: KeyObject }>();
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

  allAuthorities(): AuthorityEntry[] {
    return [...this.authorities.values()];
  }

  /** The key senders seal for now: the newest one whose period has begun. */
  currentEncryptionKey(node: string, at: Date): { kid: string; key: KeyObject } {
    const usable = (this.nodes.get(node)?.encryptionKeys ?? [])
      .filter((k) => Date.parse(k.notBefore) <= at.getTime() && (k.notAfter === null || Date.parse(k.notAfter) > at.getTime()))
      .sort((a, b) => Date.parse(b.notBefore) - Date.parse(a.notBefore));
    if (usable.length === 0) throw new MessageRejected('unknown-recipient', `node ${node} has no valid encryption key`);
    return { kid: usable[0].kid, key: this.encryption.get(usable[0].kid)!.key };
  }

  /** A sender's epoch key named in a sealed body; it must belong to the envelope's sender. */
  encryptionKey(kid: string, expectedNode: string): KeyObject {
    const entry = this.encryption.get(kid);
    if (!entry || entry.node !== expectedNode) throw new MessageRejected('undecryptable', `no encryption key ${kid} for ${expectedNode}`);
    return entry.key;
  }
}
