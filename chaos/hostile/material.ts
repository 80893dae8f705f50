import { createPrivateKey, KeyObject } from 'node:crypto';
import { AvroCodec, Envelope, HEADERS, HUB_NODE, PrivateJwk } from '@imi/envelope';
import { SeededRandom } from './random';

/** A record as it was read from (or would be written to) a topic. */
export interface CapturedRecord {
  key: Buffer | string | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

/**
 * What the attacker starts from.
 *
 * - `records`: real records taken from the topic that is attacked, after they were delivered
 *   (on `hub.ingress`: as a node signed them; on a node's inbox: countersigned by the hub too).
 *   They are replayed as they are and are the bases of every mutation. One is enough; a few
 *   give more variety. Records the hub applies itself (addressed to HUB) are left out.
 * - `codec`: the network's codec, to read the captured envelopes and write forged ones with the
 *   registry's real schema ids.
 * - `nodes`: the network's node codes, to claim to be another node or to address one.
 * - `stolenKey` (optional): a real node's signing key, as if stolen. It signs envelopes that
 *   must be refused all the same: a replayed message id, another sender claimed, impossible
 *   recipients, fields no inbox can store. Without it those kinds are not written. Whatever is
 *   refused after the signature checked out is reported by the hub to that node (a signed
 *   `message.rejected`): the node it belongs to receives one per such record.
 *
 * The attacker's own key is drawn from the seed. The hub's key is never material: with it
 * anything could be written into an inbox, and that is not a hostile record but a lost hub.
 */
export interface HostileMaterial {
  records: CapturedRecord[];
  codec: AvroCodec;
  nodes: string[];
  stolenKey?: { node: string; signing: PrivateJwk };
}

/** A captured record, read once: its signature headers and envelope. */
export interface BaseRecord {
  key: string;
  value: Buffer;
  signature: string;
  hubSignature: string | undefined;
  envelope: Envelope;
}

export async function baseRecords(material: HostileMaterial): Promise<BaseRecord[]> {
  const bases: BaseRecord[] = [];
  for (const record of material.records) {
    const signature = headerText(record.headers, HEADERS.signature);
    if (!record.value || !signature) continue;
    let envelope: Envelope;
    try {
      envelope = await material.codec.decodeEnvelope(record.value);
    } catch {
      continue;
    }
    if (envelope.recipientNodes.includes(HUB_NODE)) continue;
    bases.push({ key: record.key?.toString() ?? envelope.caseId, value: record.value, signature, hubSignature: headerText(record.headers, HEADERS.hubSignature), envelope });
  }
  // On an inbox, a record the hub did not countersign was never delivered (an earlier forgery): no base.
  const delivered = bases.some((b) => b.hubSignature !== undefined) ? bases.filter((b) => b.hubSignature !== undefined) : bases;
  if (delivered.length === 0) throw new Error('hostile records need at least one real, signed envelope addressed to a node as material');
  return delivered;
}

/** The attacker's Ed25519 key, from the seed: the same seed signs the same bytes. */
export function attackerKey(random: SeededRandom): KeyObject {
  const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([pkcs8Prefix, random.bytes(32)]), format: 'der', type: 'pkcs8' });
}

function headerText(headers: CapturedRecord['headers'], name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === null ? undefined : value.toString();
}
