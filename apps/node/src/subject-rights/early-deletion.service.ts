import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { checkEarlyDeletion, checkEarlyDeletionAnswer, earlyDeletionOutcome } from '@imi/domain';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { Outgoing } from '../messaging/outgoing';
import { NotFound, UnprocessableRequest } from '../problem/errors';
import { RequestRecord, RequestRepository } from '../requests/request.repository';
import { isOwnSide } from '../requests/request.service';
import { EarlyDeletionView } from './early-deletion.dto';
import { EarlyDeletionRecord, EarlyDeletionRepository } from './early-deletion.repository';
import { ownSide, PersonalDataCopy } from './personal-data-copy';

/**
 * Early deletion of a closed exchange's personal data. The proposer asks every other
 * participant through the hub; each agrees or refuses with a reason. One refusal and nothing
 * is deleted anywhere; when all agree, the proposer deletes and orders the others to, and each
 * confirms with its signed receipt of the order.
 */
@Injectable()
export class EarlyDeletionService {
  constructor(
    private readonly db: Database,
    private readonly authorities: AuthoritiesService,
    private readonly requests: RequestRepository,
    private readonly deletions: EarlyDeletionRepository,
    private readonly copy: PersonalDataCopy,
    private readonly outgoing: Outgoing,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async propose(actingId: string | undefined, exchangeId: string, reason: string, now = new Date()): Promise<EarlyDeletionView> {
    const acting = this.authorities.acting(actingId);
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const request = await this.requests.lock(tx, exchangeId);
      if (!request || !isOwnSide(request, acting.id)) throw new NotFound('request');
      const checkedReason = checkEarlyDeletion({ closed: request.snapshot.state === 'closed', personalData: await this.copy.state(tx, request) }, reason);
      if (await this.deletions.pendingFor(tx, exchangeId)) throw new UnprocessableRequest('an early deletion of this exchange is already under way');
      await this.deletions.insert(tx, {
        id, exchangeId, role: 'proposer', proposerNode: this.config.country, authorityId: acting.id, reason: checkedReason,
        state: 'proposed', proposedAt: now, endedAt: null, orderMessageId: null,
      });
      const side = ownSide(request);
      await this.outgoing.send(tx, {
        type: 'deletion.proposed', caseId: exchangeId, recipientNodes: participants(request), recipientAuthorities: [side.otherAuthorityId],
        senderAuthority: acting.id, legislativeArea: request.legislativeArea,
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
      const request = (await this.requests.lock(tx, deletion.exchangeId))!;
      await this.deletions.addAnswer(tx, id, { node: this.config.country, ...answer, answeredAt: now });
      await this.deletions.setState(tx, id, answer.agree ? 'agreed' : 'refused', answer.agree ? null : now);
      await this.outgoing.send(tx, {
        type: 'deletion.answered', caseId: deletion.exchangeId, recipientNodes: [deletion.proposerNode], recipientAuthorities: [ownSide(request).otherAuthorityId],
        senderAuthority: acting.id, legislativeArea: request.legislativeArea,
        body: { deletionId: id, exchangeId: deletion.exchangeId, agree: answer.agree, reason: answer.reason, answeredAt: now.getTime() },
      }, now);
    });
    return this.get(acting.id, id);
  }

  /**
   * The proposer's side, on each answer: still waiting, refused (nothing deleted anywhere),
   * or agreed by all (deleted here, and the others ordered to delete).
   */
  async settle(tx: Tx, deletion: EarlyDeletionRecord, request: RequestRecord, now: Date): Promise<void> {
    const outcome = earlyDeletionOutcome(participants(request), await this.deletions.answers(deletion.id, tx));
    if (outcome === 'waiting') return;
    if (outcome === 'refused') return this.deletions.setState(tx, deletion.id, 'refused', now);
    await this.copy.deleteEarly(tx, request, deletion.authorityId, now);
    const orderId = await this.outgoing.send(tx, {
      type: 'deletion.ordered', caseId: request.id, recipientNodes: participants(request), recipientAuthorities: [ownSide(request).otherAuthorityId],
      senderAuthority: deletion.authorityId, legislativeArea: request.legislativeArea,
      body: { deletionId: deletion.id, exchangeId: request.id, orderedAt: now.getTime() },
    }, now);
    await this.deletions.setState(tx, deletion.id, 'executed', now, orderId);
  }

  async list(actingId: string | undefined): Promise<EarlyDeletionView[]> {
    const acting = this.authorities.acting(actingId);
    return Promise.all((await this.deletions.listFor(acting.id)).map((d) => this.get(acting.id, d.id)));
  }

  async get(actingId: string | undefined, id: string): Promise<EarlyDeletionView> {
    const acting = this.authorities.acting(actingId);
    const deletion = await this.deletions.find(id);
    if (!deletion || deletion.authorityId !== acting.id) throw new NotFound('early deletion');
    const request = (await this.requests.find(deletion.exchangeId))!;
    const answers = await this.deletions.answers(id);
    const nodes = deletion.role === 'proposer' ? participants(request) : [this.config.country];
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

/** Every participant of a request other than this node. */
export function participants(request: RequestRecord): string[] {
  return [ownSide(request).otherNode];
}
