import { Module } from '@nestjs/common';
import { InboundProcessor } from './inbound.processor';
import { InboxConsumer } from './inbox.consumer';
import { MessageHandlers } from './message-handlers';
import { OutboxRelayService } from './outbox-relay.service';
import { Outgoing } from './outgoing';
import { ReceiptsHandler } from './receipts.handler';
import { RejectionsHandler } from './rejections.handler';

@Module({
  providers: [MessageHandlers, Outgoing, InboundProcessor, InboxConsumer, OutboxRelayService, RejectionsHandler, ReceiptsHandler],
  exports: [MessageHandlers, Outgoing, InboundProcessor, InboxConsumer],
})
export class MessagingModule {}
