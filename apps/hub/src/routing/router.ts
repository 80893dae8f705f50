import { Injectable } from '@nestjs/common';
import { IHeaders, TopicMessages } from 'kafkajs';
import { createHash, randomUUID } from 'node:crypto';
import {
  AvroCodec, DetachedSigner, Envelope, HEADERS, HUB_NODE, MAX_VALUE_BYTES, MessageRejected, NodeKeySet,
  checkSignedBody, mustBeSealed, readDetachedHeader, RejectionCode, TrustStore, verifyMessage,
} from '@imi/envelope';
import { COMMISSION_NODE } from '@imi/domain';
import { topicNames } from '@imi/messaging';
import { HubConfig } from '../config';
import { InjectHubConfig, InjectHubKeys } from '../core.module';

export interface IngressRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
  offset: string;
  partition: number;
}

/** Messages addressed to the hub itself (recipient node HUB), applied by it and never routed. */
const HUB_MESSAGE_TYPES: readonly string[] = ['directory.updated', 'audit.checkpoint'];

/** What the hub does with one ingress record: route it, apply it itself, or reject it. */
export type RoutingOutcome =
  | { kind: 'route'; envelope: Envelope }
  | { kind: 'for-hub'; envelope: Envelope; duplicate?: boolean }
  | { kind: 'reject'; code: RejectionCode; reason: string; envelope?: Envelope; authenticatedSender?: string };

/**
 * Checks one ingress record (signature, sender, recipients) and turns it into the records
 * to produce. Routes on envelope metadata alone: bodies are sealed and never opened here.
 */
@Injectable()
export class Router {
  private readonly topics;
  private readonly countersigner: DetachedSigner;
  private readonly signer: DetachedSigner;

  constructor(
    private readonly trust: TrustStore,
    private readonly codec: AvroCodec,
    @InjectHubConfig() config: HubConfig,
    @InjectHubKeys() keys: NodeKeySet,
  ) {
    this.topics = topicNames(config.topicPrefix);
    this.signer = new DetachedSigner(keys.signing);
    this.countersigner = new DetachedSigner(keys.signing, { purpose: 'routed' });
  }

  async inspect(record: IngressRecord): Promise<RoutingOutcome> {
    let authenticatedSender: string | undefined;
    let envelope: Envelope | undefined;
    try {
      if (!record.value || record.value.length === 0) throw new MessageRejected('malformed', 'empty value');
      const jws = headerText(record.headers, HEADERS.signature);
      const signer = this.trust.signer(readDetachedHeader(jws).kid);
      const signature = verifyMessage(jws!, record.value, signer.key);
      authenticatedSender = signer.node;
      if (record.value.length > MAX_VALUE_BYTES) throw new MessageRejected('oversize', `value of ${record.value.length} bytes exceeds ${MAX_VALUE_BYTES}`);
      envelope = await this.codec.decodeEnvelope(record.value);
      checkSignedBody(signature, envelope.body);
      if (envelope.senderNode !== signer.node) throw new MessageRejected('sender-mismatch', `signed by ${signer.node} but claims ${envelope.senderNode}`);
      if (mustBeSealed(envelope.type) && envelope.bodyEncoding !== 'JWE') {
        throw new MessageRejected('unsealed-body', `${envelope.type} bodies must be sealed`);
      }
      if (envelope.recipientNodes.length === 1 && envelope.recipientNodes[0] === HUB_NODE) {
        if (!HUB_MESSAGE_TYPES.includes(envelope.type)) throw new MessageRejected('unknown-recipient', `${envelope.type} is not for the hub`);
        return { kind: 'for-hub', envelope };
      }
      if (HUB_MESSAGE_TYPES.includes(envelope.type)) throw new MessageRejected('unknown-recipient', `${envelope.type} goes to the hub only`);
      this.checkAddressing(envelope);
      return { kind: 'route', envelope };
    } catch (error) {
      if (!(error instanceof MessageRejected)) throw error;
      return { kind: 'reject', code: error.code, reason: error.message, envelope, authenticatedSender };
    }
  }

  /**
   * The records that carry an outcome: copies to every recipient inbox, a receipt for a message the
   * hub applied, or rejection notices. `trace`: the W3C trace context headers of the hub's span for
   * the record, carried by what it produces (the sender's own trace headers are not copied as they came).
   */
  outputs(record: IngressRecord, outcome: RoutingOutcome, now = new Date(), trace: Record<string, string> = {}): TopicMessages[] {
    if (outcome.kind === 'for-hub') {
      // Acknowledged again when applied before: the transaction that carried the first receipt may
      // have been aborted (the hub died, or lost the partition, after the database commit). The
      // receipt's id follows from the message's, so the sender's inbox drops a second one.
      const { envelope } = outcome;
      const receipt = this.hubMessage('message.received', envelope.senderNode, envelope, { receivedMessageId: envelope.messageId, appliedAt: now.getTime(), alsoReceived: [] }, now, receiptId(envelope.messageId), trace);
      return [{ topic: this.topics.inbox(envelope.senderNode), messages: [receipt] }];
    }
    if (outcome.kind === 'route') {
      const headers = {
        [HEADERS.signature]: headerText(record.headers, HEADERS.signature)!,
        [HEADERS.hubSignature]: this.countersigner.signMessage(record.value!, outcome.envelope.body),
        ...trace,
      };
      return outcome.envelope.recipientNodes.map((node) => ({
        topic: this.topics.inbox(node),
        messages: [{ key: record.key, value: record.value, headers }],
      }));
    }
    // Operators see ids and the reason, never a body.
    const notice = {
      messageId: outcome.envelope?.messageId ?? null,
      type: outcome.envelope?.type ?? null,
      senderNode: outcome.authenticatedSender ?? null,
      code: outcome.code,
      reason: outcome.reason,
      partition: record.partition,
      offset: record.offset,
      rejectedAt: now.toISOString(),
    };
    const out: TopicMessages[] = [{ topic: this.topics.rejected, messages: [{ key: record.key, value: JSON.stringify(notice) }] }];
    // Only a sender whose signature checked out hears back: anyone can write garbage.
    if (outcome.authenticatedSender && outcome.authenticatedSender !== HUB_NODE) {
      out.push({ topic: this.topics.inbox(outcome.authenticatedSender), messages: [this.rejection(outcome, outcome.authenticatedSender, now, trace)] });
    }
    return out;
  }

