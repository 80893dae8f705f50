import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AvroCodec, Envelope, HEADERS, manifestOf, MESSAGE_TYPES, MessageBodies, MessageType, NodeCrypto, wantsReceipt } from '@imi/envelope';
import { enqueue, topicNames } from '@imi/messaging';
import { prepared, Tx } from '@imi/persistence';
import { messageAttributes, startMessageSpan, traceHeaders } from '@imi/telemetry';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';

export interface OutgoingMessage<T extends MessageType> {
  type: T;
  caseId: string;
  recipientNodes: string[];
  recipientAuthorities?: string[];
  senderAuthority?: string | null;
  legislativeArea?: string | null;
  causationId?: string | null;
  body: MessageBodies[T];
}

/**
 * Turns a message into the exact bytes that go on the wire (body sealed for the recipients,
 * envelope encoded, value signed) and puts them in the outbox, inside the caller's
 * transaction: the message leaves if and only if the state change commits.
 */
@Injectable()
export class Outgoing {
  private readonly ingress: string;

  constructor(
    private readonly codec: AvroCodec,
    private readonly crypto: NodeCrypto,
    @InjectNodeConfig() config: NodeConfig,
  ) {
    this.ingress = topicNames(config.topicPrefix).ingress;
  }

  async send<T extends MessageType>(tx: Tx, message: OutgoingMessage<T>, now = new Date()): Promise<string> {
    const plainBody = this.codec.encodeBody(message.type, message.body);
    const sealed = MESSAGE_TYPES[message.type].sealed;
    const envelope: Envelope = {
      messageId: randomUUID(),
      type: message.type,
      senderNode: this.crypto.node,
      senderAuthority: message.senderAuthority ?? null,
      recipientNodes: message.recipientNodes,
      recipientAuthorities: message.recipientAuthorities ?? [],
      caseId: message.caseId,
      legislativeArea: message.legislativeArea ?? null,
      sentAt: now.getTime(),
      causationId: message.causationId ?? null,
      bodyEncoding: sealed ? 'JWE' : 'PLAIN',
      body: sealed ? this.crypto.sealFor(plainBody, message.recipientNodes, now) : plainBody,
    };
    const value = this.codec.encodeEnvelope(envelope);
    // The manifest is what the signature covers and what stays once the body is erased.
    const manifest = manifestOf(value, envelope.body.length);
    // The message continues the trace of what sent it (a REST call, an inbox message it answers):
    // its span's context travels in the outbox row's headers, then as Kafka headers.
    const span = startMessageSpan('message.send', SpanKind.PRODUCER, context.active(), messageAttributes(envelope));
    enqueue(tx, {
      messageId: envelope.messageId,
      topic: this.ingress,
      key: envelope.caseId,
      value,
      manifest,
      headers: { [HEADERS.signature]: this.crypto.signer.signManifest(manifest, envelope.body.length), ...traceHeaders(trace.setSpan(context.active(), span)) },
    });
    span.end();
    if (wantsReceipt(message.type)) {
      tx.defer(prepared(
        'INSERT INTO deliveries (message_id, recipient_node, type, sent_at) SELECT $1, unnest($2::text[]), $3, $4',
        [envelope.messageId, envelope.recipientNodes, envelope.type, now],
      ));
    }
    return envelope.messageId;
  }
}
