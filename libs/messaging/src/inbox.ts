import { prepared, Tx } from '@imi/persistence';

export type InboxOutcome = 'applied' | 'rejected';

/**
 * Records a received message id in the transaction that applies it. Returns false when the id
 * was seen before: the caller then does nothing, so a redelivered or replayed message is a no-op.
 */
export async function claimInbound(tx: Tx, messageId: string, type: string, senderNode: string): Promise<boolean> {
  const { rowCount } = await tx.query(prepared(
    `INSERT INTO inbox_messages (message_id, type, sender_node, outcome) VALUES ($1, $2, $3, 'applied')
     ON CONFLICT (message_id) DO NOTHING`,
    [messageId, type, senderNode],
  ));
  return rowCount === 1;
}

export async function markRejected(tx: Tx, messageId: string, code: string): Promise<void> {
  await tx.query(`UPDATE inbox_messages SET outcome = 'rejected', rejection_code = $2 WHERE message_id = $1`, [messageId, code]);
}
