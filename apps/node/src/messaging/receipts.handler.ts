import { Injectable, OnModuleInit } from '@nestjs/common';
import { MessageRejected } from '@imi/envelope';
import { prepared } from '@imi/persistence';
import { MessageHandlers } from './message-handlers';

/** Marks this node's messages delivered when their recipients' signed receipts arrive. */
@Injectable()
export class ReceiptsHandler implements OnModuleInit {
  constructor(private readonly handlers: MessageHandlers) {}

  onModuleInit(): void {
    this.handlers.register('message.received', async ({ tx, envelope, body }) => {
      const { rowCount } = await tx.query(prepared(
        'UPDATE deliveries SET delivered_at = $3, acknowledged_at = now() WHERE message_id = $1 AND recipient_node = $2 AND delivered_at IS NULL',
        [body.receivedMessageId, envelope.senderNode, new Date(body.appliedAt)],
      ));
      // Only the node a message went to can acknowledge it.
      if (rowCount === 0) throw new MessageRejected('invalid-content', `no message ${body.receivedMessageId} awaits a receipt from ${envelope.senderNode}`);
    });
  }
}
