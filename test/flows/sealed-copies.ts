import { join } from 'node:path';
import { AvroCodec, derivePairwiseKek, open, parseSealed, privateKeyObject, readKeySet, TrustStore } from '@imi/envelope';
import { RunningNode } from './network';

/**
 * Everything a node could still read of the stored copies of one exchange's messages with its
 * OWN keys, as someone holding its database backup and its key folder would: each inbox and
 * outbox value, its sealed body opened where any of the node's epoch keys opens it (as the
 * recipient, or as the sender, whose key derives the same pairwise KEK).
 */
export async function readableCopies(node: RunningNode, exchangeId: string, codec: AvroCodec, trust: TrustStore, keysRoot: string): Promise<string[]> {
  const rows = [
    ...await node.db.query<{ value: Buffer }>('SELECT value FROM inbox_messages WHERE case_id = $1 AND value IS NOT NULL', [exchangeId]),
    ...await node.db.query<{ value: Buffer }>('SELECT value FROM outbox_messages WHERE message_key = $1 AND value IS NOT NULL', [exchangeId]),
  ];
  const keys = readKeySet(join(keysRoot, node.country));
  const mine = new Map(keys.encryption.map((k) => [k.kid, privateKeyObject(k)]));
  const texts: string[] = [];
  for (const { value } of rows) {
    texts.push(value.toString('latin1'));
    const envelope = await codec.decodeEnvelope(value);
    if (envelope.bodyEncoding !== 'JWE') continue;
    const { jwe, header } = parseSealed(envelope.body);
    for (const recipient of jwe.recipients) {
      const asSender = mine.has(header.skid) ? { myKid: header.skid, peerKid: recipient.header.kid } : null;
      const asRecipient = mine.has(recipient.header.kid) ? { myKid: recipient.header.kid, peerKid: header.skid } : null;
      const pair = asRecipient ?? asSender;
      const peer = pair && trust.encryptionEntry(pair.peerKid);
      if (!pair || !peer) continue;
      const kek = derivePairwiseKek({ node: node.country, kid: pair.myKid, privateKey: mine.get(pair.myKid)! }, { node: peer.node, kid: pair.peerKid, publicKey: peer.key });
      texts.push(open(jwe, recipient.header.kid, kek).toString('latin1'));
    }
  }
  return texts;
}
