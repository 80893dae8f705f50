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
  /** The exact bytes both signatures cover. */
  value: Buffer;
}

/**
 * Records a received message id in the transaction that applies it. Returns false when the id
 * was seen before: the caller then does nothing, so a redelivered or replayed message is a no-op.
 */
export async function claimInbound(tx: Tx, message: InboundMessage): Promise<boolean> {
  const { rowCount } = await tx.query(prepared(
    `INSERT INTO inbox_messages (message_id, type, sender_node, outcome, case_id, sent_at, sender_signature, hub_signature, value)
     VALUES ($1, $2, $3, 'applied', $4, $5, $6, $7, $8)
     ON CONFLICT (message_id) DO NOTHING`,
    [message.messageId, message.type, message.senderNode, message.caseId, new Date(message.sentAt), message.senderSignature, message.hubSignature, message.value],
  ));
  return rowCount === 1;
}

export async function markRejected(tx: Tx, messageId: string, code: string): Promise<void> {
  await tx.query(`UPDATE inbox_messages SET outcome = 'rejected', rejection_code = $2 WHERE message_id = $1`, [messageId, code]);
}
