import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkEarlyDeletion, checkEarlyDeletionAnswer, earlyDeletionOutcome, Page, PAGE_SIZE_DEFAULT, pageOf } from '@imi/domain';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { positionOf } from '../lists/cursor';
import { Outgoing } from '../messaging/outgoing';
import { NotFound, UnprocessableRequest } from '../problem/errors';
import { EarlyDeletionView } from './early-deletion.dto';
import { EarlyDeletionRecord, EarlyDeletionRepository } from './early-deletion.repository';
import { Exchange, Exchanges } from './exchange';
import { ListEarlyDeletionsQuery } from './rights-list.dto';
import { PersonalDataCopy } from './personal-data-copy';

/**
 * Early deletion of a closed exchange's (request's or alert's) personal data. The proposer
 * asks every other participant through the hub; each agrees or refuses with a reason. One
 * refusal and nothing is deleted anywhere, and every participant is told so; when all agree,
 * the proposer deletes and orders the others to, and each confirms with its signed receipt.
 */
@Injectable()
export class EarlyDeletionService {
  constructor(
    private readonly db: Database,
    private readonly authorities: AuthoritiesService,
    private readonly exchanges: Exchanges,
    private readonly deletions: EarlyDeletionRepository,
    private readonly copy: PersonalDataCopy,
    private readonly outgoing: Outgoing,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async propose(actingId: string | undefined, exchangeId: string, reason: string, now = new Date()): Promise<EarlyDeletionView> {
    const acting = this.authorities.acting(actingId);
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const exchange = await this.exchanges.forParty(exchangeId, acting.id, tx);
      const checkedReason = checkEarlyDeletion({ closed: exchange.closed, personalData: await this.copy.state(tx, exchange) }, reason);
      if (await this.deletions.pendingFor(tx, exchangeId)) throw new UnprocessableRequest('an early deletion of this exchange is already under way');
      await this.deletions.insert(tx, {
        id, exchangeId, role: 'proposer', proposerNode: this.config.country, authorityId: acting.id, reason: checkedReason,
        state: 'proposed', proposedAt: now, endedAt: null, orderMessageId: null,
      });
      await this.outgoing.send(tx, {
        type: 'deletion.proposed', caseId: exchangeId, recipientNodes: exchange.otherNodes, recipientAuthorities: exchange.otherAuthorityIds,
        senderAuthority: acting.id, legislativeArea: exchange.legislativeArea,
        body: { deletionId: id, exchangeId, reason: checkedReason, proposedAt: now.getTime() },
      }, now);
    });
    return this.get(acting.id, id);
  }

  /** A participant's answer; agreeing deletes nothing yet: that waits for every participant. */
  async answer(actingId: string | undefined, id: string, agree: unknown, reason: unknown, now = new Date()): Promise<EarlyDeletionView> {
    const acting = this.authorities.acting(actingId);
    const answer = checkEarlyDeletionAnswer(agree, reason);
    await this.db.transaction(async (tx) => {
      const deletion = await this.deletions.lock(tx, id);
      if (!deletion || deletion.authorityId !== acting.id) throw new NotFound('early deletion');
      if (deletion.role !== 'participant') throw new UnprocessableRequest('the proposer does not answer its own proposal');
      if (deletion.state !== 'proposed') throw new UnprocessableRequest(`the early deletion is already ${deletion.state}`);
      const exchange = (await this.exchanges.find(deletion.exchangeId, tx))!;
      await this.deletions.addAnswer(tx, id, { node: this.config.country, ...answer, answeredAt: now });
      await this.deletions.setState(tx, id, answer.agree ? 'agreed' : 'refused', answer.agree ? null : now);
      await this.outgoing.send(tx, {
        type: 'deletion.answered', caseId: deletion.exchangeId, recipientNodes: [deletion.proposerNode], recipientAuthorities: exchange.otherAuthorityIds,
        senderAuthority: acting.id, legislativeArea: exchange.legislativeArea,
        body: { deletionId: id, exchangeId: deletion.exchangeId, agree: answer.agree, reason: answer.reason, answeredAt: now.getTime() },
      }, now);
    });
    return this.get(acting.id, id);
  }

  /**
   * The proposer's side, on each answer: still waiting, refused (nothing deleted anywhere),
   * or agreed by all (deleted here, and the others ordered to delete).
   */
  async settle(tx: Tx, deletion: EarlyDeletionRecord, exchange: Exchange, now: Date): Promise<void> {
    const outcome = earlyDeletionOutcome(exchange.otherNodes, await this.deletions.answers(deletion.id, tx));
    if (outcome === 'waiting') return;
    const common = { caseId: exchange.id, recipientNodes: exchange.otherNodes, recipientAuthorities: exchange.otherAuthorityIds, senderAuthority: deletion.authorityId, legislativeArea: exchange.legislativeArea };
    if (outcome === 'refused') {
      await this.deletions.setState(tx, deletion.id, 'refused', now);
      const refusedBy = (await this.deletions.answers(deletion.id, tx)).filter((a) => !a.agree).map((a) => a.node);
      // Those who agreed, and those yet to answer, must not wait for an order that will not come.
      await this.outgoing.send(tx, { ...common, type: 'deletion.refused', body: { deletionId: deletion.id, exchangeId: exchange.id, refusedBy, refusedAt: now.getTime() } }, now);
      return;
    }
    await this.copy.deleteEarly(tx, exchange, { id: deletion.id, proposedBy: deletion.authorityId }, deletion.authorityId, now);
    const orderId = await this.outgoing.send(tx, {
      ...common, type: 'deletion.ordered', body: { deletionId: deletion.id, exchangeId: exchange.id, orderedAt: now.getTime() },
    }, now);
    await this.deletions.setState(tx, deletion.id, 'executed', now, orderId);
  }

  /** One page of the early deletions the acting authority proposed or is asked about, filtered and sorted as asked. */
  async list(actingId: string | undefined, query: ListEarlyDeletionsQuery): Promise<Page<EarlyDeletionView>> {
    const acting = this.authorities.acting(actingId);
    const sort = query.sort ?? 'proposed-desc';
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.deletions.page(acting.id, query, sort, positionOf(query.cursor, sort), limit);
    const page = pageOf(rows, limit, sort, (r) => r.pageKey);
    return { items: await Promise.all(page.items.map((d) => this.view(d))), nextCursor: page.nextCursor };
  }

  async get(actingId: string | undefined, id: string): Promise<EarlyDeletionView> {
    const acting = this.authorities.acting(actingId);
    const deletion = await this.deletions.find(id);
    if (!deletion || deletion.authorityId !== acting.id) throw new NotFound('early deletion');
    return this.view(deletion);
  }

  private async view(deletion: EarlyDeletionRecord): Promise<EarlyDeletionView> {
    const { id } = deletion;
    const exchange = (await this.exchanges.find(deletion.exchangeId))!;
    const answers = await this.deletions.answers(id);
    const nodes = deletion.role === 'proposer' ? exchange.otherNodes : [this.config.country];
    return {
      id, exchangeId: deletion.exchangeId, role: deletion.role, proposerNode: deletion.proposerNode, reason: deletion.reason, state: deletion.state,
      proposedAt: deletion.proposedAt.toISOString(), endedAt: deletion.endedAt?.toISOString() ?? null,
      participants: nodes.map((node) => {
        const a = answers.find((x) => x.node === node);
        return {
          node, answer: !a ? 'waiting' : a.agree ? 'agreed' : 'refused', reason: a?.reason ?? null,
          answeredAt: a?.answeredAt.toISOString() ?? null, deletedAt: a?.deletedAt?.toISOString() ?? null,
        };
      }),
    };
  }
}

