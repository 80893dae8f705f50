import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { IHeaders } from 'kafkajs';
import {
  AvroCodec, Envelope, HEADERS, HUB_NODE, MAX_VALUE_BYTES, MessageBodies, MessageRejected, MessageType, mustBeSealed, NodeCrypto,
  checkSignedBody, manifestOf, readDetachedHeader, TrustStore, VerifiedSignature, verifyMessage,
} from '@imi/envelope';
import { claimInbound, InboundMessage, markRejected } from '@imi/messaging';
import { NodeMetrics } from '@imi/metrics';
import { Database, prepared, Tx } from '@imi/persistence';
import { messageFields } from '@imi/logging';
import { contextFromHeaders, endFailed, messageAttributes, startMessageSpan, withinSpan } from '@imi/telemetry';
import { Span, SpanKind } from '@opentelemetry/api';
import { BatchReceipts, PendingReceipt } from './batch-receipts';
import { MessageHandler, MessageHandlers } from './message-handlers';
import { Outgoing } from './outgoing';
import { RefusalCounts, RefusalTally } from './refusal-tally';
import { isRetriable } from './retriable';

export const INBOUND_RESULTS = ['applied', 'duplicate', 'rejected', 'ignored'] as const;
export type InboundResult = (typeof INBOUND_RESULTS)[number];

export interface InboundRecord {
  value: Buffer | null;
  headers?: IHeaders;
}

/**
 * Checks and applies one message from this node's inbox.
 * 1. Authenticate: sender signature, hub countersignature, envelope, addressing. A failure
 *    here cannot be attributed to anyone, so it changes nothing and is only counted.
 * 2. Open and apply in one transaction that also records the message id, so a redelivered
 *    or replayed message is a no-op. A failure here is answered with a signed rejection.
 * Infrastructure failures are thrown, so the offset does not move and Kafka redelivers.
 */
