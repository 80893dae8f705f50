import { Injectable } from '@nestjs/common';
import { Envelope, MessageBodies, MessageType } from '@imi/envelope';
import { Tx } from '@imi/persistence';

export interface Inbound<T extends MessageType> {
  tx: Tx;
  envelope: Envelope;
  body: MessageBodies[T];
  receivedAt: Date;
}

export type MessageHandler<T extends MessageType> = (message: Inbound<T>) => Promise<void>;

/**
 * Which capability applies which message type. Capabilities register at start-up; a type
 * with no handler is rejected, not dropped.
 */
@Injectable()
export class MessageHandlers {
  private readonly handlers = new Map<MessageType, MessageHandler<MessageType>>();

  register<T extends MessageType>(type: T, handler: MessageHandler<T>): void {
    if (this.handlers.has(type)) throw new Error(`a handler for ${type} is already registered`);
    this.handlers.set(type, handler as unknown as MessageHandler<MessageType>);
  }

  get(type: MessageType): MessageHandler<MessageType> | undefined {
    return this.handlers.get(type);
  }
}
