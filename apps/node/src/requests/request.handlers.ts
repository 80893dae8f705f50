import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  canDisclosePersonalData, checkAnswer, checkAttachment, checkQuestions, decide, findQuestion, InvalidAttachment, InvalidRequest, RequestCommand,
  sendRequest,
} from '@imi/domain';
import { Envelope, MessageBodies, MessageRejected, TrustStore } from '@imi/envelope';
import { Tx } from '@imi/persistence';
import { CatalogueStore } from '../catalogue/catalogue.store';
import { AuditLog } from '../privacy/audit-log';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { Inbound, MessageHandlers } from '../messaging/message-handlers';
import { Outgoing } from '../messaging/outgoing';
import { AttachmentRepository } from './attachment.repository';
import { AttachmentService } from './attachment.service';
import { RequestRecord, RequestRepository } from './request.repository';
import { eventEntry } from './request.history';

type TransitionType =
  | 'request.accepted' | 'request.rejected' | 'request.answered' | 'request.closed' | 'request.forwarded'
  | 'request.reply-date-proposed' | 'request.reply-date-responded' | 'request.further-information-requested' | 'request.answer-accepted';

/**
 * Applies the other party's moves on an information request. Every message is checked as
 * the REST layer checks a user: the sender must be the other party's node, and the state
 * machine must allow the move. A refusal becomes a signed rejection and changes nothing.
 */
