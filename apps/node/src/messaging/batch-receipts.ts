import { Envelope, HUB_NODE, wantsReceipt } from '@imi/envelope';

/** At most this many message ids in one receipt: 36 bytes each, so a receipt stays far below the record limit. */
export const MAX_IDS_PER_RECEIPT = 500;

/** One receipt to send: the messages of one sender it acknowledges, in the order applied. */
export interface PendingReceipt {
  senderNode: string;
  /** The first message acknowledged: its case and trace are the receipt's. */
  first: Envelope;
  /** Index of the first message in its batch. */
  firstIndex: number;
  messageIds: string[];
}

/**
 * The receipts an inbox batch owes: one per sender (and per MAX_IDS_PER_RECEIPT messages) instead
 * of one per message, sent in the transaction that applied them. A receipt is the recipient's
 * signed word that it applied the messages; one signature can say it for a whole batch as well as
 * for one message, and it saves a signature, a hub routing and two verifications per message.
 */
export class BatchReceipts {
  private readonly pending: PendingReceipt[] = [];

  /** Notes a message applied (committed with the batch) that its sender wants acknowledged. */
  applied(envelope: Envelope, index: number): void {
    if (envelope.senderNode === HUB_NODE || !wantsReceipt(envelope.type)) return;
    const open = this.pending.find((r) => r.senderNode === envelope.senderNode && r.messageIds.length < MAX_IDS_PER_RECEIPT);
    if (open) open.messageIds.push(envelope.messageId);
    else this.pending.push({ senderNode: envelope.senderNode, first: envelope, firstIndex: index, messageIds: [envelope.messageId] });
  }

  get receipts(): readonly PendingReceipt[] {
    return this.pending;
  }
}
