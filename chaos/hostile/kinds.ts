import { KeyObject } from 'node:crypto';
import { AvroCodec, DetachedSigner, Envelope, HEADERS, HUB_NODE, MAX_VALUE_BYTES, PrivateJwk } from '@imi/envelope';
import { BaseRecord } from './material';
import { NULL_HEADER_VALUE } from './null-header';
import { SeededRandom } from './random';

/** Records an attacker with write access alone can make: no key of the network. */
export const KEYLESS_KINDS = [
  'bit-flip-value', 'bit-flip-signature', 'truncated-avro', 'wrong-schema-id', 'oversize', 'forged-kid-unknown',
  'forged-kid-attacker', 'copied-signature', 'random-bytes', 'missing-parts', 'replay',
] as const;

/** Records signed with a stolen node key (material.stolenKey), that must be refused all the same. */
export const STOLEN_KEY_KINDS = ['replay-resigned', 'sender-mismatch', 'wrong-recipients', 'poison-fields'] as const;

export const HOSTILE_KINDS = [...KEYLESS_KINDS, ...STOLEN_KEY_KINDS] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/**
 * Kinds the hub routes although they are hostile: a message id it already routed, which every
 * recipient inbox drops as a duplicate (counted). On an inbox only `replay` is a duplicate.
 * Every other record is rejected by the hub (a notice on `hub.rejected`) or ignored by an inbox.
 */
export const ROUTED_AS_DUPLICATE: readonly HostileKind[] = ['replay', 'replay-resigned'];

/**
 * Kinds the hub rejects after the stolen key's signature checked out: the stolen key's node
 * hears of each with a signed `message.rejected` (into its inbox), as any sender would.
 */
export const REPORTED_TO_KEY_OWNER: readonly HostileKind[] = ['sender-mismatch', 'wrong-recipients', 'poison-fields'];

/** Relative share of each kind when none is given: oversize values are costly to carry, stolen-key ones cost the key's node a rejection each. */
export const DEFAULT_WEIGHTS: Record<HostileKind, number> = {
  'bit-flip-value': 1, 'bit-flip-signature': 1, 'truncated-avro': 1, 'wrong-schema-id': 1, oversize: 0.02, 'forged-kid-unknown': 1,
  'forged-kid-attacker': 1, 'copied-signature': 1, 'random-bytes': 1, 'missing-parts': 1, replay: 0.5,
  'replay-resigned': 0.25, 'sender-mismatch': 0.25, 'wrong-recipients': 0.25, 'poison-fields': 0.25,
};

export interface HostileRecord {
  key: string;
  value: Buffer | null;
  headers: Record<string, Buffer | string>;
}

/** Signed variants made once and reused: a few hundred signatures for any number of records. */
const POOL = 48;

/**
 * Makes hostile records of each kind from real base records, cheaply: most kinds copy and
 * mutate bytes; the kinds that need a signature draw from pools signed once at construction.
 */
export class HostileRecordMaker {
  private readonly forgedKidHeaders: string[];
  private readonly attackerSigned: HostileRecord[];
  private readonly foreignValues: Buffer[];
  private readonly stolen: Partial<Record<HostileKind, HostileRecord[]>> = {};
  private readonly oversize: Buffer;
  private readonly inbox: boolean;

  constructor(
    private readonly random: SeededRandom,
    private readonly bases: BaseRecord[],
    private readonly codec: AvroCodec,
    private readonly nodes: string[],
    attacker: KeyObject,
    stolenKey: { node: string; signing: PrivateJwk } | undefined,
  ) {
    // Records captured from an inbox carry the hub's countersignature; from hub.ingress they do not.
    this.inbox = bases.some((b) => b.hubSignature !== undefined);
    const attackerJwk = attacker.export({ format: 'jwk' }) as { kty: 'OKP'; crv: 'Ed25519'; x: string; d: string };
    this.forgedKidHeaders = Array.from({ length: POOL }, () => {
      const base = random.pick(bases);
      const [, , signature] = base.signature.split('.');
      const kid = `${random.pick(nodes)}-sig-${random.bytes(4).toString('hex')}`;
      return `${Buffer.from(JSON.stringify({ alg: 'EdDSA', kid, b64: false, crit: ['b64', 'imi'], imi: 2, bodyLength: base.envelope.body.length })).toString('base64url')}..${signature}`;
    });
    this.foreignValues = Array.from({ length: POOL }, () => {
      const base = random.pick(bases);
      return codec.encodeEnvelope({ ...base.envelope, messageId: random.uuid(), caseId: random.uuid(), sentAt: base.envelope.sentAt + random.below(1000) });
    });
    this.attackerSigned = Array.from({ length: POOL }, (_, i) => {
      const base = random.pick(bases);
      // The kid of a real key (the base's signer), the signature by the attacker's key.
      const kid = JSON.parse(Buffer.from(base.signature.split('.')[0], 'base64url').toString()).kid as string;
      const signer = new DetachedSigner({ ...attackerJwk, kid, use: 'sig' });
      const value = i % 2 === 0 ? base.value : random.pick(this.foreignValues);
      const body = codec.envelopeBody(value) ?? base.envelope.body;
      return this.withHubHeader(base, { key: '', value, headers: { [HEADERS.signature]: signer.signMessage(value, body) } });
    });
    const filler = random.bytes(MAX_VALUE_BYTES + 65_536);
    bases[0].value.copy(filler, 0, 0, Math.min(bases[0].value.length, filler.length));
    this.oversize = filler;
    if (stolenKey) this.signStolen(stolenKey);
  }

