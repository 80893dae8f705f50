import { Injectable, OnModuleInit } from '@nestjs/common';
import { Envelope, MessageRejected } from '@imi/envelope';
import { Tx } from '@imi/persistence';
import { Inbound, MessageHandlers } from '../messaging/message-handlers';
import { RequestRepository } from '../requests/request.repository';
import { EarlyDeletionRepository } from './early-deletion.repository';
import { EarlyDeletionService } from './early-deletion.service';
import { Exchange, Exchanges } from './exchange';
import { PersonalDataCopy } from './personal-data-copy';

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
    private readonly exchanges: Exchanges,
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
    this.handlers.register('deletion.refused', (m) => this.refused(m));
  }

  private async rectified({ tx, envelope, body }: Inbound<'subject.rectified'>): Promise<void> {
    const exchange = await this.exchangeOf(tx, envelope, body.exchangeId);
    const actor = `${envelope.senderAuthority ?? envelope.senderNode} (propagated)`;
    const outcome = await this.copy.rectify(tx, exchange, { subjectRequestId: body.subjectRequestId, corrections: body.corrections, actor, at: new Date() });
    await this.recordEvent(tx, exchange, 'subject-rectification-propagated', body.decidedAt, { subjectRequestId: body.subjectRequestId, outcome });
  }

  private async erased({ tx, envelope, body }: Inbound<'subject.erased'>): Promise<void> {
    const exchange = await this.exchangeOf(tx, envelope, body.exchangeId);
    const actor = `${envelope.senderAuthority ?? envelope.senderNode} (propagated)`;
    const decidedBy = envelope.senderAuthority ?? envelope.senderNode;
    const outcome = await this.copy.erase(tx, exchange, { subjectRequestId: body.subjectRequestId, decidedBy, actor, at: new Date() });
    await this.recordEvent(tx, exchange, 'subject-erasure-propagated', body.decidedAt, { subjectRequestId: body.subjectRequestId, outcome });
  }

  private async proposed({ tx, envelope, body }: Inbound<'deletion.proposed'>): Promise<void> {
    const exchange = await this.exchangeOf(tx, envelope, body.exchangeId);
    if (!exchange.closed) throw new MessageRejected('invalid-content', 'the exchange is not closed here');
    if (await this.deletions.pendingFor(tx, exchange.id)) throw new MessageRejected('invalid-content', 'an early deletion of this exchange is already under way');
    if (await this.deletions.lock(tx, body.deletionId)) throw new MessageRejected('invalid-content', `early deletion ${body.deletionId} exists already`);
    await this.deletions.insert(tx, {
      id: body.deletionId, exchangeId: exchange.id, role: 'participant', proposerNode: envelope.senderNode, authorityId: exchange.partyAuthorityIds[0],
      reason: body.reason, state: 'proposed', proposedAt: new Date(body.proposedAt), endedAt: null, orderMessageId: null,
    });
  }

  private async answered({ tx, envelope, body }: Inbound<'deletion.answered'>): Promise<void> {
    const exchange = await this.exchangeOf(tx, envelope, body.exchangeId);
    const deletion = await this.deletions.lock(tx, body.deletionId);
    if (!deletion || deletion.role !== 'proposer' || deletion.exchangeId !== exchange.id) throw new MessageRejected('invalid-content', `no early deletion ${body.deletionId} proposed here`);
    if (deletion.state !== 'proposed') throw new MessageRejected('invalid-content', `the early deletion is already ${deletion.state}`);
    const added = await this.deletions.addAnswer(tx, deletion.id, { node: envelope.senderNode, agree: body.agree, reason: body.reason, answeredAt: new Date(body.answeredAt) });
    if (!added) throw new MessageRejected('invalid-content', `${envelope.senderNode} has answered already`);
    await this.earlyDeletion.settle(tx, deletion, exchange, new Date());
  }

  private async ordered({ tx, envelope, body }: Inbound<'deletion.ordered'>): Promise<void> {
    const exchange = await this.exchangeOf(tx, envelope, body.exchangeId);
    const deletion = await this.deletions.lock(tx, body.deletionId);
    if (!deletion || deletion.role !== 'participant' || deletion.exchangeId !== exchange.id || deletion.proposerNode !== envelope.senderNode) {
      throw new MessageRejected('invalid-content', `no early deletion ${body.deletionId} from ${envelope.senderNode} here`);
    }
    // Only what this participant agreed to is deleted.
    if (deletion.state !== 'agreed') throw new MessageRejected('invalid-content', `the early deletion is ${deletion.state} here, not agreed`);
    const now = new Date();
    await this.copy.deleteEarly(tx, exchange, { id: deletion.id, proposedBy: envelope.senderAuthority ?? deletion.proposerNode }, deletion.authorityId, now);
    await this.deletions.setState(tx, deletion.id, 'executed', now);
  }

  private async refused({ tx, envelope, body }: Inbound<'deletion.refused'>): Promise<void> {
    const exchange = await this.exchangeOf(tx, envelope, body.exchangeId);
    const deletion = await this.deletions.lock(tx, body.deletionId);
    if (!deletion || deletion.role !== 'participant' || deletion.exchangeId !== exchange.id || deletion.proposerNode !== envelope.senderNode) {
      throw new MessageRejected('invalid-content', `no early deletion ${body.deletionId} from ${envelope.senderNode} here`);
    }
    if (deletion.state === 'executed') throw new MessageRejected('invalid-content', 'the early deletion was executed here');
    if (deletion.state !== 'refused') await this.deletions.setState(tx, deletion.id, 'refused', new Date(body.refusedAt));
  }

  /** The exchange the message is about, provided its sender takes part in it (by this node's own record). */
  private async exchangeOf(tx: Tx, envelope: Envelope, exchangeId: string): Promise<Exchange> {
    if (envelope.caseId !== exchangeId) throw new MessageRejected('invalid-content', 'case id and exchange id differ');
    const exchange = await this.exchanges.find(exchangeId, tx);
    if (!exchange) throw new MessageRejected('invalid-content', `no exchange ${exchangeId} here`);
    if (!exchange.otherNodes.includes(envelope.senderNode)) throw new MessageRejected('unknown-sender', `${envelope.senderNode} does not take part in ${exchangeId}`);
    return exchange;
  }

  /** Requests keep a history of events (ids and outcomes only); alerts keep their versions. */
  private async recordEvent(tx: Tx, exchange: Exchange, type: string, at: number, detail: Record<string, unknown>): Promise<void> {
    if (exchange.kind === 'request') await this.requests.appendEvent(tx, exchange.id, { type, at: new Date(at), detail });
  }
}
