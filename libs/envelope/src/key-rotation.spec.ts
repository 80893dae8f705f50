import { generalDecrypt } from 'jose';
import { KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { UndecryptableBody } from './errors';
import { readKeySet, writeKeySet } from './key-files';
import { generateEncryptionKey, generateNodeKeySet, generateSigningKey, NodeKeySet, PrivateJwk, privateKeyObject, PublicJwk, publicKeyObject, toPublicJwk } from './keys';
import { NodeCrypto } from './node-crypto';
import { derivePairwiseKek, EpochKeyRef, GeneralJwe, open, parseSealed } from './sealing';
import { TrustedEncryptionKey, TrustList } from './trust-list';
import { TrustStore } from './trust-store';

/**
 * Encryption-key epochs over their whole life: DE seals under epoch 1, announces epoch 2 ahead
 * of time, reads both while epoch 1 is valid, then destroys epoch 1, after which a message
 * sealed under it cannot be opened with any key left anywhere in the test.
 */

const day = 86_400_000;
const EPOCH1_FROM = new Date('2030-01-01T00:00:00Z');
const ANNOUNCED_AT = new Date('2030-01-20T00:00:00Z');
const EPOCH2_FROM = new Date('2030-02-01T00:00:00Z');
const EPOCH1_UNTIL = new Date('2030-02-08T00:00:00Z');
const plaintext = Buffer.from('Dr Marie Curie, born 1867-11-07, register 12345');

interface ListedKey {
  jwk: PrivateJwk;
  notBefore: Date;
  notAfter?: Date;
}

/** Three nodes with key sets on disk, each with its own trust store, as in a real network. */
class Network {
  readonly root = mkdtempSync(join(tmpdir(), 'imi-rotation-'));
  readonly hubKey = generateSigningKey('hub');
  readonly keys = new Map<string, NodeKeySet>();
  readonly listed = new Map<string, ListedKey[]>();
  readonly crypto = new Map<string, NodeCrypto>();
  readonly trust = new Map<string, TrustStore>();
  /** Every public key ever published, including those of keys since destroyed. */
  readonly everPublished: PublicJwk[] = [];
  private version = 0;

  constructor(nodes: string[]) {
    writeKeySet(join(this.root, 'hub'), { node: 'HUB', signing: this.hubKey, encryption: [] });
    for (const node of nodes) {
      const keys = generateNodeKeySet(node);
      writeKeySet(this.dir(node), keys);
      this.keys.set(node, keys);
      this.listed.set(node, [{ jwk: keys.encryption[0], notBefore: EPOCH1_FROM }]);
      this.everPublished.push(toPublicJwk(keys.signing), toPublicJwk(keys.encryption[0]));
    }
    for (const node of nodes) {
      const trust = new TrustStore();
      this.trust.set(node, trust);
      this.crypto.set(node, new NodeCrypto(readKeySet(this.dir(node)), trust));
    }
    this.publish(EPOCH1_FROM);
  }

  dir(node: string): string {
    return join(this.root, node);
  }

  node(code: string): NodeCrypto {
    return this.crypto.get(code)!;
  }

  /** What `rotate-encryption-key` does: next key into the key set, announced with its period. */
  rotate(node: string, notBefore: Date, previousUntil: Date): PrivateJwk {
    const next = generateEncryptionKey(node, this.listed.get(node)!.length + 1);
    const keys = readKeySet(this.dir(node));
    writeKeySet(this.dir(node), { ...keys, encryption: [...keys.encryption, next] });
    for (const key of this.listed.get(node)!) if (!key.notAfter || key.notAfter > previousUntil) key.notAfter = previousUntil;
    this.listed.get(node)!.push({ jwk: next, notBefore });
    this.everPublished.push(toPublicJwk(next));
    return next;
  }

  /** What `destroy-encryption-key` does: private key out of the key set, key out of the trust list. */
  destroy(node: string, kid: string): void {
    const keys = readKeySet(this.dir(node));
    writeKeySet(this.dir(node), { ...keys, encryption: keys.encryption.filter((k) => k.kid !== kid) });
    this.listed.set(node, this.listed.get(node)!.filter((k) => k.jwk.kid !== kid));
  }

  /** The hub publishes a new list; each node applies it and re-reads its key set (EpochKeys.refresh). */
  publish(at: Date): void {
    this.version++;
    for (const [node, crypto] of this.crypto) {
      this.trust.get(node)!.replace(this.trustList());
      crypto.useEncryptionKeys(readKeySet(this.dir(node)).encryption);
      crypto.forgetStaleKeks(at);
    }
  }

  trustList(): TrustList {
    return {
      version: this.version,
      issuedAt: new Date().toISOString(),
      authorities: [],
      nodes: [...this.keys].map(([code, keys]) => ({
        code,
        status: 'active' as const,
        signingKeys: [{ ...toPublicJwk(keys.signing), status: 'active' as const }],
        encryptionKeys: this.listed.get(code)!.map(
          (k): TrustedEncryptionKey => ({ ...toPublicJwk(k.jwk), notBefore: k.notBefore.toISOString(), notAfter: k.notAfter?.toISOString() ?? null }),
        ),
      })),
    };
  }

  /** Every private key that exists anywhere: in any file under the key root, and in every node's memory. */
  everyPrivateKey(): PrivateJwk[] {
    const found = new Map<string, PrivateJwk>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        const jwk = value as PrivateJwk;
        if (typeof jwk.d === 'string') found.set(jwk.d, jwk);
        else Object.values(value).forEach(collect);
      }
    };
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else {
          const text = readFileSync(path, 'utf8');
          // A file that is not JSON any more (a shredded leftover) holds no key either.
          try {
            collect(JSON.parse(text));
          } catch {
            expect(text.replace(/\0/g, '')).toBe('');
          }
        }
      }
    };
    walk(this.root);
    for (const crypto of this.crypto.values()) collect(crypto.keys);
    return [...found.values()];
  }

  close(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

const kidOf = (sealed: Buffer) => parseSealed(sealed).jwe.recipients[0].header.kid;
const skidOf = (sealed: Buffer) => parseSealed(sealed).header.skid;

describe('encryption-key epochs', () => {
  let net: Network;
  let deEpoch1: string;
  let frEpoch1: string;
  let deEpoch2: PrivateJwk;
  /** Sealed FR → DE under epoch 1, captured as a Kafka copy would be. */
  let epoch1Message: Buffer;

  beforeAll(() => {
    net = new Network(['FR', 'DE', 'ES']);
    deEpoch1 = net.keys.get('DE')!.encryption[0].kid;
    frEpoch1 = net.keys.get('FR')!.encryption[0].kid;
  });

  afterAll(() => net.close());

  it('seals for epoch 1 and the recipient opens it', () => {
    epoch1Message = net.node('FR').sealFor(plaintext, ['DE'], ANNOUNCED_AT);
    expect(kidOf(epoch1Message)).toBe(deEpoch1);
    expect(skidOf(epoch1Message)).toBe(frEpoch1);
    expect(net.node('DE').openFrom(epoch1Message, 'FR', ANNOUNCED_AT)).toEqual(plaintext);
    // The exhaustive search used below finds exactly the two keys that can open it.
    expect(openers(net.everyPrivateKey(), net.everPublished, epoch1Message).sort()).toEqual([deEpoch1, frEpoch1].sort());
  });

  describe('rotation to epoch 2, announced ahead', () => {
    beforeAll(() => {
      deEpoch2 = net.rotate('DE', EPOCH2_FROM, EPOCH1_UNTIL);
      net.publish(ANNOUNCED_AT);
    });

    it('is in the trust list before it is used, and the recipient holds it at once', () => {
      expect(net.trustList().nodes.find((n) => n.code === 'DE')!.encryptionKeys.map((k) => [k.kid, k.notBefore, k.notAfter])).toEqual([
        [deEpoch1, EPOCH1_FROM.toISOString(), EPOCH1_UNTIL.toISOString()],
        [deEpoch2.kid, EPOCH2_FROM.toISOString(), null],
      ]);
      expect(net.node('DE').heldKeyIds).toEqual([deEpoch1, deEpoch2.kid]);
    });

    it('senders keep sealing for epoch 1 until notBefore, then for epoch 2', () => {
      expect(kidOf(net.node('FR').sealFor(plaintext, ['DE'], new Date(EPOCH2_FROM.getTime() - 1)))).toBe(deEpoch1);
      expect(kidOf(net.node('ES').sealFor(plaintext, ['DE'], new Date(EPOCH2_FROM.getTime() - 1)))).toBe(deEpoch1);
      expect(kidOf(net.node('FR').sealFor(plaintext, ['DE'], EPOCH2_FROM))).toBe(deEpoch2.kid);
      expect(kidOf(net.node('ES').sealFor(plaintext, ['DE'], EPOCH2_FROM))).toBe(deEpoch2.kid);
    });

    it('the recipient opens both epochs while epoch 1 is valid', () => {
      const at = new Date(EPOCH1_UNTIL.getTime() - 1);
      const epoch2Message = net.node('FR').sealFor(plaintext, ['DE'], EPOCH2_FROM);
      expect(net.node('DE').openFrom(epoch1Message, 'FR', at)).toEqual(plaintext);
      expect(net.node('DE').openFrom(epoch2Message, 'FR', at)).toEqual(plaintext);
    });

    it('a sender whose own next key is announced but not yet held keeps sealing with its current one', () => {
      const fr = net.node('FR');
      const trust = new TrustStore();
      const list = net.trustList();
      const frEntry = list.nodes.find((n) => n.code === 'FR')!;
      const unheld = generateEncryptionKey('FR', 2);
      frEntry.encryptionKeys.push({ ...toPublicJwk(unheld), notBefore: EPOCH2_FROM.toISOString(), notAfter: null });
      trust.replace(list);
      const sealed = new NodeCrypto(fr.keys, trust).sealFor(plaintext, ['DE'], EPOCH2_FROM);
      expect(skidOf(sealed)).toBe(frEpoch1);
      expect(net.node('DE').openFrom(sealed, 'FR', EPOCH2_FROM)).toEqual(plaintext);
    });

    it('refuses epoch 1 once it has expired, although the key and its KEK are still held', () => {
      expect(net.node('DE').cachedKekPairs()).toContain(`${deEpoch1}|${frEpoch1}`);
      expect(() => net.node('DE').openFrom(epoch1Message, 'FR', EPOCH1_UNTIL)).toThrow(
        expect.objectContaining({ name: 'UndecryptableBody', code: 'undecryptable', reason: 'key-expired' }),
      );
      expect(kidOf(net.node('FR').sealFor(plaintext, ['DE'], EPOCH1_UNTIL))).toBe(deEpoch2.kid);
    });
  });

  describe('destruction of epoch 1', () => {
    const during = new Date(EPOCH2_FROM.getTime() + day);

    it('the cached KEK does not keep a destroyed key usable, even before the trust list says so', () => {
      const de = net.node('DE');
      expect(de.openFrom(epoch1Message, 'FR', during)).toEqual(plaintext);
      expect(de.cachedKekPairs()).toContain(`${deEpoch1}|${frEpoch1}`);
      // The private key leaves the key set; the node re-reads it, the trust list is unchanged.
      const keys = readKeySet(net.dir('DE'));
      writeKeySet(net.dir('DE'), { ...keys, encryption: keys.encryption.filter((k) => k.kid !== deEpoch1) });
      de.useEncryptionKeys(readKeySet(net.dir('DE')).encryption);
      expect(de.heldKeyIds).toEqual([deEpoch2.kid]);
      expect(de.cachedKekPairs().filter((pair) => pair.startsWith(deEpoch1))).toEqual([]);
      expect(() => de.openFrom(epoch1Message, 'FR', during)).toThrow(expect.objectContaining({ code: 'undecryptable', reason: 'key-destroyed' }));
    });

    it('after the registry drops it, every node refuses with a typed error and senders forget their KEKs for it', () => {
      expect(net.node('FR').cachedKekPairs()).toContain(`${frEpoch1}|${deEpoch1}`);
      net.destroy('DE', deEpoch1);
      net.publish(during);
      expect(net.node('FR').cachedKekPairs().filter((pair) => pair.endsWith(deEpoch1))).toEqual([]);
      expect(net.node('ES').cachedKekPairs().filter((pair) => pair.endsWith(deEpoch1))).toEqual([]);
      const refusal = (node: string, sender: string) => {
        try {
          net.node(node).openFrom(epoch1Message, sender, during);
        } catch (error) {
          return error;
        }
        throw new Error(`${node} opened it`);
      };
      expect(refusal('DE', 'FR')).toMatchObject({ code: 'undecryptable', reason: 'key-destroyed' });
      expect(refusal('DE', 'FR')).toBeInstanceOf(UndecryptableBody);
      expect(refusal('FR', 'FR')).toMatchObject({ code: 'undecryptable', reason: 'not-sealed-for-me' });
      expect(refusal('ES', 'FR')).toMatchObject({ code: 'undecryptable', reason: 'not-sealed-for-me' });
      // Epoch 2 goes on working.
      expect(net.node('DE').openFrom(net.node('FR').sealFor(plaintext, ['DE'], during), 'FR', during)).toEqual(plaintext);
    });

    it('the key that sealed it is the other half of the pairwise key: the sender epoch key must be destroyed too', () => {
      // Static-static X25519: DH(fr1, DE1) = DH(de1, FR1). While FR keeps the epoch key it
      // sealed with, that key opens the message; shredding needs both ends' epoch keys gone.
      expect(openers(net.everyPrivateKey(), net.everPublished, epoch1Message)).toEqual([frEpoch1]);
    });

    it('once the sender has rotated and destroyed its epoch 1 too, no key anywhere opens the message', async () => {
      net.rotate('FR', EPOCH2_FROM, EPOCH1_UNTIL);
      net.publish(during);
      net.destroy('FR', frEpoch1);
      net.publish(during);

      const everyKey = net.everyPrivateKey();
      // Everything that exists: each node's signing key and live epoch keys, and the hub's key.
      expect(everyKey.map((k) => k.kid).sort()).toEqual(
        [net.hubKey.kid, ...[...net.crypto.values()].flatMap((c) => [c.keys.signing.kid, ...c.heldKeyIds])].sort(),
      );
      expect(everyKey.map((k) => k.kid)).not.toContain(deEpoch1);
      expect(everyKey.map((k) => k.kid)).not.toContain(frEpoch1);
      expect(openers(everyKey, net.everPublished, epoch1Message)).toEqual([]);
      expect(await openedByJose(everyKey, net.everPublished, epoch1Message)).toBe(false);
      for (const node of net.crypto.keys()) {
        for (const sender of ['FR', 'DE', 'ES']) {
          expect(() => net.node(node).openFrom(epoch1Message, sender, during)).toThrow(expect.objectContaining({ code: 'undecryptable' }));
        }
      }
    });
  });
});

/**
 * Kids of the private keys that open `sealed`, trying each one with every public key ever
 * published, under every binding (the message's own key pair, and the keys' own ids), against
 * every recipient entry. Keys that cannot do X25519 (the Ed25519 signing keys) open nothing.
 */
function openers(privateKeys: PrivateJwk[], publicKeys: PublicJwk[], sealed: Buffer): string[] {
  return privateKeys.filter((jwk) => candidateKeks(jwk, publicKeys, sealed).some((kek) => opensWith(parseSealed(sealed).jwe, kek))).map((k) => k.kid);
}

function candidateKeks(jwk: PrivateJwk, publicKeys: PublicJwk[], sealed: Buffer): Buffer[] {
  const { jwe, header } = parseSealed(sealed);
  const own = (k: PublicJwk): EpochKeyRef => ({ node: k.kid.split('-')[0], kid: k.kid });
  let privateKey: KeyObject;
  try {
    privateKey = privateKeyObject(jwk);
  } catch {
    return [];
  }
  const keks: Buffer[] = [];
  for (const peer of publicKeys) {
    const bindings: [EpochKeyRef, EpochKeyRef][] = [[own(jwk), own(peer)]];
    for (const r of jwe.recipients) bindings.push([own({ ...peer, kid: header.skid }), own({ ...peer, kid: r.header.kid })]);
    for (const [a, b] of bindings) {
      try {
        keks.push(derivePairwiseKek({ ...a, privateKey }, { ...b, publicKey: publicKeyObject(peer) }));
      } catch {
        // Not an X25519 pair: no agreement, nothing to try.
      }
    }
  }
  return keks;
}

function opensWith(jwe: GeneralJwe, kek: Buffer): boolean {
  return jwe.recipients.some((r) => {
    try {
      open(jwe, r.header.kid, kek);
      return true;
    } catch {
      return false;
    }
  });
}

/** The same search through jose, the reference implementation. */
async function openedByJose(privateKeys: PrivateJwk[], publicKeys: PublicJwk[], sealed: Buffer): Promise<boolean> {
  for (const jwk of privateKeys) {
    for (const kek of candidateKeks(jwk, publicKeys, sealed)) {
      const opened = await generalDecrypt(JSON.parse(sealed.toString()), kek).then(() => true, () => false);
      if (opened) return true;
    }
  }
  return false;
}
