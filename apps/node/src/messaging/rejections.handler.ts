import { Injectable, OnModuleInit } from '@nestjs/common';
import { MessageHandlers } from './message-handlers';

/** Stores rejections of this node's messages, reported by the hub or a recipient. */
@Injectable()
export class RejectionsHandler implements OnModuleInit {
  constructor(private readonly handlers: MessageHandlers) {}

  onModuleInit(): void {
    this.handlers.register('message.rejected', async ({ tx, envelope, body }) => {
      await tx.query(
        `INSERT INTO rejections_received (message_id, rejected_message_id, rejected_by, code, reason)
         VALUES ($1, $2, $3, $4, $5)`,
        [envelope.messageId, body.rejectedMessageId, body.rejectedBy, body.code, body.reason],
      );
    });
  }
}
