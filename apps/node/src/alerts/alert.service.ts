import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Page, PAGE_SIZE_DEFAULT, pageOf,
  ALERT_AREA, AlertChange, alertReminders, AlertReminder, checkAlertChange, checkContent, InvalidRequest, resolveRecipients,
} from '@imi/domain';
import { AuthorityEntry, MessageBodies, TrustStore } from '@imi/envelope';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { AuditLog } from '../privacy/audit-log';
import { Outgoing } from '../messaging/outgoing';
import { NotFound, UnprocessableRequest } from '../problem/errors';
import { AlertView, DistributeAlertDto, SendAlertDto } from './alert.dto';
import { positionOf } from '../lists/cursor';
import { ListAlertsQuery } from './alert-list.dto';
import { AlertRecord, AlertRepository } from './alert.repository';

type ChangeMessage = 'alert.rectified' | 'alert.withdrawn' | 'alert.closed';

/** Case handlers' use cases on alerts and notifications. */
@Injectable()
export class AlertService {
  constructor(
    private readonly db: Database,
    private readonly alerts: AlertRepository,
    private readonly authorities: AuthoritiesService,
    private readonly trust: TrustStore,
    private readonly outgoing: Outgoing,
    private readonly audit: AuditLog,
  ) {}

  async send(actingId: string | undefined, dto: SendAlertDto): Promise<AlertView> {
    const sender = this.authorities.acting(actingId);
    const area = ALERT_AREA[dto.kind] ?? dto.legislativeArea;
    if (!area) throw new InvalidRequest('a notification names its legislative area');
    if (dto.legislativeArea && dto.legislativeArea !== area) throw new InvalidRequest(`a ${dto.kind} belongs to ${area}`);
    if (!sender.legislativeAreas.includes(area)) throw new UnprocessableRequest(`${sender.id} is not registered for ${area}`);
    const content = checkContent(dto.kind, dto.content);
    const recipients = resolveRecipients(dto.recipients, {
      area, senderNode: sender.node, commissionIsParty: this.trust.legislativeArea(area)?.commissionIsParty ?? false,
      directory: this.trust.allAuthorities(),
    });
    const now = new Date();
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      // One message for all: sealed once for every recipient node, fanned out by the hub.
      const sentMessageId = await this.outgoing.send(tx, {
        type: 'alert.sent', caseId: id, recipientNodes: [...new Set(recipients.map((r) => r.node))],
        recipientAuthorities: recipients.map((r) => r.authorityId), senderAuthority: sender.id, legislativeArea: area,
        body: { alertId: id, kind: dto.kind, legislativeArea: area, senderAuthorityId: sender.id, recipients, version: 1, content: JSON.stringify(content), sentAt: now.getTime() },
      }, now);
      await this.alerts.insert(tx, {
        id, role: 'sender', kind: dto.kind, legislativeArea: area, senderAuthorityId: sender.id, senderNode: sender.node, state: 'open', version: 1,
        decisionDate: typeof content.decisionDate === 'string' ? content.decisionDate : null, laterDecisionDate: null, withdrawnReason: null,
        sentAt: now, lastChangedAt: now, endedAt: null, sentMessageId, participantNodes: [...new Set([sender.node, ...recipients.map((r) => r.node)])],
      });
      await this.alerts.addVersion(tx, id, 1, content, now);
      await this.audit.append(tx, { actor: sender.id, action: 'write', exchangeId: id, dataCategory: 'alert content', purpose: `${dto.kind} sent` }, now);
      for (const r of recipients) await this.alerts.addRecipient(tx, id, r);
    });
    return this.get(sender.id, id);
  }

  /** One page of the alerts the acting authority sent or received, filtered and sorted as asked. */
  async list(actingId: string | undefined, query: ListAlertsQuery): Promise<Page<AlertView>> {
    const acting = this.authorities.acting(actingId);
    const sort = query.sort ?? 'sent-desc';
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const page = pageOf(await this.alerts.page(acting.id, query, sort, positionOf(query.cursor, sort), limit), limit, sort, (a) => a.pageKey);
    return { items: await Promise.all(page.items.map((a) => this.view(a))), nextCursor: page.nextCursor };
  }

  async get(actingId: string | undefined, id: string): Promise<AlertView> {
    const acting = this.authorities.acting(actingId);
    const alert = await this.alerts.find(id);
    if (!alert || !(await this.isParty(alert, acting))) throw new NotFound('alert');
    const view = await this.view(alert);
    if (view.versions.length > 0) {
      await this.audit.record({ actor: acting.id, action: 'read', exchangeId: id, dataCategory: 'alert content', purpose: 'case handling' });
    }
    return view;
  }

  rectify(actingId: string | undefined, id: string, rawContent: Record<string, unknown>): Promise<AlertView> {
    return this.change(actingId, id, { type: 'rectify' }, (alert, at) => {
      const content = checkContent(alert.kind, rawContent);
      return {
        next: { ...alert, version: alert.version + 1 },
        content,
        message: { type: 'alert.rectified', body: { alertId: id, version: alert.version + 1, content: JSON.stringify(content), rectifiedAt: at.getTime() } },
      };
    });
  }

  withdraw(actingId: string | undefined, id: string, reason: string): Promise<AlertView> {
    return this.change(actingId, id, { type: 'withdraw', reason }, (alert, at) => ({
      next: { ...alert, withdrawnReason: reason, endedAt: at },
      message: { type: 'alert.withdrawn', body: { alertId: id, reason, withdrawnAt: at.getTime() } },
    }));
  }

  close(actingId: string | undefined, id: string): Promise<AlertView> {
    return this.change(actingId, id, { type: 'close' }, (alert, at) => ({
      next: { ...alert, endedAt: at },
      message: { type: 'alert.closed', body: { alertId: id, closedAt: at.getTime() } },
    }));
  }

  /** The sender records a later decision: the alert must then be rectified or closed within 3 days. */
  async laterDecision(actingId: string | undefined, id: string, decisionDate: string): Promise<AlertView> {
    const acting = this.authorities.acting(actingId);
    await this.db.transaction(async (tx) => {
      const alert = await this.ownAlert(tx, id, acting);
      if (alert.kind !== 'professional-qualifications-alert') throw new InvalidRequest('later decisions apply to professional-qualifications alerts');
      if (alert.state !== 'open') throw new InvalidRequest(`the alert is ${alert.state}`);
      await this.alerts.update(tx, { ...alert, laterDecisionDate: decisionDate });
    });
    return this.get(acting.id, id);
  }

  /** A recipient authority read or acknowledged the alert; the sender is told. */
  async mark(actingId: string | undefined, id: string, status: 'read' | 'acknowledged'): Promise<AlertView> {
    const acting = this.authorities.acting(actingId);
    await this.db.transaction(async (tx) => {
      const alert = await this.alerts.lock(tx, id);
      if (!alert || alert.role !== 'recipient' || !(await this.alerts.mark(tx, id, acting.id, status, new Date()))) throw new NotFound('alert');
      await this.outgoing.send(tx, {
        type: 'alert.acknowledged', caseId: id, recipientNodes: [alert.senderNode], recipientAuthorities: [alert.senderAuthorityId],
        senderAuthority: acting.id, legislativeArea: alert.legislativeArea,
        body: { alertId: id, authorityId: acting.id, status: status === 'read' ? 'READ' : 'ACKNOWLEDGED', at: Date.now() },
      });
    });
    return this.get(acting.id, id);
  }

  /** A member state's coordinator passes an incoming alert on to its competent authorities. */
  async distribute(actingId: string | undefined, id: string, dto: DistributeAlertDto): Promise<AlertView> {
    const acting = this.authorities.acting(actingId);
    await this.db.transaction(async (tx) => {
      const alert = await this.alerts.lock(tx, id);
      if (!alert || alert.role !== 'recipient' || !(await this.isParty(alert, acting))) throw new NotFound('alert');
      if (!(acting.coordinates ?? []).includes(alert.legislativeArea)) throw new UnprocessableRequest(`${acting.id} does not coordinate ${alert.legislativeArea}`);
      for (const authorityId of dto.authorityIds) {
        const target = this.authorities.find(authorityId);
        if (!target || target.node !== acting.node || target.status !== 'active' || !target.legislativeAreas.includes(alert.legislativeArea)) {
          throw new UnprocessableRequest(`${authorityId} is not an active authority of ${acting.node} for ${alert.legislativeArea}`);
        }
        await this.alerts.addRecipient(tx, id, { authorityId, node: acting.node, distributedBy: acting.id });
      }
    });
    return this.get(acting.id, id);
  }

  /** The sender's alerts that need action, and why. */
  async urgent(actingId: string | undefined, now = new Date()): Promise<{ id: string; kind: string; reasons: AlertReminder[] }[]> {
    const acting = this.authorities.acting(actingId);
    return (await this.alerts.reminderCandidates(acting.id))
      .map((a) => ({ id: a.id, kind: a.kind, reasons: alertReminders(a, now) }))
      .filter((a) => a.reasons.length > 0);
  }

  /** Applies a change of the sender and sends it to every node that received the alert. */
  private async change(
    actingId: string | undefined,
    id: string,
    change: AlertChange,
    apply: (alert: AlertRecord, at: Date) => { next: AlertRecord; content?: Record<string, unknown>; message: { [T in ChangeMessage]: { type: T; body: MessageBodies[T] } }[ChangeMessage] },
  ): Promise<AlertView> {
    const acting = this.authorities.acting(actingId);
    await this.db.transaction(async (tx) => {
      const alert = await this.ownAlert(tx, id, acting);
      const state = checkAlertChange(alert.state, change);
      const at = new Date();
      const { next, content, message } = apply(alert, at);
      await this.alerts.update(tx, { ...next, state, lastChangedAt: at });
      if (content) {
        await this.alerts.addVersion(tx, id, next.version, content, at);
        await this.audit.append(tx, { actor: acting.id, action: 'rectify', exchangeId: id, dataCategory: 'alert content', purpose: 'alert rectified by its sender' }, at);
      }
      const recipients = await this.alerts.recipients(alert);
      await this.outgoing.send(tx, {
        ...message, caseId: id, recipientNodes: [...new Set(recipients.map((r) => r.node))], recipientAuthorities: recipients.map((r) => r.authorityId),
        senderAuthority: acting.id, legislativeArea: alert.legislativeArea,
      } as Parameters<Outgoing['send']>[1], at);
    });
    return this.get(acting.id, id);
  }

  private async ownAlert(tx: Tx, id: string, acting: AuthorityEntry): Promise<AlertRecord> {
    const alert = await this.alerts.lock(tx, id);
    if (!alert || alert.role !== 'sender' || alert.senderAuthorityId !== acting.id) throw new NotFound('alert');
    return alert;
  }

  private isParty(alert: AlertRecord, acting: AuthorityEntry): Promise<boolean> {
    return this.alerts.isParty(alert, acting.id);
  }

  private async view(alert: AlertRecord): Promise<AlertView> {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    return {
      id: alert.id, role: alert.role, kind: alert.kind, legislativeArea: alert.legislativeArea, senderAuthorityId: alert.senderAuthorityId,
      state: alert.state, version: alert.version, sentAt: alert.sentAt.toISOString(), endedAt: iso(alert.endedAt), withdrawnReason: alert.withdrawnReason,
      decisionDate: alert.decisionDate, laterDecisionDate: alert.laterDecisionDate,
      // Blocked content is invisible in normal use; deleted content is gone.
      versions: alert.blockedAt
        ? []
        : (await this.alerts.versions(alert.id)).map((v) => ({ ...v, createdAt: v.createdAt.toISOString(), supersededAt: iso(v.supersededAt) })),
      recipients: (await this.alerts.recipients(alert)).map((r) => ({
        authorityId: r.authorityId, node: r.node, distributedBy: r.distributedBy,
        deliveredAt: iso(r.deliveredAt), readAt: iso(r.readAt), acknowledgedAt: iso(r.acknowledgedAt),
      })),
    };
  }
}