@Injectable()
export class InboundProcessor implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(InboundProcessor.name);
  /** Unauthenticated records, logged as a summary (see RefusalTally), not a line each. */
  private readonly refusals = new RefusalTally();
  private refusalFlush: NodeJS.Timeout | null = null;
  /**
   * How many messages ended each way over the node's life (inbox_counts, node migration 033):
   * read once at start, then added to as each batch commits, so reading it costs no query.
   */
  readonly counts: Record<InboundResult, number> = { applied: 0, duplicate: 0, rejected: 0, ignored: 0 };

  constructor(
    private readonly codec: AvroCodec,
    private readonly crypto: NodeCrypto,
    private readonly trust: TrustStore,
    private readonly db: Database,
    private readonly handlers: MessageHandlers,
    private readonly outgoing: Outgoing,
    private readonly metrics: NodeMetrics,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const row of await this.db.query<{ outcome: InboundResult; messages: string }>('SELECT outcome, sum(messages) AS messages FROM inbox_counts GROUP BY outcome')) {
      this.counts[row.outcome] = Number(row.messages);
    }
  }

  onApplicationShutdown(): void {
    if (this.refusalFlush) clearTimeout(this.refusalFlush);
    this.logRefusals(this.refusals.take(Date.now()));
  }

  /** Applies one message; see processBatch. */
  async process(record: InboundRecord, receivedAt = new Date()): Promise<InboundResult> {
    return (await this.processBatch([record], 0, receivedAt))[0];
  }

  /**
   * Applies a batch of inbox messages in one database transaction: one commit, and one
   * statement recording every message id, for the whole batch. Usually every message applies,
   * or is refused before it writes anything, so the batch runs without savepoints. When a
   * handler fails after it wrote, the batch is rolled back and applied again with a savepoint
   * per message, so the failing one is undone alone and rejected. An infrastructure failure
   * rolls the batch back and is thrown: no offset moves and Kafka redelivers it. `partition`:
   * the inbox partition the batch came from (batches of different partitions run at once).
   */
  async processBatch(records: InboundRecord[], partition: number, receivedAt = new Date()): Promise<InboundResult[]> {
    const checkedFrom = Date.now();
    const checked = await Promise.all(records.map((record) => this.authenticated(record)));
    // One span per authenticated message, in the trace its headers carried from the sender through
    // the hub, from before the check. A record nobody signed gets none: its trace headers are
    // anyone's, and a flood of them would cost a span each.
    const spans = checked.map((c, i) => (c ? startMessageSpan('inbox.apply', SpanKind.CONSUMER, contextFromHeaders(records[i].headers), {}, checkedFrom) : null));
    try {
      return await this.applyBatch(checked, spans, partition, receivedAt);
    } catch (error) {
      for (const span of spans) if (span) endFailed(span, error);
      throw error;
    }
  }

  private async applyBatch(checked: (Authenticated | null)[], spans: (Span | null)[], partition: number, receivedAt: Date): Promise<InboundResult[]> {
    const prepared = await Promise.all(checked.map((c, i) => (c ? within(spans[i], () => this.prepare(c)) : IGNORED)));
    prepared.forEach((message, i) => message.kind !== 'ignored' && spans[i]?.setAttributes(messageAttributes(message.envelope)));
    const applyAll = (savepoints: boolean) => this.db.transaction(async (tx) => {
      const claimed = await claimInbound(tx, prepared.flatMap((m) => (m.kind === 'ignored' ? [] : [inboxEntry(m.envelope, m.signatures)])));
      const out: Outcome[] = [];
      const receipts = new BatchReceipts();
      for (const [i, message] of prepared.entries()) {
        // Only the first copy of a new id is applied; a second copy in the same batch is a duplicate.
        const first = message.kind !== 'ignored' && claimed.delete(message.envelope.messageId);
        // Inside the message's span: a rejection it sends continues its trace.
        const outcome: Outcome = first ? await within(spans[i], () => this.apply(tx, message, receivedAt, savepoints)) : { result: message.kind === 'ignored' ? 'ignored' : 'duplicate' };
        if (outcome.result === 'applied' && message.kind !== 'ignored') receipts.applied(message.envelope, i);
        out.push(outcome);
      }
      // A receipt continues the trace of the first message it acknowledges.
      for (const receipt of receipts.receipts) await within(spans[receipt.firstIndex], () => this.acknowledge(tx, receipt));
      countOutcomes(tx, partition, out);
      if (!savepoints) await tx.flush().catch(needsSavepoints);
      return out;
    });
    let outcomes: Outcome[];
    try {
      outcomes = await applyAll(false);
    } catch (error) {
      if (!(error instanceof NeedsSavepoints)) throw error;
      outcomes = await applyAll(true);
    }
    // Logged once the outcome is committed, so a batch applied twice is not reported twice.
    const appliedAt = Date.now();
    outcomes.forEach(({ result, notes }, i) => {
      this.counts[result]++;
      const message = prepared[i];
      const fields = message.kind === 'ignored' ? {} : messageFields(message.envelope);
      spans[i]?.setAttribute('imi.inbox.result', result);
      within(spans[i], () => {
        for (const note of notes ?? []) this.logger[note.level]({ msg: note.text, ...fields, ...note.fields });
        if (result === 'applied' || result === 'duplicate') this.logger.debug({ msg: `message ${result === 'applied' ? 'applied' : 'dropped as a duplicate'}`, ...fields });
      });
      spans[i]?.end();
      // End-to-end latency: from the sender's sentAt to applied here, committed (a duplicate is not applied again).
      if (result === 'applied' && message.kind !== 'ignored') this.metrics.applied(message.envelope.senderNode, message.envelope.sentAt, appliedAt);
    });
    return outcomes.map((o) => o.result);
  }

  /** The record's envelope and signatures once authenticated; null (counted, and logged in a summary) when it is not. */
  private async authenticated(record: InboundRecord): Promise<Authenticated | null> {
    try {
      return await this.authenticate(record);
    } catch (error) {
      if (!(error instanceof MessageRejected)) throw error;
      this.refused(error.code);
      return null;
    }
  }

  private refused(code: string): void {
    const now = Date.now();
    const report = this.refusals.add(code, now);
    if (report) return this.logRefusals(report);
    // What the window holds is logged at its end, even if no refusal follows.
    this.refusalFlush ??= setTimeout(() => {
      this.refusalFlush = null;
      this.logRefusals(this.refusals.take(Date.now()));
    }, this.refusals.windowMs).unref();
  }

  private logRefusals(counts: RefusalCounts | null): void {
    if (!counts) return;
    const messages = Object.values(counts).reduce((a, b) => a + b, 0);
    this.logger.warn({ msg: messages === 1 ? 'unauthenticated message ignored' : `${messages} unauthenticated messages ignored`, messages, codes: counts });
  }

  /** The CPU part of an authenticated message, outside any transaction: open, decode. */
  private async prepare({ envelope, signatures }: Authenticated): Promise<Prepared> {
    try {
      const type = envelope.type as MessageType;
      const handler = this.handlers.get(type);
      if (!handler) throw new MessageRejected('unknown-type', `no handler for ${envelope.type}`);
      if (mustBeSealed(type) && envelope.bodyEncoding !== 'JWE') throw new MessageRejected('unsealed-body', `${type} bodies must be sealed`);
      const plaintext = envelope.bodyEncoding === 'JWE' ? this.crypto.openFrom(envelope.body, envelope.senderNode) : envelope.body;
      const body = await this.codec.decodeBody<MessageBodies[MessageType]>(type, plaintext);
      return { kind: 'ready', envelope, signatures, handler, body };
    } catch (error) {
      if (isRetriable(error)) throw error;
      return { kind: 'refused', envelope, signatures, error };
    }
  }

  /** Applies one message whose id the batch claimed. */
  private async apply(tx: Tx, message: Exclude<Prepared, { kind: 'ignored' }>, receivedAt: Date, savepoint: boolean): Promise<Outcome> {
    if (message.kind === 'refused') return this.reject(tx, message.envelope, message.error);
    const { envelope, handler, body } = message;
    if (savepoint) await tx.savepoint('inbound');
    try {
      await handler({ tx, envelope, body, receivedAt });
      if (savepoint) {
        // The message's deferred writes are sent here, so a failure among them is this message's.
        await tx.flush();
        await tx.releaseSavepoint('inbound');
      }
      return { result: 'applied' };
    } catch (error) {
      if (!savepoint) needsSavepoints(error);
      if (isRetriable(error)) throw error;
      await tx.rollbackToSavepoint('inbound');
      return this.reject(tx, envelope, error);
    }
  }

  /** One signed receipt for the messages of one sender that the batch applied (see BatchReceipts). */
  private async acknowledge(tx: Tx, { first, senderNode, messageIds: [receivedMessageId, ...alsoReceived] }: PendingReceipt): Promise<void> {
    await this.outgoing.send(tx, {
      type: 'message.received',
      caseId: first.caseId,
      recipientNodes: [senderNode],
      causationId: receivedMessageId,
      body: { receivedMessageId, appliedAt: Date.now(), alsoReceived },
    });
  }

  private async authenticate(record: InboundRecord): Promise<Authenticated> {
    const value = record.value;
    if (!value || value.length === 0) throw new MessageRejected('malformed', 'empty value');
    if (value.length > MAX_VALUE_BYTES) throw new MessageRejected('oversize', `value of ${value.length} bytes`);
    const jws = headerText(record.headers, HEADERS.signature);
    const signer = this.trust.signer(readDetachedHeader(jws).kid);
    const signed = verifyMessage(jws!, value, signer.key);
    let hubJws: string | undefined;
    let countersigned: VerifiedSignature | null = null;
    if (signer.node !== HUB_NODE) {
      // Node messages reach an inbox only through the hub, which countersigns what it routed.
      hubJws = headerText(record.headers, HEADERS.hubSignature);
      const hub = this.trust.signer(readDetachedHeader(hubJws).kid);
      if (hub.node !== HUB_NODE) throw new MessageRejected('bad-signature', 'routing countersignature is not the hub');
      countersigned = verifyMessage(hubJws!, value, hub.key);
    }
    const envelope = await this.codec.decodeEnvelope(value);
    checkSignedBody(signed, envelope.body);
    if (countersigned) checkSignedBody(countersigned, envelope.body);
    if (envelope.senderNode !== signer.node) throw new MessageRejected('sender-mismatch', `signed by ${signer.node}`);
    if (!envelope.recipientNodes.includes(this.crypto.node)) throw new MessageRejected('not-addressed-to-me', 'not addressed to this node');
    const manifest = signed.manifest ?? manifestOf(value, envelope.body.length);
    return { envelope, signatures: { sender: jws!, hub: hubJws ?? null, value, manifest, protocol: signed.protocol } };
  }

  /** Records the claimed message as rejected and tells its sender, with a signed rejection. */
  private async reject(tx: Tx, envelope: Envelope, error: unknown): Promise<Outcome> {
    const code = error instanceof MessageRejected ? error.code : 'invalid-content';
    const reason = error instanceof MessageRejected ? error.message : 'the message could not be applied';
    const notes: Note[] = [];
    // The error's class only: its message may quote the content that failed.
    if (!(error instanceof MessageRejected)) notes.push({ level: 'error', text: 'message failed to apply', fields: errorFields(error) });
    markRejected(tx, envelope.messageId, code);
    // Rejections are never answered with rejections, or two nodes could ping-pong forever.
    if (envelope.senderNode !== HUB_NODE && envelope.type !== 'message.rejected') {
      await this.outgoing.send(tx, {
        type: 'message.rejected',
        caseId: envelope.caseId,
        recipientNodes: [envelope.senderNode],
        causationId: envelope.messageId,
        legislativeArea: envelope.legislativeArea,
        body: { rejectedMessageId: envelope.messageId, rejectedBy: this.crypto.node, code, reason },
      });
    }
    notes.push({ level: 'warn', text: 'message rejected', fields: { code } });
    return { result: 'rejected', notes };
  }
}