  private rejection(outcome: Extract<RoutingOutcome, { kind: 'reject' }>, sender: string, now: Date, trace: Record<string, string>) {
    return this.hubMessage('message.rejected', sender, outcome.envelope, {
      rejectedMessageId: outcome.envelope?.messageId ?? null,
      rejectedBy: HUB_NODE,
      code: outcome.code,
      reason: outcome.reason,
    }, now, randomUUID(), trace);
  }

  /** A message from the hub itself to one node, in plain (codes and ids only), signed with the hub key. */
  private hubMessage(
    type: 'message.received' | 'message.rejected', recipient: string, cause: Envelope | undefined, body: object, now: Date, messageId: string = randomUUID(),
    trace: Record<string, string> = {},
  ) {
    const envelope: Envelope = {
      messageId,
      type,
      senderNode: HUB_NODE,
      senderAuthority: null,
      recipientNodes: [recipient],
      recipientAuthorities: [],
      caseId: cause?.caseId ?? 'unknown',
      legislativeArea: cause?.legislativeArea ?? null,
      sentAt: now.getTime(),
      causationId: cause?.messageId ?? null,
      bodyEncoding: 'PLAIN',
      body: this.codec.encodeBody(type, body),
    };
    const value = this.codec.encodeEnvelope(envelope);
    return { key: envelope.caseId, value, headers: { [HEADERS.signature]: this.signer.signMessage(value, envelope.body), ...trace } };
  }

  private checkAddressing(envelope: Envelope): void {
    const recipients = envelope.recipientNodes;
    if (recipients.length === 0) throw new MessageRejected('unknown-recipient', 'no recipient node');
    if (new Set(recipients).size !== recipients.length) throw new MessageRejected('unknown-recipient', 'a recipient node is named twice');
    for (const code of recipients) {
      const node = this.trust.node(code);
      if (!node || code === envelope.senderNode) throw new MessageRejected('unknown-recipient', `no recipient node ${code}`);
      if (node.status !== 'active') throw new MessageRejected('recipient-not-active', `node ${code} is ${node.status}`);
    }
    if (envelope.senderAuthority !== null) {
      const sender = this.trust.authority(envelope.senderAuthority);
      if (!sender || sender.node !== envelope.senderNode) throw new MessageRejected('unknown-sender', `no authority ${envelope.senderAuthority} at ${envelope.senderNode}`);
      if (sender.status !== 'active') throw new MessageRejected('sender-not-active', `authority ${sender.id} is ${sender.status}`);
    }
    for (const id of envelope.recipientAuthorities) {
      const authority = this.trust.authority(id);
      if (!authority || !recipients.includes(authority.node)) throw new MessageRejected('unknown-recipient', `no authority ${id} at the recipient nodes`);
      if (authority.status !== 'active') throw new MessageRejected('recipient-not-active', `authority ${id} is ${authority.status}`);
    }
    this.checkPurpose(envelope);
  }

  /** Purpose limitation: an exchange in a legislative area only between authorities registered for it. */
  private checkPurpose({ legislativeArea, senderAuthority, recipientAuthorities, recipientNodes }: Envelope): void {
    if (legislativeArea === null) return;
    if (recipientNodes.includes(COMMISSION_NODE) && this.trust.legislativeArea(legislativeArea)?.commissionIsParty !== true) {
      throw new MessageRejected('area-not-registered', `the Commission is not a party in ${legislativeArea}`);
    }
    for (const id of [senderAuthority, ...recipientAuthorities]) {
      if (id !== null && !this.trust.authority(id)?.legislativeAreas.includes(legislativeArea)) {
        throw new MessageRejected('area-not-registered', `authority ${id} is not registered for ${legislativeArea}`);
      }
    }
  }
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Null on the wire (length -1, which other clients than kafkajs write) is a header without a value: missing.
  return value === undefined || value === null ? undefined : value.toString();
}

/** The id of the hub's receipt for a message it applied: always the same for one message (a UUID of version 8, from SHA-256). */
export function receiptId(messageId: string): string {
  const bytes = createHash('sha256').update(`hub receipt:${messageId}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
