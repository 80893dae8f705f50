import { Injectable, OnModuleInit } from '@nestjs/common';
import { MessageRejected } from '@imi/envelope';
import { prepared } from '@imi/persistence';
import { MessageHandlers } from './message-handlers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Marks this node's messages delivered when their recipients' signed receipts arrive (one receipt may name a batch of them). */
@Injectable()
export class ReceiptsHandler implements OnModuleInit {
  constructor(private readonly handlers: MessageHandlers) {}

  onModuleInit(): void {
    this.handlers.register('message.received', async ({ tx, envelope, body }) => {
      const ids = [...new Set([body.receivedMessageId, ...(body.alsoReceived ?? [])])];
      if (!ids.every((id) => UUID.test(id))) throw new MessageRejected('invalid-content', 'a receipt names message ids only');
      const { rowCount } = await tx.query(prepared(
        'UPDATE deliveries SET delivered_at = $3, acknowledged_at = now() WHERE message_id = ANY($1::uuid[]) AND recipient_node = $2 AND delivered_at IS NULL',
        [ids, envelope.senderNode, new Date(body.appliedAt)],
      ));
      // Only the node a message went to can acknowledge it, and only once: a receipt naming anything else is refused whole.
      if (rowCount !== ids.length) {
        throw new MessageRejected('invalid-content', `${ids.length - (rowCount ?? 0)} of the ${ids.length} messages named do not await a receipt from ${envelope.senderNode}`);
      }
    });
  }
}
