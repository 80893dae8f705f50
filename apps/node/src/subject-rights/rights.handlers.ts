import { Injectable, OnModuleInit } from '@nestjs/common';
import { Envelope, MessageRejected } from '@imi/envelope';
import { Tx } from '@imi/persistence';
import { Inbound, MessageHandlers } from '../messaging/message-handlers';
import { RequestRecord, RequestRepository } from '../requests/request.repository';
import { EarlyDeletionRepository } from './early-deletion.repository';
import { EarlyDeletionService, participants } from './early-deletion.service';
import { ownSide, PersonalDataCopy } from './personal-data-copy';

/**
 * Applies what other participants decided about an exchange's personal data: rectification,
 * erasure, early deletion. Each message must come from a participant of that very exchange
 * (checked against this node's own record, not the message's word); anything else is a
 * signed rejection and changes nothing. The receipt the inbox sends is the confirmation.
 */
@Injectable()
export class RightsHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: MessageHandlers,
    private readonly requests: RequestRepository,
    private readonly copy: PersonalDataCopy,
    private readonly deletions: EarlyDeletionRepository,
    private readonly earlyDeletion: EarlyDeletionService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('subject.rectified', (m) => this.rectified(m));
    this.handlers.register('subject.erased', (m) => this.erased(m));
    this.handlers.register('deletion.proposed', (m) => this.proposed(m));
    this.handlers.register('deletion.answered', (m) => this.answered(m));
    this.handlers.register('deletion.ordered', (m) => this.ordered(m));
  }

  private async rectified({ tx, envelope, body }: Inbound<'subject.rectified'>): Promise<void> {
    const request = await this.exchangeOf(tx, envelope, body.exchangeId);
    const actor = `${envelope.senderAuthority ?? envelope.senderNode} (propagated)`;
    const outcome = await this.copy.rectify(tx, request, { subjectRequestId: body.subjectRequestId, corrections: body.corrections, actor, at: new Date() });
    await this.requests.appendEvent(tx, request.id, { type: 'subject-rectification-propagated', at: new Date(body.decidedAt), detail: { subjectRequestId: body.subjectRequestId, outcome } });
  }

  private async erased({ tx, envelope, body }: Inbound<'subject.erased'>): Promise<void> {
    const request = await this.exchangeOf(tx, envelope, body.exchangeId);
    const actor = `${envelope.senderAuthority ?? envelope.senderNode} (propagated)`;
    const outcome = await this.copy.erase(tx, request, { subjectRequestId: body.subjectRequestId, actor, at: new Date() });
    await this.requests.appendEvent(tx, request.id, { type: 'subject-erasure-propagated', at: new Date(body.decidedAt), detail: { subjectRequestId: body.subjectRequestId, outcome } });
  }

  private async proposed({ tx, envelope, body }: Inbound<'deletion.proposed'>): Promise<void> {
    const request = await this.exchangeOf(tx, envelope, body.exchangeId);
    if (request.snapshot.state !== 'closed') throw new MessageRejected('invalid-content', 'the exchange is not closed here');
    if (await this.deletions.pendingFor(tx, request.id)) throw new MessageRejected('invalid-content', 'an early deletion of this exchange is already under way');
    if (await this.deletions.lock(tx, body.deletionId)) throw new MessageRejected('invalid-content', `early deletion ${body.deletionId} exists already`);
    await this.deletions.insert(tx, {
      id: body.deletionId, exchangeId: request.id, role: 'participant', proposerNode: envelope.senderNode, authorityId: ownSide(request).authorityId,
      reason: body.reason, state: 'proposed', proposedAt: new Date(body.proposedAt), endedAt: null, orderMessageId: null,
    });
  }

  private async answered({ tx, envelope, body }: Inbound<'deletion.answered'>): Promise<void> {
    const request = await this.exchangeOf(tx, envelope, body.exchangeId);
    const deletion = await this.deletions.lock(tx, body.deletionId);
    if (!deletion || deletion.role !== 'proposer' || deletion.exchangeId !== request.id) throw new MessageRejected('invalid-content', `no early deletion ${body.deletionId} proposed here`);
    if (!participants(request).includes(envelope.senderNode)) throw new MessageRejected('unknown-sender', `${envelope.senderNode} does not take part in ${request.id}`);
    if (deletion.state !== 'proposed') throw new MessageRejected('invalid-content', `the early deletion is already ${deletion.state}`);
    const added = await this.deletions.addAnswer(tx, deletion.id, { node: envelope.senderNode, agree: body.agree, reason: body.reason, answeredAt: new Date(body.answeredAt) });
    if (!added) throw new MessageRejected('invalid-content', `${envelope.senderNode} has answered already`);
    await this.earlyDeletion.settle(tx, deletion, request, new Date());
  }

  private async ordered({ tx, envelope, body }: Inbound<'deletion.ordered'>): Promise<void> {
    const request = await this.exchangeOf(tx, envelope, body.exchangeId);
    const deletion = await this.deletions.lock(tx, body.deletionId);
    if (!deletion || deletion.role !== 'participant' || deletion.exchangeId !== request.id || deletion.proposerNode !== envelope.senderNode) {
      throw new MessageRejected('invalid-content', `no early deletion ${body.deletionId} from ${envelope.senderNode} here`);
    }
    // Only what this participant agreed to is deleted.
    if (deletion.state !== 'agreed') throw new MessageRejected('invalid-content', `the early deletion is ${deletion.state} here, not agreed`);
    const now = new Date();
    await this.copy.deleteEarly(tx, request, deletion.authorityId, now);
    await this.deletions.setState(tx, deletion.id, 'executed', now);
  }

  /** The exchange the message is about, provided its sender is the other participant in it. */
  private async exchangeOf(tx: Tx, envelope: Envelope, exchangeId: string): Promise<RequestRecord> {
    if (envelope.caseId !== exchangeId) throw new MessageRejected('invalid-content', 'case id and exchange id differ');
    const request = await this.requests.lock(tx, exchangeId);
    if (!request) throw new MessageRejected('invalid-content', `no exchange ${exchangeId} here`);
    if (ownSide(request).otherNode !== envelope.senderNode) throw new MessageRejected('unknown-sender', `${envelope.senderNode} does not take part in ${exchangeId}`);
    return request;
  }
}