/**
 * Deferred, one statement per batch: adds the batch's outcomes to the node's totals, committed
 * with it, in rows of the batch's partition's own (shard), so batches of different partitions
 * do not wait for each other's commit.
 */
function countOutcomes(tx: Tx, partition: number, outcomes: Outcome[]): void {
  const results = INBOUND_RESULTS.filter((result) => outcomes.some((o) => o.result === result));
  if (results.length === 0) return;
  tx.defer(prepared(
    `INSERT INTO inbox_counts (outcome, shard, messages) SELECT o, $3, n FROM unnest($1::text[], $2::bigint[]) AS t(o, n)
     ON CONFLICT (outcome, shard) DO UPDATE SET messages = inbox_counts.messages + EXCLUDED.messages`,
    [results, results.map((result) => outcomes.filter((o) => o.result === result).length), partition],
  ));
}

/** Thrown inside the savepoint-free pass when a handler failed after writing: the batch is redone with savepoints. */
class NeedsSavepoints extends Error {}

/** In the savepoint-free pass: an infrastructure failure is thrown as it is, any other redoes the batch. */
function needsSavepoints(error: unknown): never {
  if (isRetriable(error)) throw error;
  throw new NeedsSavepoints();
}

interface Note {
  level: 'warn' | 'error';
  text: string;
  /** Beside the message's ids: codes and class names only. */
  fields?: Record<string, string>;
}

