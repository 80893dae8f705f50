import { KeyObject } from 'node:crypto';
import { MessageRejected } from './errors';
import { NodeKeySet, privateKeyObject } from './keys';
import { derivePairwiseKek, open, parseSealed, seal } from './sealing';
import { DetachedSigner } from './signature';
import { TrustStore } from './trust-store';

/**
 * One node's cryptography: signs with its signing key, seals for recipients and opens what
 * was sealed for it. Pairwise key-wrapping keys are derived once per (my key, peer key) pair.
 */
export class NodeCrypto {
  readonly signer: DetachedSigner;
  private readonly epochKeys: Map<string, KeyObject>;
  private readonly keks = new Map<string, Buffer>();

  constructor(
    readonly keys: NodeKeySet,
    private readonly trust: TrustStore,
  ) {
    this.signer = new DetachedSigner(keys.signing);
    this.epochKeys = new Map(keys.encryption.map((k) => [k.kid, privateKeyObject(k)]));
  }

  get node(): string {
    return this.keys.node;
  }

  /** Seals `plaintext` once for every recipient node, with each one's current epoch key. */
  sealFor(plaintext: Buffer, recipientNodes: string[], at = new Date()): Buffer {
    const mine = this.trust.currentEncryptionKey(this.node, at);
    const recipients = recipientNodes.map((node) => {
      const theirs = this.trust.currentEncryptionKey(node, at);
      return { kid: theirs.kid, kek: this.kek(mine.kid, node, theirs.kid, theirs.key) };
    });
    return seal(plaintext, mine.kid, recipients);
  }

  /** Opens a body sealed by `senderNode`; refuses bodies not sealed for one of this node's keys. */
  openFrom(sealed: Buffer, senderNode: string): Buffer {
    const { jwe, header } = parseSealed(sealed);
    const senderKey = this.trust.encryptionKey(header.skid, senderNode);
    const entry = jwe.recipients.find((r) => this.epochKeys.has(r.header.kid));
    if (!entry) throw new MessageRejected('undecryptable', 'body is not sealed for any key this node holds');
    return open(jwe, entry.header.kid, this.kek(entry.header.kid, senderNode, header.skid, senderKey));
  }

  private kek(myKid: string, peerNode: string, peerKid: string, peerKey: KeyObject): Buffer {
    const cacheKey = `${myKid}|${peerKid}`;
    let kek = this.keks.get(cacheKey);
    if (!kek) {
      const privateKey = this.epochKeys.get(myKid);
      if (!privateKey) throw new MessageRejected('undecryptable', `this node no longer holds key ${myKid}`);
      kek = derivePairwiseKek({ node: this.node, kid: myKid, privateKey }, { node: peerNode, kid: peerKid, publicKey: peerKey });
      this.keks.set(cacheKey, kek);
    }
    return kek;
  }
}
