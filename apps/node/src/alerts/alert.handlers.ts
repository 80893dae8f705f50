import { Injectable, OnModuleInit } from '@nestjs/common';
import { AlertChange, checkAlertChange, checkContent, InvalidRequest, ONE_TO_MANY_KINDS, OneToManyKind } from '@imi/domain';
import { Envelope, MessageRejected, TrustStore } from '@imi/envelope';
import { Tx } from '@imi/persistence';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { Inbound, MessageHandlers } from '../messaging/message-handlers';
import { AuditLog } from '../privacy/audit-log';
import { AlertRecord, AlertRepository } from './alert.repository';

/**
 * Applies alerts and notifications from other nodes, and their changes, checked as the sender's
 * node checked them; and, on the sender's node, the recipients' reads and acknowledgements.
 */
@Injectable()
export class AlertHandlers implements OnModuleInit {
  constructor(
    private readonly handlers: MessageHandlers,
    private readonly alerts: AlertRepository,
    private readonly audit: AuditLog,
    private readonly trust: TrustStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  onModuleInit(): void {
    this.handlers.register('alert.sent', (m) => this.received(m));
    this.handlers.register('alert.rectified', ({ tx, envelope, body }) =>
      this.changed(tx, envelope, body.alertId, { type: 'rectify' }, async (alert) => {
        if (body.version !== alert.version + 1) throw new MessageRejected('invalid-content', `version ${body.version} does not follow ${alert.version}`);
        const content = contentOf(alert.kind, body.content);
        await this.alerts.addVersion(tx, alert.id, body.version, content, new Date(body.rectifiedAt));
        await this.audit.append(tx, { actor: `${envelope.senderAuthority} (received)`, action: 'rectify', exchangeId: alert.id, dataCategory: 'alert content', purpose: 'alert rectified by its sender' });
        return { ...alert, version: body.version, lastChangedAt: new Date(body.rectifiedAt) };
      }));
    this.handlers.register('alert.withdrawn', ({ tx, envelope, body }) =>
      this.changed(tx, envelope, body.alertId, { type: 'withdraw', reason: body.reason }, async (alert) => ({
        ...alert, withdrawnReason: body.reason, endedAt: new Date(body.withdrawnAt), lastChangedAt: new Date(body.withdrawnAt),
      })));
    this.handlers.register('alert.closed', ({ tx, envelope, body }) =>
      this.changed(tx, envelope, body.alertId, { type: 'close' }, async (alert) => ({
        ...alert, endedAt: new Date(body.closedAt), lastChangedAt: new Date(body.closedAt),
      })));
    this.handlers.register('alert.acknowledged', async ({ tx, envelope, body }) => {
      const alert = await this.alerts.lock(tx, body.alertId);
      if (!alert || alert.role !== 'sender' || envelope.caseId !== alert.id) throw new MessageRejected('unknown-case', `no alert ${body.alertId} sent from here`);
      const addressee = this.trust.authority(body.authorityId);
      if (envelope.senderAuthority !== body.authorityId || addressee?.node !== envelope.senderNode) {
        throw new MessageRejected('sender-mismatch', `${envelope.senderNode} cannot acknowledge for ${body.authorityId}`);
      }
      const at = new Date(body.at);
      // A coordinator's authorities acknowledge as its member state: recorded against the addressee on that node.
      const marked = (await this.alerts.mark(tx, alert.id, body.authorityId, body.status === 'READ' ? 'read' : 'acknowledged', at))
        || (await this.markForNode(tx, alert, envelope.senderNode, body.status, at));
      if (!marked) throw new MessageRejected('invalid-content', `${body.authorityId} is not an addressee of alert ${alert.id}`);
    });
  }

  private async received({ tx, envelope, body }: Inbound<'alert.sent'>): Promise<void> {
    if (envelope.caseId !== body.alertId) throw new MessageRejected('invalid-content', 'case id and alert id differ');
    if (!ONE_TO_MANY_KINDS.includes(body.kind as OneToManyKind)) throw new MessageRejected('invalid-content', `unknown kind ${body.kind}`);
    const sender = this.trust.authority(body.senderAuthorityId);
    if (!sender || sender.node !== envelope.senderNode || envelope.senderAuthority !== sender.id) {
      throw new MessageRejected('unknown-sender', `${body.senderAuthorityId} is not an authority of ${envelope.senderNode}`);
    }
    if (body.legislativeArea !== envelope.legislativeArea) throw new MessageRejected('invalid-content', 'areas of envelope and body differ');
    const mine = body.recipients.filter((r) => r.node === this.config.country);
    const fit = mine.every((r) => envelope.recipientAuthorities.includes(r.authorityId) && this.trust.authority(r.authorityId)?.legislativeAreas.includes(body.legislativeArea));
    if (mine.length === 0 || !fit) throw new MessageRejected('not-addressed-to-me', `no addressee of ${this.config.country} registered for ${body.legislativeArea}`);
    if (await this.alerts.exists(tx, body.alertId)) throw new MessageRejected('invalid-content', `alert ${body.alertId} already exists`);
    const kind = body.kind as OneToManyKind;
    const content = contentOf(kind, body.content);
    const sentAt = new Date(body.sentAt);
    await this.alerts.insert(tx, {
      id: body.alertId, role: 'recipient', kind, legislativeArea: body.legislativeArea, senderAuthorityId: sender.id, senderNode: sender.node,
      state: 'open', version: body.version, decisionDate: typeof content.decisionDate === 'string' ? content.decisionDate : null,
      laterDecisionDate: null, withdrawnReason: null, sentAt, lastChangedAt: sentAt, endedAt: null, sentMessageId: null,
      participantNodes: [...new Set([sender.node, ...body.recipients.map((r) => r.node)])],
    });
    await this.alerts.addVersion(tx, body.alertId, body.version, content, sentAt);
    await this.audit.append(tx, { actor: `${sender.id} (received)`, action: 'write', exchangeId: body.alertId, dataCategory: 'alert content', purpose: `${kind} received` });
    for (const r of mine) await this.alerts.addRecipient(tx, body.alertId, r);
  }

  /** A change from the alert's sender, refused unless the alert here can take it. */
  private async changed(tx: Tx, envelope: Envelope, alertId: string, change: AlertChange, apply: (alert: AlertRecord) => Promise<AlertRecord>): Promise<void> {
    const alert = await this.alerts.lock(tx, alertId);
    if (!alert || alert.role !== 'recipient' || envelope.caseId !== alertId) throw new MessageRejected('unknown-case', `no alert ${alertId} here`);
    if (envelope.senderNode !== alert.senderNode || envelope.senderAuthority !== alert.senderAuthorityId) {
      throw new MessageRejected('sender-mismatch', `${envelope.senderAuthority ?? envelope.senderNode} did not send alert ${alertId}`);
    }
    let state;
    try {
      state = checkAlertChange(alert.state, change);
    } catch (error) {
      if (error instanceof InvalidRequest) throw new MessageRejected('transition-refused', error.message);
      throw error;
    }
    await this.alerts.update(tx, { ...(await apply(alert)), state });
  }

  private async markForNode(tx: Tx, alert: AlertRecord, node: string, status: 'READ' | 'ACKNOWLEDGED', at: Date): Promise<boolean> {
    const addressee = (await this.alerts.recipients(alert)).find((r) => r.node === node);
    return addressee ? this.alerts.mark(tx, alert.id, addressee.authorityId, status === 'READ' ? 'read' : 'acknowledged', at) : false;
  }
}

/** The content of a peer's alert, checked against the same rules its sender's node applied. */
function contentOf(kind: OneToManyKind, json: string): Record<string, unknown> {
  try {
    return checkContent(kind, JSON.parse(json));
  } catch (error) {
    if (error instanceof InvalidRequest || error instanceof SyntaxError) throw new MessageRejected('invalid-content', error.message);
    throw error;
  }
}
