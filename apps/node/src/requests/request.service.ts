import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_URGENCY_PERIODS, Page, PAGE_SIZE_DEFAULT, pageOf,
  checkAnswer, checkQuestions, checkSubjectMinimisation, decide, findQuestion, isInactive, RequestCommand, RequestSnapshot, sendRequest, urgentReasons,
} from '@imi/domain';
import { AuthorityEntry, MessageBodies } from '@imi/envelope';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { CatalogueStore } from '../catalogue/catalogue.store';
import { AuditLog } from '../privacy/audit-log';
import { Outgoing, OutgoingMessage } from '../messaging/outgoing';
import { Forbidden, NotFound, UnprocessableRequest } from '../problem/errors';
import { AttachmentRepository } from './attachment.repository';
import { AnswerRequestDto, CreateRequestDto, ObservedRequestView, ObservedRequestsView, RequestView, UrgentRequestView } from './request.dto';
import { positionOf } from '../lists/cursor';
import { ListRequestsQuery } from './request-list.dto';
import { RequestRecord, RequestRepository } from './request.repository';
import { eventEntry } from './request.history';
import { localiseView } from './request.localisation';
import { RequestDetails, toObservedView, toView } from './request.view';

type LocalCommand = Omit<RequestCommand, 'by' | 'at'>;

type PartyMessageType =
  | 'request.accepted' | 'request.rejected' | 'request.answered' | 'request.closed' | 'request.forwarded'
  | 'request.reply-date-proposed' | 'request.reply-date-responded' | 'request.further-information-requested' | 'request.answer-accepted';
type PartyMessage = { [T in PartyMessageType]: { type: T; body: MessageBodies[T] } }[PartyMessageType];