  /** Whether this maker can write `kind` (the stolen-key kinds need the key). */
  canMake(kind: HostileKind): boolean {
    return !(STOLEN_KEY_KINDS as readonly string[]).includes(kind) || this.stolen[kind] !== undefined;
  }

  make(kind: HostileKind, key: string): HostileRecord {
    const r = this.random;
    const base = r.pick(this.bases);
    const headers = this.headersOf(base);
    switch (kind) {
      case 'bit-flip-value': {
        // One to three distinct bits: the same bit flipped twice would give the real record back.
        const value = Buffer.from(base.value);
        const bits = new Set<number>();
        for (let flips = 1 + r.below(3); bits.size < flips; ) bits.add(r.below(value.length * 8));
        for (const bit of bits) value[bit >> 3] ^= 1 << (bit & 7);
        return { key, value, headers };
      }
      case 'bit-flip-signature': {
        const name = this.inbox && r.below(2) === 1 ? HEADERS.hubSignature : HEADERS.signature;
        return { key, value: base.value, headers: { ...headers, [name]: flipInJws(String(headers[name]), r) } };
      }
      case 'truncated-avro':
        return { key, value: base.value.subarray(0, 1 + r.below(base.value.length - 1)), headers };
      case 'wrong-schema-id': {
        const value = Buffer.from(base.value);
        const variant = r.below(3);
        const drawn = r.next();
        if (variant === 0) value.writeUInt32BE(drawn === value.readUInt32BE(1) ? (drawn ^ 1) >>> 0 : drawn, 1);
        else if (variant === 1) value.writeUInt32BE(Math.max(1, value.readUInt32BE(1) + 1 + r.below(30)), 1); // likely another registered schema
        else value[0] = 1 + r.below(255); // not the wire format's magic byte
        return { key, value, headers };
      }
      case 'oversize':
        return { key, value: this.oversize.subarray(0, MAX_VALUE_BYTES + 1 + r.below(65_536)), headers };
      case 'forged-kid-unknown':
        return { key, value: base.value, headers: { ...headers, [HEADERS.signature]: r.pick(this.forgedKidHeaders) } };
      case 'forged-kid-attacker':
        return { ...r.pick(this.attackerSigned), key };
      case 'copied-signature':
        // A real signature (and on an inbox, the hub's real countersignature) over other bytes.
        return { key, value: r.pick(this.foreignValues), headers };
      case 'random-bytes': {
        const value = r.bytes(r.below(2048));
        if (value.length >= 5 && r.below(2) === 0) value.writeUInt8(0, 0); // looks like the wire format
        const variant = r.below(3);
        return { key, value, headers: variant === 0 ? {} : variant === 1 ? headers : { [HEADERS.signature]: r.bytes(r.below(300)).toString('latin1') } };
      }
      case 'missing-parts':
        return { key, ...missingParts(base, headers, this.inbox, r) };
      case 'replay':
        return { key: base.key, value: base.value, headers };
      default:
        return { ...r.pick(this.stolen[kind]!), key };
    }
  }

  private headersOf(base: BaseRecord): Record<string, string> {
    return base.hubSignature === undefined
      ? { [HEADERS.signature]: base.signature }
      : { [HEADERS.signature]: base.signature, [HEADERS.hubSignature]: base.hubSignature };
  }

  /** On an inbox, a forged record carries the base's real hub countersignature (which does not cover it). */
  private withHubHeader(base: BaseRecord, record: HostileRecord): HostileRecord {
    if (!this.inbox || base.hubSignature === undefined) return record;
    return { ...record, headers: { ...record.headers, [HEADERS.hubSignature]: base.hubSignature } };
  }

