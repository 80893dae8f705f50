import { Logger } from '@nestjs/common';
import { Database } from '@imi/persistence';
import type { AuditLog } from '../privacy/audit-log';
import type { BackOfficeTransport } from './back-office.transport';
import { EVENTS_EXCHANGE, eventRoutingKey } from './topology';

interface EventRow {
  id: string;
  authority_id: string;
  entity: 'request' | 'alert';
  event: string;
  subject_id: string;
  occurred_at: Date;
  detail: Record<string, unknown>;
}

const BATCH = 100;

/**
 * The events outbox, published: rows written by the triggers of migration 030 in the
 * transaction of each state change, sent on the node's topic exchange through the confirm
 * channel, deleted once the broker confirmed them. While the broker is away rows wait;
 * nothing is lost, and a row is deleted only after its confirmation (a crash in between
 * sends it again with the same message id, which a system may use to drop the copy).
 */
export class EventPublisher {
  private readonly logger = new Logger('BackOfficeEvents');
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: Database,
    private readonly transport: BackOfficeTransport,
    private readonly audit: AuditLog,
    private readonly country: string,
  ) {}

  /** Publishes what is waiting; called on each outbox notification and on a timer. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        while (this.transport.connected && (await this.publishBatch()) === BATCH);
      } catch (error) {
        this.logger.warn(`events wait for the broker: ${(error as Error).message}`);
        return;
      }
    } while (this.again);
  }

  private async publishBatch(): Promise<number> {
    const rows = await this.db.query<EventRow>(
      'SELECT id, authority_id, entity, event, subject_id, occurred_at, detail FROM back_office_events ORDER BY id LIMIT $1', [BATCH]);
    if (rows.length === 0) return 0;
    // Contents read first, then published in the outbox's order and confirmed together.
    const messages = [];
    for (const row of rows) messages.push({ row, body: await this.message(row) });
    const outcomes = await Promise.allSettled(messages.map(({ row, body }) =>
      this.transport.publishConfirmed(EVENTS_EXCHANGE, eventRoutingKey(row.authority_id, row.entity, row.event), Buffer.from(JSON.stringify(body)), {
        messageId: body.eventId, type: body.event, contentType: 'application/json',
      })));
    const sent = messages.filter((_, i) => outcomes[i].status === 'fulfilled').map(({ row }) => row.id);
    if (sent.length > 0) await this.db.query('DELETE FROM back_office_events WHERE id = ANY($1::bigint[])', [sent]);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    return rows.length;
  }

  private async message(row: EventRow) {
    const content = row.entity === 'request' ? await this.requestContent(row) : await this.alertContent(row);
    const { state, ...detail } = row.detail;
    return {
      eventId: `${this.country}-${row.id}`,
      event: `${row.entity}.${row.event}`,
      authorityId: row.authority_id,
      occurredAt: new Date(row.occurred_at).toISOString(),
      id: row.subject_id,
      state: String(state ?? ''),
      detail,
      content,
    };
  }

  /** A request's questions and parties; its answers for the requester; the person only once disclosed. */
  private async requestContent(row: EventRow): Promise<Record<string, unknown>> {
    const [request] = await this.db.query<Record<string, unknown>>(
      `SELECT role, requester_authority_id, addressee_authority_id, legislative_area, questions, reply_by, confidential, sensitive_reason
       FROM requests WHERE id = $1`, [row.subject_id]);
    if (!request) return {};
    const content: Record<string, unknown> = {
      role: request.role, requesterAuthorityId: request.requester_authority_id, addresseeAuthorityId: request.addressee_authority_id,
      legislativeArea: request.legislative_area, questions: request.questions, replyBy: new Date(request.reply_by as Date).toISOString(),
      confidential: request.confidential, sensitiveReason: request.sensitive_reason,
    };
    if (row.event === 'person-disclosed') {
      const [subject] = await this.db.query(
        `SELECT family_name AS "familyName", given_names AS "givenNames", to_char(date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth",
                register_number AS "registerNumber", national_id AS "nationalId" FROM request_subjects WHERE request_id = $1`, [row.subject_id]);
      if (subject) {
        content.subject = subject;
        await this.audit.record({ actor: row.authority_id, action: 'read', exchangeId: row.subject_id, dataCategory: 'request subject', purpose: 'back-office event' });
      }
    }
    if ((row.event === 'answered' || row.event === 'partially-answered') && request.role === 'requester') {
      content.answers = await this.db.query(
        'SELECT question_id AS "questionId", answer, final FROM request_answers WHERE request_id = $1 ORDER BY seq', [row.subject_id]);
      await this.audit.record({ actor: row.authority_id, action: 'read', exchangeId: row.subject_id, dataCategory: 'request answers', purpose: 'back-office event' });
    }
    return content;
  }

  /** A received alert's current version. */
  private async alertContent(row: EventRow): Promise<Record<string, unknown>> {
    const [alert] = await this.db.query<Record<string, unknown>>(
      `SELECT a.kind, a.legislative_area, a.sender_authority_id, a.version, v.content
       FROM alerts a LEFT JOIN alert_versions v ON v.alert_id = a.id AND v.version = a.version WHERE a.id = $1`, [row.subject_id]);
    if (!alert) return {};
    if (alert.content) await this.audit.record({ actor: row.authority_id, action: 'read', exchangeId: row.subject_id, dataCategory: 'alert content', purpose: 'back-office event' });
    return { kind: alert.kind, legislativeArea: alert.legislative_area, senderAuthorityId: alert.sender_authority_id, version: alert.version, alert: alert.content };
  }
}