@Injectable()
export class RequestHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: MessageHandlers,
    private readonly requests: RequestRepository,
    private readonly trust: TrustStore,
    private readonly outgoing: Outgoing,
    private readonly attachments: AttachmentService,
    private readonly attachmentRepository: AttachmentRepository,
    private readonly catalogue: CatalogueStore,
    private readonly audit: AuditLog,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  onModuleInit(): void {
    this.handlers.register('request.sent', (m) => this.received(m));
    this.onTransition('request.accepted', (b) => ({ type: 'accept', at: new Date(b.acceptedAt) }), (m, record) => this.disclose(m, record));
    this.onTransition('request.rejected', (b) => ({ type: 'reject', reason: b.reason }));
    this.onTransition('request.answered', (b) => ({ type: 'answer', final: b.final }), (m, record) => this.answered(m, record));
    this.onTransition('request.closed', (b) => ({ type: 'close', at: new Date(b.closedAt) }));
    this.onTransition('request.forwarded', (b) => ({ type: 'forward', toAuthorityId: b.toAuthorityId }), (m, record) => this.forwarded(m, record));
    this.onTransition('request.reply-date-proposed', (b) => ({ type: 'propose-reply-date', replyBy: new Date(b.replyBy) }));
    this.onTransition('request.reply-date-responded', (b) => ({ type: 'respond-to-reply-date', agree: b.agree }));
    this.onTransition('request.further-information-requested', () => ({ type: 'request-further-information' }), (m, record) =>
      this.requests.insertFurtherInformation(m.tx, record.id, m.body.note, new Date(m.envelope.sentAt)));
    this.onTransition('request.answer-accepted', () => ({ type: 'accept-answer' }));
    this.handlers.register('request.subject-disclosed', (m) => this.subjectDisclosed(m));
    this.handlers.register('request.attachment-shared', (m) => this.attachmentShared(m));
  }

  /** A new request for one of our authorities. */
  private async received({ tx, envelope, body }: Inbound<'request.sent'>): Promise<void> {
    if (envelope.caseId !== body.requestId) throw new MessageRejected('invalid-content', 'case id and request id differ');
    const requester = this.trust.authority(body.requesterAuthorityId);
    const addressee = this.trust.authority(body.addresseeAuthorityId);
    if (!requester || requester.node !== envelope.senderNode || envelope.senderAuthority !== requester.id) {
      throw new MessageRejected('unknown-sender', `${body.requesterAuthorityId} is not an authority of ${envelope.senderNode}`);
    }
    if (!addressee || addressee.node !== this.config.country || addressee.status !== 'active' || !envelope.recipientAuthorities.includes(addressee.id)) {
      throw new MessageRejected('unknown-recipient', `${body.addresseeAuthorityId} is not an active authority of ${this.config.country}`);
    }
    if (body.legislativeArea !== envelope.legislativeArea || ![requester, addressee].every((a) => a.legislativeAreas.includes(body.legislativeArea))) {
      throw new MessageRejected('area-not-registered', `both authorities must be registered for ${body.legislativeArea}`);
    }
    asContentRejection(() => checkQuestions(this.catalogue.current(), body.legislativeArea, body.questions, { sensitiveReason: body.sensitiveReason }));
    const snapshot = asContentRejection(() =>
      sendRequest({ addresseeAuthorityId: addressee.id, replyBy: new Date(body.replyBy), at: new Date(envelope.sentAt) }));
    const inserted = await this.requests.insertIfNew(tx, {
      id: body.requestId, role: 'addressee', requesterAuthorityId: requester.id, requesterNode: requester.node,
      addresseeAuthorityId: addressee.id, addresseeNode: addressee.node, legislativeArea: body.legislativeArea,
      questions: body.questions, confidential: body.confidential, sensitiveReason: body.sensitiveReason, snapshot,
    }, { type: 'sent', at: snapshot.sentAt, detail: { addresseeAuthorityId: addressee.id } });
    if (!inserted) throw new MessageRejected('invalid-content', `request ${body.requestId} already exists`);
  }

  /** Registers a handler for a move of the other party, checked against the state machine. */
  private onTransition<T extends TransitionType>(
    type: T,
    command: (body: MessageBodies[T]) => Partial<RequestCommand> & { type: RequestCommand['type'] },
    after?: (message: Inbound<T>, record: RequestRecord) => Promise<void>,
  ): void {
    this.handlers.register(type, async (message) => {
      const record = await this.otherPartysCase(message.tx, message.body.requestId, message.envelope);
      const by = record.role === 'requester' ? 'addressee' : 'requester';
      const decision = decide(record.snapshot, { at: new Date(message.envelope.sentAt), ...command(message.body), by } as RequestCommand);
      if (!decision.ok) throw new MessageRejected('transition-refused', decision.error.message);
      await after?.(message, record);
      await this.requests.update(message.tx, record.id, decision.next);
      await this.requests.appendEvent(message.tx, record.id, eventEntry(decision.event));
    });
  }

  /** The acceptance gate: only now does the person concerned leave the requesting node. */
  private async disclose({ tx, envelope }: Inbound<'request.accepted'>, record: RequestRecord): Promise<void> {
    const subject = await this.requests.subject(record.id, tx);
    if (subject) {
      await this.outgoing.send(tx, {
        type: 'request.subject-disclosed', caseId: record.id, recipientNodes: [record.addresseeNode],
        recipientAuthorities: [record.addresseeAuthorityId], senderAuthority: record.requesterAuthorityId,
        legislativeArea: record.legislativeArea, causationId: envelope.messageId, body: { requestId: record.id, subject },
      });
    }
    await this.attachments.share(tx, record, true);
  }

  /** A document from the other party; one about the person reaches the addressee only once it has accepted. */
  private async attachmentShared({ tx, envelope, body }: Inbound<'request.attachment-shared'>): Promise<void> {
    const record = await this.otherPartysCase(tx, body.requestId, envelope);
    if (record.role === 'addressee' && body.concernsPerson && !canDisclosePersonalData(record.snapshot)) {
      throw new MessageRejected('transition-refused', 'documents about the person are accepted only after the addressee accepted the request');
    }
    asContentRejection(() => checkAttachment({ contentType: body.contentType, fileName: body.fileName, content: body.content }));
    await this.attachmentRepository.insert(tx, record.id, {
      id: body.attachmentId, fileName: body.fileName, contentType: body.contentType, concernsPerson: body.concernsPerson, content: body.content,
      sharedAt: new Date(envelope.sentAt),
    });
  }

  /** Answers must fit the questions asked, as the addressee's own node checked before sending. */
  private async answered({ tx, envelope, body }: Inbound<'request.answered'>, record: RequestRecord): Promise<void> {
    const asked = new Set(record.questions.map((q) => q.questionId));
    for (const a of body.answers) {
      if (!asked.has(a.questionId)) throw new MessageRejected('invalid-content', `question ${a.questionId} was not asked in request ${record.id}`);
      asContentRejection(() => checkAnswer(findQuestion(this.catalogue.current(), record.legislativeArea, a.questionId), a.answer));
    }
    await this.requests.insertAnswers(tx, record.id, body.answers, body.final, new Date(envelope.sentAt));
    await this.audit.append(tx, { actor: `${envelope.senderAuthority ?? envelope.senderNode} (received)`, action: 'write', exchangeId: record.id, dataCategory: 'request answers', purpose: 'answer received' });
  }

  /** The addressee passed the request on within its member state: the new one must be a fitting authority there. */
  private async forwarded({ tx, body }: Inbound<'request.forwarded'>, record: RequestRecord): Promise<void> {
    const to = this.trust.authority(body.toAuthorityId);
    if (body.fromAuthorityId !== record.addresseeAuthorityId) throw new MessageRejected('invalid-content', 'forwarded by an authority that is not the addressee');
    if (!to || to.node !== record.addresseeNode || to.status !== 'active' || !to.legislativeAreas.includes(record.legislativeArea)) {
      throw new MessageRejected('invalid-content', `${body.toAuthorityId} is not an active authority of ${record.addresseeNode} for ${record.legislativeArea}`);
    }
    // The addressee's node dropped the person's documents; the new addressee gets them on acceptance.
    await this.attachmentRepository.unsharePersonal(tx, record.id);
  }

  private async subjectDisclosed({ tx, envelope, body }: Inbound<'request.subject-disclosed'>): Promise<void> {
    const record = await this.otherPartysCase(tx, body.requestId, envelope);
    if (record.role !== 'addressee' || !canDisclosePersonalData(record.snapshot)) {
      throw new MessageRejected('transition-refused', 'personal data is accepted only after the addressee accepted the request');
    }
    this.requests.insertSubject(tx, record.id, body.subject);
    await this.audit.append(tx, { actor: envelope.senderAuthority ?? envelope.senderNode, action: 'write', exchangeId: record.id, dataCategory: 'request subject', purpose: 'disclosed after acceptance' });
  }

  /** The request, locked, provided the sender is the other party's node. */
  private async otherPartysCase(tx: Tx, requestId: string, { caseId, senderNode, senderAuthority }: Envelope): Promise<RequestRecord> {
    if (caseId !== requestId) throw new MessageRejected('invalid-content', 'case id and request id differ');
    const record = await this.requests.lock(tx, requestId);
    if (!record) throw new MessageRejected('unknown-case', `no request ${requestId}`);
    const [otherNode, otherAuthority] = record.role === 'requester'
      ? [record.addresseeNode, record.addresseeAuthorityId]
      : [record.requesterNode, record.requesterAuthorityId];
    if (senderNode !== otherNode || senderAuthority !== otherAuthority) {
      throw new MessageRejected('sender-mismatch', `${senderAuthority ?? senderNode} is not the other party to request ${requestId}`);
    }
    return record;
  }
}

/** A peer's content that breaks a domain rule is refused with a signed rejection, as a user's would be with a 422. */
function asContentRejection<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidRequest || error instanceof InvalidAttachment) throw new MessageRejected('invalid-content', error.message);
    throw error;
  }
}
