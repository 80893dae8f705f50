import { KeyObject } from 'node:crypto';
import { KeyError, UndecryptableBody } from './errors';
import { hasExpired, parseEncryptionKid } from './key-epochs';
import { NodeKeySet, PrivateJwk, privateKeyObject } from './keys';
import { derivePairwiseKek, open, parseSealed, seal } from './sealing';
import { DetachedSigner } from './signature';
import { TrustStore } from './trust-store';

interface CachedKek {
  myKid: string;
  peerNode: string;
  peerKid: string;
  kek: Buffer;
}

/**
 * One node's cryptography: signs with its signing key, seals for recipients and opens what
 * was sealed for it. Pairwise key-wrapping keys are derived once per (my key, peer key) pair.
 *
 * Epoch keys rotate: the node may hold several (previous, current, next). The trust list
 * decides which are in force; the private keys held decide what can still be opened. A
 * cached KEK never outlives the private key it was derived from or the trust-list entry of
 * either key, or destroying a key would shred nothing.
 */
export class NodeCrypto {
  private currentSigner: DetachedSigner;
  private keySet: NodeKeySet;
  private epochKeys: Map<string, KeyObject>;
  private readonly keks = new Map<string, CachedKek>();

  constructor(
    keys: NodeKeySet,
    private readonly trust: TrustStore,
  ) {
    this.currentSigner = new DetachedSigner(keys.signing);
    this.keySet = keys;
    this.epochKeys = new Map(keys.encryption.map((k) => [k.kid, privateKeyObject(k)]));
  }

  get node(): string {
    return this.keySet.node;
  }

  /** The key this node signs with now. */
  get signer(): DetachedSigner {
    return this.currentSigner;
  }

  /** Signs with `jwk` from now on (after a rotation the trust list has announced); false if it already did. */
  useSigningKey(jwk: PrivateJwk): boolean {
    if (jwk.kid === this.currentSigner.kid) return false;
    this.currentSigner = new DetachedSigner(jwk);
    this.keySet = { ...this.keySet, signing: jwk };
    return true;
  }

  get keys(): NodeKeySet {
    return this.keySet;
  }

  /** Ids of the epoch private keys this node holds. */
  get heldKeyIds(): string[] {
    return [...this.epochKeys.keys()];
  }

  /** Key-id pairs (mine|peer) with a cached KEK, never the keys themselves: for tests and operators. */
  cachedKekPairs(): string[] {
    return [...this.keks.values()].map((c) => `${c.myKid}|${c.peerKid}`);
  }

  /**
   * Replaces the epoch private keys, as re-read from the key set after a rotation (a key
   * added) or a destruction (a key removed). KEKs derived from a key no longer held go with it.
   */
  useEncryptionKeys(encryption: PrivateJwk[]): { added: string[]; removed: string[] } {
    const next = new Map(encryption.map((k) => [k.kid, this.epochKeys.get(k.kid) ?? privateKeyObject(k)]));
    const added = [...next.keys()].filter((kid) => !this.epochKeys.has(kid));
    const removed = [...this.epochKeys.keys()].filter((kid) => !next.has(kid));
    this.epochKeys = next;
    this.keySet = { ...this.keySet, encryption };
    this.dropKeks((c) => !next.has(c.myKid));
    return { added, removed };
  }

  /** Drops KEKs whose keys left the trust list or expired; call it on every new trust list. */
  forgetStaleKeks(at = new Date()): number {
    const stale = (kid: string, node: string) => {
      const entry = this.trust.encryptionEntry(kid);
      return !entry || entry.node !== node || hasExpired(entry.jwk, at);
    };
    return this.dropKeks((c) => !this.epochKeys.has(c.myKid) || stale(c.myKid, this.node) || stale(c.peerKid, c.peerNode));
  }

  /** Seals `plaintext` once for every recipient node, with each one's current epoch key. */
  sealFor(plaintext: Buffer, recipientNodes: string[], at = new Date()): Buffer {
    const mine = this.sealingKid(at);
    const recipients = recipientNodes.map((node) => {
      const theirs = this.trust.currentEncryptionKey(node, at);
      return { kid: theirs.kid, kek: this.kek(mine, node, theirs.kid, theirs.key) };
    });
    return seal(plaintext, mine, recipients);
  }

  /**
   * Opens a body sealed by `senderNode` with whichever of this node's epoch keys it names,
   * while both that epoch and the sender's are in the trust list and not expired at `at`.
   * Every refusal is an `UndecryptableBody` saying why.
   */
  openFrom(sealed: Buffer, senderNode: string, at = new Date()): Buffer {
    const { jwe, header } = parseSealed(sealed);
    const senderKey = this.trust.encryptionKey(header.skid, senderNode, at);
    const myKid = this.addressedKid(jwe.recipients.map((r) => r.header.kid));
    const listed = this.trust.encryptionEntry(myKid);
    if (!listed || listed.node !== this.node) {
      throw new UndecryptableBody(this.epochKeys.has(myKid) ? 'key-withdrawn' : 'key-destroyed', `key ${myKid} of this node is no longer in the trust list`);
    }
    if (hasExpired(listed.jwk, at)) throw new UndecryptableBody('key-expired', `key ${myKid} of this node expired at ${listed.jwk.notAfter}`);
    return open(jwe, myKid, this.kek(myKid, senderNode, header.skid, senderKey));
  }

  /** The newest key of mine in force that I also hold: one announced before its private half arrived is skipped. */
  private sealingKid(at: Date): string {
    const held = this.trust.validEncryptionKeys(this.node, at).find((k) => this.epochKeys.has(k.kid));
    if (!held) throw new KeyError(`node ${this.node} holds no private key of an encryption epoch in force`);
    return held.kid;
  }

  /**
   * Which recipient entry is this node's: one naming a key it holds or that the trust list
   * gives it, else one whose id says it was made for this node (a destroyed epoch).
   */
  private addressedKid(kids: string[]): string {
    const mine = kids.find((kid) => this.epochKeys.has(kid) || this.trust.encryptionEntry(kid)?.node === this.node);
    if (mine) return mine;
    const former = kids.find((kid) => parseEncryptionKid(kid)?.node === this.node);
    if (former) throw new UndecryptableBody('key-destroyed', `body is sealed for key ${former}, which this node no longer holds`);
    throw new UndecryptableBody('not-sealed-for-me', 'body is not sealed for any key of this node');
  }

  private kek(myKid: string, peerNode: string, peerKid: string, peerKey: KeyObject): Buffer {
    // Checked before the cache, so a cached KEK is never usable without its private key.
    const privateKey = this.epochKeys.get(myKid);
    if (!privateKey) throw new UndecryptableBody('key-destroyed', `this node no longer holds key ${myKid}`);
    const cacheKey = `${myKid}|${peerNode}|${peerKid}`;
    let cached = this.keks.get(cacheKey);
    if (!cached) {
      const kek = derivePairwiseKek({ node: this.node, kid: myKid, privateKey }, { node: peerNode, kid: peerKid, publicKey: peerKey });
      cached = { myKid, peerNode, peerKid, kek };
      this.keks.set(cacheKey, cached);
    }
    return cached.kek;
  }

  /** Removes matching KEKs and overwrites their bytes, so no copy lingers in this process's heap. */
  private dropKeks(matches: (cached: CachedKek) => boolean): number {
    let dropped = 0;
    for (const [key, cached] of this.keks) {
      if (!matches(cached)) continue;
      cached.kek.fill(0);
      this.keks.delete(key);
      dropped++;
    }
    return dropped;
  }
}
