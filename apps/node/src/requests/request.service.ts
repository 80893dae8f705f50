import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { decide, RequestCommand, RequestSnapshot, sendRequest } from '@imi/domain';
import { AuthorityEntry, MessageBodies } from '@imi/envelope';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Outgoing, OutgoingMessage } from '../messaging/outgoing';
import { NotFound, UnprocessableRequest } from '../problem/errors';
import { AnswerRequestDto, CreateRequestDto, RequestView } from './request.dto';
import { RequestRecord, RequestRepository } from './request.repository';
import { toView } from './request.view';

type LocalCommand = Omit<RequestCommand, 'by' | 'at'>;

type PartyMessageType = 'request.accepted' | 'request.rejected' | 'request.answered' | 'request.closed';
type PartyMessage = { [T in PartyMessageType]: { type: T; body: MessageBodies[T] } }[PartyMessageType];

/** Case handlers' use cases on information requests, each checked against the state machine. */
@Injectable()
export class RequestService {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestRepository,
    private readonly authorities: AuthoritiesService,
    private readonly outgoing: Outgoing,
  ) {}

  async create(actingId: string | undefined, dto: CreateRequestDto): Promise<RequestView> {
    const requester = this.authorities.acting(actingId);
    const addressee = this.addressee(requester, dto);
    const now = new Date();
    const snapshot = sendRequest({ addresseeAuthorityId: addressee.id, replyBy: new Date(dto.replyBy), at: now });
    const id = randomUUID();
    const questions = dto.questions.map((q) => ({ questionId: q.questionId, freeText: q.freeText ?? null }));
    await this.db.transaction(async (tx) => {
      await this.requests.insert(tx, {
        id, role: 'requester', requesterAuthorityId: requester.id, requesterNode: requester.node,
        addresseeAuthorityId: addressee.id, addresseeNode: addressee.node, legislativeArea: dto.legislativeArea, questions, snapshot,
      });
      // The person stays here until the addressee accepts (see RequestHandlers).
      await this.requests.insertSubject(tx, id, {
        familyName: dto.subject.familyName, givenNames: dto.subject.givenNames,
        dateOfBirth: dto.subject.dateOfBirth ?? null, registerNumber: dto.subject.registerNumber ?? null,
      });
      await this.outgoing.send(tx, {
        type: 'request.sent', caseId: id, recipientNodes: [addressee.node], recipientAuthorities: [addressee.id],
        senderAuthority: requester.id, legislativeArea: dto.legislativeArea,
        body: {
          requestId: id, requesterAuthorityId: requester.id, addresseeAuthorityId: addressee.id,
          legislativeArea: dto.legislativeArea, replyBy: snapshot.replyBy.getTime(), questions,
        },
      }, now);
    });
    return this.get(requester.id, id);
  }

  async list(actingId: string | undefined): Promise<RequestView[]> {
    const acting = this.authorities.acting(actingId);
    return (await this.requests.listFor(acting.id)).map((r) => toView(r));
  }

  async get(actingId: string | undefined, id: string): Promise<RequestView> {
    const acting = this.authorities.acting(actingId);
    const record = await this.requests.find(id);
    if (!record || !isOwnSide(record, acting.id)) throw new NotFound('request');
    return toView(record, await this.requests.subject(id), await this.requests.answers(id));
  }

  accept(actingId: string | undefined, id: string): Promise<RequestView> {
    return this.act(actingId, id, { type: 'accept' }, (tx, record, next) =>
      this.notify(tx, record, { type: 'request.accepted', body: { requestId: id, acceptedAt: next.acceptedAt!.getTime() } }));
  }

  reject(actingId: string | undefined, id: string, reason: string): Promise<RequestView> {
    return this.act(actingId, id, { type: 'reject', reason } as LocalCommand, (tx, record) =>
      this.notify(tx, record, { type: 'request.rejected', body: { requestId: id, reason } }));
  }

  answer(actingId: string | undefined, id: string, dto: AnswerRequestDto): Promise<RequestView> {
    const asked = new Set<string>();
    return this.act(actingId, id, { type: 'answer', final: dto.final } as LocalCommand, async (tx, record, next) => {
      record.questions.forEach((q) => asked.add(q.questionId));
      const unknown = dto.answers.find((a) => !asked.has(a.questionId));
      if (unknown) throw new UnprocessableRequest(`question ${unknown.questionId} was not asked in this request`);
      const answers = dto.answers.map((a) => ({ questionId: a.questionId, answer: a.answer }));
      await this.requests.insertAnswers(tx, id, answers, dto.final, next.answeredAt ?? next.lastActivityAt);
      await this.notify(tx, record, { type: 'request.answered', body: { requestId: id, final: dto.final, answers } });
    });
  }

  close(actingId: string | undefined, id: string): Promise<RequestView> {
    return this.act(actingId, id, { type: 'close' }, (tx, record, next) =>
      this.notify(tx, record, { type: 'request.closed', body: { requestId: id, closedAt: next.closedAt!.getTime() } }));
  }

  /** Applies one of this node's own transitions and announces it, in one transaction. */
  private async act(
    actingId: string | undefined,
    id: string,
    command: LocalCommand,
    announce: (tx: Tx, record: RequestRecord, next: RequestSnapshot) => Promise<void>,
  ): Promise<RequestView> {
    const acting = this.authorities.acting(actingId);
    await this.db.transaction(async (tx) => {
      const record = await this.requests.lock(tx, id);
      if (!record || !isOwnSide(record, acting.id)) throw new NotFound('request');
      const decision = decide(record.snapshot, { ...command, by: record.role, at: new Date() } as RequestCommand);
      if (!decision.ok) throw decision.error;
      await this.requests.update(tx, id, decision.next);
      await announce(tx, record, decision.next);
    });
    return this.get(acting.id, id);
  }

  /** Tells the other party's node what this side did. */
  private async notify(tx: Tx, record: RequestRecord, message: PartyMessage): Promise<void> {
    const toRequester = record.role === 'addressee';
    await this.outgoing.send(tx, {
      ...message,
      caseId: record.id,
      recipientNodes: [toRequester ? record.requesterNode : record.addresseeNode],
      recipientAuthorities: [toRequester ? record.requesterAuthorityId : record.addresseeAuthorityId],
      senderAuthority: toRequester ? record.addresseeAuthorityId : record.requesterAuthorityId,
      legislativeArea: record.legislativeArea,
    } as OutgoingMessage<PartyMessage['type']>);
  }

  private addressee(requester: AuthorityEntry, dto: CreateRequestDto): AuthorityEntry {
    const addressee = this.authorities.find(dto.addresseeAuthorityId);
    if (!addressee || addressee.status !== 'active') throw new UnprocessableRequest(`no active authority ${dto.addresseeAuthorityId}`);
    if (addressee.node === requester.node) throw new UnprocessableRequest('the addressee must be an authority of another member state');
    if (!requester.legislativeAreas.includes(dto.legislativeArea)) {
      throw new UnprocessableRequest(`${requester.id} is not registered for ${dto.legislativeArea}`);
    }
    if (!addressee.legislativeAreas.includes(dto.legislativeArea)) {
      throw new UnprocessableRequest(`${addressee.id} is not registered for ${dto.legislativeArea}`);
    }
    return addressee;
  }
}

/** The acting authority must be this node's side of the request. */
function isOwnSide(record: RequestRecord, authorityId: string): boolean {
  return record.role === 'requester' ? record.requesterAuthorityId === authorityId : record.addresseeAuthorityId === authorityId;
}