/** Case handlers' use cases on information requests, each checked against the state machine. */
@Injectable()
export class RequestService {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestRepository,
    private readonly authorities: AuthoritiesService,
    private readonly outgoing: Outgoing,
    private readonly attachments: AttachmentRepository,
    private readonly catalogue: CatalogueStore,
    private readonly audit: AuditLog,
  ) {}

  async create(actingId: string | undefined, dto: CreateRequestDto): Promise<RequestView> {
    const requester = this.authorities.acting(actingId);
    const addressee = this.addressee(requester, dto);
    checkSubjectMinimisation(dto.subject);
    const sensitiveReason = dto.sensitiveReason?.trim() || null;
    const checked = checkQuestions(this.catalogue.current(), dto.legislativeArea, dto.questions, { sensitiveReason });
    const now = new Date();
    const snapshot = sendRequest({ addresseeAuthorityId: addressee.id, replyBy: new Date(dto.replyBy), at: now });
    const id = randomUUID();
    const questions = checked.questions.map((q) => ({ questionId: q.questionId, freeText: q.freeText }));
    const confidential = dto.confidential ?? false;
    const record: RequestRecord = {
      id, role: 'requester', requesterAuthorityId: requester.id, requesterNode: requester.node,
      addresseeAuthorityId: addressee.id, addresseeNode: addressee.node, legislativeArea: dto.legislativeArea, questions,
      confidential, sensitiveReason, snapshot, version: 1,
    };
    const subject = {
      familyName: dto.subject.familyName, givenNames: dto.subject.givenNames,
      dateOfBirth: dto.subject.dateOfBirth ?? null, registerNumber: dto.subject.registerNumber ?? null,
      nationalId: dto.subject.nationalId ?? null, nationalIdJustification: dto.subject.nationalIdJustification ?? null,
    };
    const sent = { type: 'sent', at: now, detail: { addresseeAuthorityId: addressee.id } };
    await this.db.transaction(async (tx) => {
      // Six writes, none read back: they reach Postgres as one statement (see Tx.defer).
      this.requests.insert(tx, record);
      this.requests.appendFirstEvent(tx, id, sent);
      await this.audit.append(tx, { actor: requester.id, action: 'write', exchangeId: id, dataCategory: 'request subject', purpose: 'information request' }, now);
      // The person stays here until the addressee accepts (see RequestHandlers).
      this.requests.insertSubject(tx, id, subject);
      await this.outgoing.send(tx, {
        type: 'request.sent', caseId: id, recipientNodes: [addressee.node], recipientAuthorities: [addressee.id],
        senderAuthority: requester.id, legislativeArea: dto.legislativeArea,
        body: {
          requestId: id, requesterAuthorityId: requester.id, addresseeAuthorityId: addressee.id,
          legislativeArea: dto.legislativeArea, replyBy: snapshot.replyBy.getTime(), questions, confidential, sensitiveReason,
        },
      }, now);
    });
    // What was just written, without reading it back.
    return this.localised(record, undefined, { subject, history: [sent], answers: [], furtherInformation: [], attachments: [] });
  }

  /** One page of the acting authority's requests, filtered and sorted as asked. */
  async list(actingId: string | undefined, query: ListRequestsQuery, language?: string): Promise<Page<RequestView>> {
    const acting = this.authorities.acting(actingId);
    const sort = query.sort ?? 'sent-desc';
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.requests.page(acting.id, query, sort, positionOf(query.cursor, sort), limit);
    const page = pageOf(rows, limit, sort, (r) => r.pageKey);
    return { items: page.items.map((r) => localiseView(toView(r), this.catalogue.current(), language)), nextCursor: page.nextCursor };
  }

  /** The acting authority's urgency list, over every open request however old: what it should act on first, and why. */
  async urgent(actingId: string | undefined, now = new Date()): Promise<UrgentRequestView[]> {
    const acting = this.authorities.acting(actingId);
    return (await this.requests.urgencyCandidates(acting.id, now, DEFAULT_URGENCY_PERIODS.acceptanceMs))
      .filter((r) => isOwnSide(r, acting.id))
      .map((r) => ({ record: r, reasons: urgentReasons(r.snapshot, r.role, now) }))
      .filter(({ reasons }) => reasons.length > 0)
      .map(({ record, reasons }) => ({
        id: record.id, state: record.snapshot.state, legislativeArea: record.legislativeArea,
        replyBy: record.snapshot.replyBy.toISOString(), reasons,
      }));
  }

  /** What a coordinator or linked authority may know of the authorities it observes: metadata only. */
  async observed(actingId: string | undefined): Promise<ObservedRequestsView> {
    const acting = this.authorities.acting(actingId);
    const observed = (acting.observes ?? []).filter((id) => this.authorities.find(id)?.node === acting.node);
    if (observed.length === 0) throw new Forbidden(`${acting.id} observes no other authority`);
    const requests = (await this.requests.listOfAuthorities(observed)).map(toObservedView);
    const countsByState: Record<string, number> = {};
    for (const r of requests) countsByState[r.state] = (countsByState[r.state] ?? 0) + 1;
    return { observedAuthorityIds: observed, countsByState, requests };
  }

  /**
   * Inactivity escalation: the open requests of this member state, in the areas the acting
   * authority coordinates, with no activity for more than 2 months. Metadata only.
   */
  async escalated(actingId: string | undefined, now = new Date()): Promise<ObservedRequestView[]> {
    const acting = this.authorities.acting(actingId);
    const areas = acting.coordinates ?? [];
    if (areas.length === 0) throw new Forbidden(`${acting.id} coordinates no legislative area`);
    return (await this.requests.listOpenInAreas(areas)).filter((r) => isInactive(r.snapshot, now)).map(toObservedView);
  }

  async get(actingId: string | undefined, id: string, language?: string): Promise<RequestView> {
    const acting = this.authorities.acting(actingId);
    const record = await this.requests.find(id);
    if (!record || !isOwnSide(record, acting.id)) throw new NotFound('request');
    const view = this.localised(record, language, {
      subject: await this.requests.subject(id),
      answers: await this.requests.answers(id),
      furtherInformation: await this.requests.furtherInformation(id),
      history: await this.requests.events(id),
      attachments: await this.attachments.list(id),
    });
    if (view.subject || view.answers?.length) {
      await this.audit.record({ actor: acting.id, action: 'read', exchangeId: id, dataCategory: 'request personal data', purpose: 'case handling' });
    }
    return view;
  }

  /** A view (an action's answer) with its questions and answers in the reader's language. */
  inLanguage(view: RequestView, language: string | undefined): RequestView {
    return localiseView(view, this.catalogue.current(), language);
  }

  private localised(record: RequestRecord, language: string | undefined, details: RequestDetails): RequestView {
    return localiseView(toView(record, details), this.catalogue.current(), language);
  }

  accept(actingId: string | undefined, id: string): Promise<RequestView> {
    return this.act(actingId, id, { type: 'accept' }, (tx, record, next) =>
      this.notify(tx, record, { type: 'request.accepted', body: { requestId: id, acceptedAt: next.acceptedAt!.getTime() } }));
  }

  reject(actingId: string | undefined, id: string, reason: string): Promise<RequestView> {
    return this.act(actingId, id, { type: 'reject', reason } as LocalCommand, (tx, record) =>
      this.notify(tx, record, { type: 'request.rejected', body: { requestId: id, reason } }));
  }

  /**
   * Passes the request to another authority of this member state. This node's copy of the
   * person goes: the new addressee receives it from the requester only once it accepts.
   */
  forward(actingId: string | undefined, id: string, toAuthorityId: string): Promise<RequestView> {
    return this.act(actingId, id, { type: 'forward', toAuthorityId } as LocalCommand, async (tx, record, next) => {
      const to = this.authorities.find(toAuthorityId);
      if (!to || to.node !== record.addresseeNode || to.status !== 'active') {
        throw new UnprocessableRequest(`no active authority ${toAuthorityId} in this member state`);
      }
      if (!to.legislativeAreas.includes(record.legislativeArea)) throw new UnprocessableRequest(`${to.id} is not registered for ${record.legislativeArea}`);
      await this.requests.deleteSubject(tx, id);
      await this.attachments.deletePersonal(tx, id);
      await this.notify(tx, record, {
        type: 'request.forwarded',
        body: { requestId: id, fromAuthorityId: record.addresseeAuthorityId, toAuthorityId: to.id, forwardedAt: next.lastActivityAt.getTime() },
      });
    });
  }

  proposeReplyDate(actingId: string | undefined, id: string, replyBy: Date): Promise<RequestView> {
    return this.act(actingId, id, { type: 'propose-reply-date', replyBy } as LocalCommand, (tx, record) =>
      this.notify(tx, record, { type: 'request.reply-date-proposed', body: { requestId: id, replyBy: replyBy.getTime() } }));
  }

  respondToReplyDate(actingId: string | undefined, id: string, agree: boolean): Promise<RequestView> {
    return this.act(actingId, id, { type: 'respond-to-reply-date', agree } as LocalCommand, (tx, record) =>
      this.notify(tx, record, { type: 'request.reply-date-responded', body: { requestId: id, agree } }));
  }

  answer(actingId: string | undefined, id: string, dto: AnswerRequestDto): Promise<RequestView> {
    return this.act(actingId, id, { type: 'answer', final: dto.final } as LocalCommand, async (tx, record, next) => {
      const asked = new Set(record.questions.map((q) => q.questionId));
      const unknown = dto.answers.find((a) => !asked.has(a.questionId));
      if (unknown) throw new UnprocessableRequest(`question ${unknown.questionId} was not asked in this request`);
      for (const a of dto.answers) {
        const question = findQuestion(this.catalogue.current(), record.legislativeArea, a.questionId);
        checkAnswer(question, a.answer);
        if (question.answerType === 'document' && !(await this.attachments.get(id, a.answer))) {
          throw new UnprocessableRequest(`the answer to ${a.questionId} names no attachment of this request`);
        }
      }
      const answers = dto.answers.map((a) => ({ questionId: a.questionId, answer: a.answer }));
      await this.requests.insertAnswers(tx, id, answers, dto.final, next.answeredAt ?? next.lastActivityAt);
      await this.audit.append(tx, { actor: record.addresseeAuthorityId, action: 'write', exchangeId: id, dataCategory: 'request answers', purpose: 'answer given' });
      await this.notify(tx, record, { type: 'request.answered', body: { requestId: id, final: dto.final, answers } });
    });
  }

  requestFurtherInformation(actingId: string | undefined, id: string, note: string | null): Promise<RequestView> {
    return this.act(actingId, id, { type: 'request-further-information' }, async (tx, record, next) => {
      await this.requests.insertFurtherInformation(tx, id, note, next.lastActivityAt);
      await this.notify(tx, record, { type: 'request.further-information-requested', body: { requestId: id, note } });
    });
  }

  acceptAnswer(actingId: string | undefined, id: string): Promise<RequestView> {
    return this.act(actingId, id, { type: 'accept-answer' }, (tx, record, next) =>
      this.notify(tx, record, { type: 'request.answer-accepted', body: { requestId: id, acceptedAt: next.lastActivityAt.getTime() } }));
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
      await this.requests.appendEvent(tx, id, eventEntry(decision.event));
      await announce(tx, record, decision.next);
    });
    // After forwarding, the acting authority is no longer a party: it sees the request without details.
    const record = (await this.requests.find(id))!;
    return isOwnSide(record, acting.id) ? this.get(acting.id, id) : this.localised(record, undefined, {});
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
export function isOwnSide(record: RequestRecord, authorityId: string): boolean {
  return record.role === 'requester' ? record.requesterAuthorityId === authorityId : record.addresseeAuthorityId === authorityId;
}
