import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  checkCorrections, InvalidRequest, Page, PAGE_SIZE_DEFAULT, pageOf, SUBJECT_REQUEST_WARNING_DAYS, subjectRequestDueBy, subjectRequestReminder, SubjectCorrections,
} from '@imi/domain';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Outgoing } from '../messaging/outgoing';
import { positionOf } from '../lists/cursor';
import { AuditLog } from '../privacy/audit-log';
import { Forbidden, NotFound, UnprocessableRequest } from '../problem/errors';
import { RequestRepository } from '../requests/request.repository';
import { Exchange, Exchanges } from './exchange';
import { PersonalDataCopy, toCorrectionsBody } from './personal-data-copy';
import { CreateSubjectRequestDto, DecideSubjectRequestDto, SubjectRequestView, UrgentSubjectRequestView } from './subject-request.dto';
import { SubjectRequestRecord, SubjectRequestRepository } from './subject-request.repository';
import { ListSubjectRequestsQuery } from './rights-list.dto';

/** Until users and roles exist, objections are routed to this role of the authority. */
export const DATA_PROTECTION_CONTACT = 'data-protection-contact';

/**
 * A data subject's rectification, erasure or objection, addressed to one participating
 * authority: recorded with its 30-day deadline, decided, and on granting applied here and
 * propagated through the hub to every other participant, each of which confirms by receipt.
 */
@Injectable()
export class SubjectRequestService {
  constructor(
    private readonly db: Database,
    private readonly authorities: AuthoritiesService,
    private readonly requests: RequestRepository,
    private readonly exchanges: Exchanges,
    private readonly subjectRequests: SubjectRequestRepository,
    private readonly copy: PersonalDataCopy,
    private readonly outgoing: Outgoing,
    private readonly audit: AuditLog,
  ) {}

  async create(actingId: string | undefined, dto: CreateSubjectRequestDto, now = new Date()): Promise<SubjectRequestView> {
    const acting = this.authorities.acting(actingId);
    const exchangeIds = [...new Set(dto.exchangeIds)];
    const exchanges = [];
    for (const id of exchangeIds) exchanges.push(await this.exchanges.forParty(id, acting.id));
    let corrections: SubjectCorrections | null = null;
    if (dto.kind === 'rectification') {
      corrections = checkCorrections(dto.corrections);
      if (corrections.registerNumber !== undefined && exchanges.some((e) => e.kind === 'alert')) {
        throw new InvalidRequest('alerts carry no register number: rectify it in the requests that do');
      }
      const withoutPerson = await this.alertsWithoutPerson(exchanges);
      if (withoutPerson) throw new InvalidRequest(`alert ${withoutPerson} names no person in structured fields; its sender rectifies its content`);
    }
    else if (dto.corrections !== undefined) throw new InvalidRequest(`an ${dto.kind} carries no corrections`);
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    if (receivedAt.getTime() > now.getTime()) throw new InvalidRequest('receivedAt is in the future');
    const record: SubjectRequestRecord = {
      id: randomUUID(), authorityId: acting.id, kind: dto.kind, exchangeIds, corrections, receivedAt, dueBy: subjectRequestDueBy(receivedAt),
      state: dto.kind === 'objection' ? 'routed' : 'open', routedTo: dto.kind === 'objection' ? DATA_PROTECTION_CONTACT : null, decidedAt: null, decisionReason: null,
    };
    await this.db.transaction(async (tx) => {
      await this.subjectRequests.insert(tx, record);
      for (const id of exchangeIds) {
        await this.audit.append(tx, { actor: acting.id, action: 'write', exchangeId: id, dataCategory: 'data subject request', purpose: `data subject ${dto.kind}` }, now);
      }
    });
    return this.get(acting.id, record.id);
  }

  async get(actingId: string | undefined, id: string): Promise<SubjectRequestView> {
    const acting = this.authorities.acting(actingId);
    const record = await this.subjectRequests.find(id);
    if (!record || record.authorityId !== acting.id) throw new NotFound('subject request');
    return this.view(record);
  }

  private async view(record: SubjectRequestRecord): Promise<SubjectRequestView> {
    const effects = await this.subjectRequests.effects(record.id);
    return {
      id: record.id, authorityId: record.authorityId, kind: record.kind, exchangeIds: record.exchangeIds,
      receivedAt: record.receivedAt.toISOString(), dueBy: record.dueBy.toISOString(), state: record.state, routedTo: record.routedTo,
      decidedAt: record.decidedAt?.toISOString() ?? null, decisionReason: record.decisionReason,
      effects: effects.map((e) => ({ ...e, participants: e.participants.map((p) => ({ node: p.node, confirmedAt: p.confirmedAt?.toISOString() ?? null })) })),
    };
  }

  /** One page of the acting authority's requests, filtered and sorted as asked. */
  async list(actingId: string | undefined, query: ListSubjectRequestsQuery): Promise<Page<SubjectRequestView>> {
    return this.page(this.authorities.acting(actingId).id, query);
  }