/** An error's class and code (a Postgres SQLSTATE, a library's code): what an operator can look up. */
function errorFields(error: unknown): Record<string, string> {
  const code = (error as { code?: unknown })?.code;
  return { error: (error as Error)?.constructor?.name ?? 'Error', ...(typeof code === 'string' ? { errorCode: code } : {}) };
}

/** How one message of a batch ended, and what to log once the batch is committed. */
interface Outcome {
  result: InboundResult;
  notes?: Note[];
}

/** The sender's signature, the hub's routing countersignature and the bytes they cover: proof of the exchange. */
interface Signatures {
  sender: string;
  hub: string | null;
  value: Buffer;
  manifest: Buffer;
  protocol: 1 | 2;
}

interface Authenticated {
  envelope: Envelope;
  signatures: Signatures;
}

const IGNORED = { kind: 'ignored' } as const;

/** Runs `fn` inside `span`, or as it is where there is no span (an unauthenticated record). */
function within<T>(span: Span | null, fn: () => T): T {
  return span ? withinSpan(span, fn) : fn();
}

type Prepared =
  | { kind: 'ignored' }
  | { kind: 'refused'; envelope: Envelope; signatures: Signatures; error: unknown }
  | { kind: 'ready'; envelope: Envelope; signatures: Signatures; handler: MessageHandler<MessageType>; body: MessageBodies[MessageType] };

function inboxEntry(envelope: Envelope, signatures: Signatures): InboundMessage {
  return {
    messageId: envelope.messageId, type: envelope.type, senderNode: envelope.senderNode, caseId: envelope.caseId, sentAt: envelope.sentAt,
    senderSignature: signatures.sender, hubSignature: signatures.hub, value: signatures.value, manifest: signatures.manifest,
    signatureProtocol: signatures.protocol,
  };
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Null on the wire (length -1) is a header without a value: missing, like an absent one.
  return value === undefined || value === null ? undefined : value.toString();
}