  private signStolen(stolenKey: { node: string; signing: PrivateJwk }): void {
    const r = this.random;
    const signer = new DetachedSigner(stolenKey.signing);
    const sign = (base: BaseRecord, value: Buffer, body: Buffer): HostileRecord =>
      this.withHubHeader(base, { key: '', value, headers: { [HEADERS.signature]: signer.signMessage(value, body) } });
    const others = this.nodes.filter((n) => n !== stolenKey.node);
    // Bases whose recipients the stolen key's node can address (itself excluded).
    const addressable = this.bases.filter((b) => b.envelope.recipientNodes.some((n) => n !== stolenKey.node));
    if (addressable.length === 0 || others.length === 0) return;
    const asKeyOwner = (base: BaseRecord): Envelope => {
      const own = base.envelope.senderNode === stolenKey.node;
      return {
        ...base.envelope, senderNode: stolenKey.node, senderAuthority: own ? base.envelope.senderAuthority : null,
        recipientNodes: base.envelope.recipientNodes.filter((n) => n !== stolenKey.node),
        recipientAuthorities: own ? base.envelope.recipientAuthorities : [],
      };
    };
    const pool = (make: (base: BaseRecord, i: number) => HostileRecord) => Array.from({ length: POOL }, (_, i) => make(r.pick(addressable), i));
    const encode = (base: BaseRecord, envelope: Envelope) => sign(base, this.codec.encodeEnvelope(envelope), envelope.body);

    // The same message id as a delivered message, re-signed with other bytes (sentAt moved on): every recipient already has that id.
    this.stolen['replay-resigned'] = pool((base, i) => encode(base, { ...asKeyOwner(base), sentAt: base.envelope.sentAt + 1 + i }));
    this.stolen['sender-mismatch'] = pool((base) => encode(base, { ...asKeyOwner(base), messageId: r.uuid(), senderNode: r.pick(others) }));
    this.stolen['wrong-recipients'] = pool((base, i) => {
      const to = asKeyOwner(base).recipientNodes[0];
      const recipients = [[HUB_NODE], [to, HUB_NODE], ['XX'], [], [stolenKey.node], [to, to]][i % 6];
      return encode(base, { ...asKeyOwner(base), messageId: r.uuid(), recipientNodes: recipients, recipientAuthorities: [] });
    });
    this.stolen['poison-fields'] = pool((base, i) => {
      const envelope = { ...asKeyOwner(base), messageId: r.uuid() };
      switch (i % 6) {
        case 0: return encode(base, { ...envelope, sentAt: -8.64e15 }); // a date no database stores
        case 1: return encode(base, { ...envelope, sentAt: 9e15 }); // past the last date JavaScript holds: no date at all
        case 2: return encode(base, { ...envelope, type: `${envelope.type}\u0000` }); // NUL: no Postgres text holds it
        case 3: return encode(base, { ...envelope, caseId: `${envelope.caseId}\u0000` });
        case 4: { // an array claiming 2^31 items in a few bytes: a reader that believes it runs out of memory
          const value = hugeArrayCount(this.codec, envelope);
          return sign(base, value, envelope.body);
        }
        default: { // a schema id the registry does not have, signed: read only after the signature checks out
          const value = this.codec.encodeEnvelope(envelope);
          value.writeUInt32BE(0x7fff0000 + r.below(0xffff), 1);
          return sign(base, value, envelope.body);
        }
      }
    });
  }
}

/** A protected header or signature with one bit flipped, never in the signature's last character (whose low bits base64url ignores). */
function flipInJws(jws: string, r: SeededRandom): string {
  const bytes = Buffer.from(jws, 'latin1');
  const separator = jws.indexOf('..');
  const inHeader = r.below(2) === 0 || separator < 0;
  const at = inHeader ? r.below(Math.max(1, separator)) : separator + 2 + r.below(Math.max(1, bytes.length - separator - 3));
  bytes[at] ^= 1 << r.below(8);
  return bytes.toString('latin1');
}

function missingParts(base: BaseRecord, headers: Record<string, string>, inbox: boolean, r: SeededRandom): Omit<HostileRecord, 'key'> {
  switch (r.below(inbox ? 7 : 6)) {
    case 0: return { value: base.value, headers: {} };
    case 1: return { value: base.value, headers: { ...headers, [HEADERS.signature]: '' } };
    case 2: return { value: base.value, headers: { ...headers, [HEADERS.signature]: NULL_HEADER_VALUE } };
    case 3: return { value: null, headers };
    case 4: return { value: Buffer.alloc(0), headers };
    case 5: return { value: base.value, headers: { [HEADERS.signature.toUpperCase()]: base.signature } };
    default: { // an inbox record without the hub's countersignature
      const { [HEADERS.hubSignature]: _, ...senderOnly } = headers;
      return { value: base.value, headers: senderOnly };
    }
  }
}

/**
 * The envelope's bytes with its recipientAuthorities array claiming 2^31 items: the count is
 * found by encoding the envelope with no such authority and with one (the first byte that
 * differs), and replaced by the varint of 2^31.
 */
export function hugeArrayCount(codec: AvroCodec, envelope: Envelope): Buffer {
  const none = codec.encodeEnvelope({ ...envelope, recipientAuthorities: [] });
  const one = codec.encodeEnvelope({ ...envelope, recipientAuthorities: ['x'] });
  let at = 0;
  while (none[at] === one[at]) at++;
  const count = Buffer.from([0x80, 0x80, 0x80, 0x80, 0x10]); // zig-zag varint of 2^31
  return Buffer.concat([none.subarray(0, at), count, none.subarray(at + 1)]);
}
