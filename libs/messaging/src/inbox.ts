import { prepared, Tx } from '@imi/persistence';

export type InboxOutcome = 'applied' | 'rejected';

/** What the inbox keeps of a received message: ids and signatures, for proof of the exchange. */
export interface InboundMessage {
  messageId: string;
  type: string;
  senderNode: string;
  caseId: string;
  sentAt: number;
  senderSignature: string;
  hubSignature: string | null;
  /** The exact bytes that travelled. */
  value: Buffer;
  /** What a protocol-2 signature covers (the value with the body's digest for the body): kept when the body is erased. */
  manifest: Buffer;
  /** What the sender's signature covers: 1 the whole value, 2 the manifest. */
  signatureProtocol: 1 | 2;
}

/**
 * Records the received message ids of a batch in the transaction that applies them, in one
 * statement. Returns the ids seen for the first time; a message whose id was seen before (or
 * earlier in the same batch) is not among them, and the caller then does nothing with it, so
 * a redelivered or replayed message is a no-op.
 */
export async function claimInbound(tx: Tx, messages: InboundMessage[]): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const column = <T>(pick: (m: InboundMessage) => T) => messages.map(pick);
  const { rows } = await tx.query<{ message_id: string }>(prepared(
    `INSERT INTO inbox_messages (message_id, type, sender_node, outcome, case_id, sent_at, sender_signature, hub_signature, value, manifest, signature_protocol)
     SELECT m.message_id, m.type, m.sender_node, 'applied', m.case_id, m.sent_at, m.sender_signature, m.hub_signature, m.value, m.manifest, m.protocol
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::bytea[], $9::bytea[], $10::smallint[])
       AS m(message_id, type, sender_node, case_id, sent_at, sender_signature, hub_signature, value, manifest, protocol)
     ON CONFLICT (message_id) DO NOTHING
     RETURNING message_id`,
    [column((m) => m.messageId), column((m) => m.type), column((m) => m.senderNode), column((m) => m.caseId),
      column((m) => new Date(m.sentAt)), column((m) => m.senderSignature), column((m) => m.hubSignature), column((m) => m.value),
      column((m) => m.manifest), column((m) => m.signatureProtocol)],
  ));
  return new Set(rows.map((r) => r.message_id));
}

/** Deferred: the message was claimed by an earlier statement of the transaction. */
export function markRejected(tx: Tx, messageId: string, code: string): void {
  tx.defer(prepared(`UPDATE inbox_messages SET outcome = 'rejected', rejection_code = $2 WHERE message_id = $1`, [messageId, code]));
}