  /** The objections received by the authority, for its data protection contact, a page at a time. */
  async objections(authorityId: string, query: ListSubjectRequestsQuery): Promise<Page<SubjectRequestView>> {
    return this.page(authorityId, { ...query, kind: 'objection' });
  }

  private async page(authorityId: string, query: ListSubjectRequestsQuery): Promise<Page<SubjectRequestView>> {
    const sort = query.sort ?? 'received-desc';
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.subjectRequests.page(authorityId, query, sort, positionOf(query.cursor, sort), limit);
    const page = pageOf(rows, limit, sort, (r) => r.pageKey);
    return { items: await Promise.all(page.items.map((r) => this.view(r))), nextCursor: page.nextCursor };
  }

  /** Undecided requests whose 30-day deadline is near or past, over every open one however old. */
  async urgent(actingId: string | undefined, now = new Date()): Promise<UrgentSubjectRequestView[]> {
    const acting = this.authorities.acting(actingId);
    return (await this.subjectRequests.dueSoon(acting.id, new Date(now.getTime() + SUBJECT_REQUEST_WARNING_DAYS * 86_400_000)))
      .map((r) => ({ r, reason: subjectRequestReminder(r, now) }))
      .filter(({ reason }) => reason !== null)
      .map(({ r, reason }) => ({ id: r.id, kind: r.kind, dueBy: r.dueBy.toISOString(), reason: reason! }));
  }

  async decide(actingId: string | undefined, id: string, dto: DecideSubjectRequestDto, now = new Date()): Promise<SubjectRequestView> {
    const acting = this.authorities.acting(actingId);
    await this.db.transaction(async (tx) => {
      const record = await this.subjectRequests.lock(tx, id);
      if (!record || record.authorityId !== acting.id) throw new NotFound('subject request');
      if (record.kind === 'objection') throw new UnprocessableRequest(`an objection is routed to the ${DATA_PROTECTION_CONTACT}, not decided here`);
      if (record.state !== 'open') throw new UnprocessableRequest(`the subject request is already ${record.state}`);
      if (!dto.grant) {
        if (!dto.reason?.trim()) throw new InvalidRequest('a refusal needs a reason');
        await this.subjectRequests.decide(tx, id, 'refused', now, dto.reason.trim());
        return;
      }
      for (const exchangeId of record.exchangeIds) {
        const exchange = await this.exchanges.find(exchangeId, tx);
        if (!exchange || !exchange.partyAuthorityIds.includes(acting.id)) throw new Forbidden(`${acting.id} no longer takes part in ${exchangeId}`);
        await this.grantOne(tx, record, exchange, acting.id, now);
      }
      await this.subjectRequests.decide(tx, id, 'granted', now, dto.reason?.trim() || null);
    });
    return this.get(acting.id, id);
  }

  /** Applies the decision to this node's copy and tells every other participant holding the person. */
  private async grantOne(tx: Tx, record: SubjectRequestRecord, exchange: Exchange, actor: string, now: Date): Promise<void> {
    const common = { caseId: exchange.id, senderAuthority: actor, legislativeArea: exchange.legislativeArea, recipientAuthorities: exchange.otherAuthorityIds };
    let outcome;
    let messageId: string | null = null;
    if (record.kind === 'rectification') {
      const corrections = toCorrectionsBody(record.corrections!);
      outcome = await this.copy.rectify(tx, exchange, { subjectRequestId: record.id, corrections, actor, at: now });
      if (exchange.holders.length > 0) {
        messageId = await this.outgoing.send(tx, {
          ...common, type: 'subject.rectified', recipientNodes: exchange.holders,
          body: { subjectRequestId: record.id, exchangeId: exchange.id, corrections, decidedAt: now.getTime() },
        }, now);
      }
    } else {
      outcome = await this.copy.erase(tx, exchange, { subjectRequestId: record.id, decidedBy: actor, actor, at: now });
      // An erasure carries no personal data: it goes to every other participant, whether or not it holds the person.
      messageId = await this.outgoing.send(tx, {
        ...common, type: 'subject.erased', recipientNodes: exchange.otherNodes,
        body: { subjectRequestId: record.id, exchangeId: exchange.id, decidedAt: now.getTime() },
      }, now);
    }
    await this.subjectRequests.addEffect(tx, record.id, exchange.id, outcome, messageId);
    if (exchange.kind === 'request') {
      await this.requests.appendEvent(tx, exchange.id, { type: `subject-${record.kind}-granted`, at: now, detail: { subjectRequestId: record.id, outcome } });
    }
  }

  /** The first alert among the exchanges whose content has no structured person, if any. */
  private async alertsWithoutPerson(exchanges: Exchange[]): Promise<string | null> {
    for (const e of exchanges.filter((x) => x.kind === 'alert')) {
      const [row] = await this.db.query(`SELECT 1 FROM alert_versions WHERE alert_id = $1 AND content ? 'person' LIMIT 1`, [e.id]);
      if (!row && !e.deleted) return e.id;
    }
    return null;
  }
}
