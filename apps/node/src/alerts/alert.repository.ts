import { Injectable } from '@nestjs/common';
import { AlertState, OneToManyKind, Position } from '@imi/domain';
import { Conditions, Database, pageQuery, Tx } from '@imi/persistence';
import type { AlertSort, ListAlertsQuery } from './alert-list.dto';

export interface AlertRecord {
  id: string;
  role: 'sender' | 'recipient';
  kind: OneToManyKind;
  legislativeArea: string;
  senderAuthorityId: string;
  senderNode: string;
  state: AlertState;
  version: number;
  decisionDate: string | null;
  laterDecisionDate: string | null;
  withdrawnReason: string | null;
  sentAt: Date;
  lastChangedAt: Date;
  endedAt: Date | null;
  sentMessageId: string | null;
  /** Retention: content blocked (invisible in normal use), then deleted. */
  blockedAt?: Date | null;
  personalDataDeletedAt?: Date | null;
  /** Every node holding the alert, this one included. */
  participantNodes: string[];
}

export interface AlertRecipientRecord {
  authorityId: string;
  node: string;
  distributedBy: string | null;
  readAt: Date | null;
  acknowledgedAt: Date | null;
  deliveredAt: Date | null;
}

const COLUMNS = `id, role, kind, legislative_area, sender_authority_id, sender_node, state, version,
  to_char(decision_date, 'YYYY-MM-DD') AS decision_date, to_char(later_decision_date, 'YYYY-MM-DD') AS later_decision_date,
  withdrawn_reason, sent_at, last_changed_at, ended_at, sent_message_id, blocked_at, personal_data_deleted_at, participant_nodes`;

/** All queries on alerts and notifications. Content (personal data) is in alert_versions only. */
@Injectable()
export class AlertRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Tx, a: AlertRecord): Promise<void> {
    await tx.query(
      `INSERT INTO alerts (id, role, kind, legislative_area, sender_authority_id, sender_node, state, version, decision_date,
         later_decision_date, withdrawn_reason, sent_at, last_changed_at, ended_at, sent_message_id, participant_nodes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [a.id, a.role, a.kind, a.legislativeArea, a.senderAuthorityId, a.senderNode, a.state, a.version, a.decisionDate,
        a.laterDecisionDate, a.withdrawnReason, a.sentAt, a.lastChangedAt, a.endedAt, a.sentMessageId, a.participantNodes],
    );
  }

  async exists(tx: Tx, id: string): Promise<boolean> {
    return (await tx.query('SELECT 1 FROM alerts WHERE id = $1', [id])).rowCount === 1;
  }

  async find(id: string): Promise<AlertRecord | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM alerts WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  async lock(tx: Tx, id: string): Promise<AlertRecord | null> {
    const { rows } = await tx.query(`SELECT ${COLUMNS} FROM alerts WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(tx: Tx, a: AlertRecord): Promise<void> {
    await tx.query(
      `UPDATE alerts SET state = $2, version = $3, later_decision_date = $4, withdrawn_reason = $5, last_changed_at = $6, ended_at = $7,
         sent_message_id = COALESCE(sent_message_id, $8)
       WHERE id = $1`,
      [a.id, a.state, a.version, a.laterDecisionDate, a.withdrawnReason, a.lastChangedAt, a.endedAt, a.sentMessageId],
    );
  }

  /** One page of the alerts the authority sent or is an addressee of, filtered and sorted in SQL (keyset, `limit + 1` rows). */
  async page(authorityId: string, filter: Omit<ListAlertsQuery, 'limit' | 'cursor' | 'sort'>, sort: AlertSort, after: Position | null, limit: number): Promise<(AlertRecord & { pageKey: string })[]> {
    const sender = `(role = 'sender' AND sender_authority_id = $1)`;
    const recipient = `(role = 'recipient' AND EXISTS (SELECT 1 FROM alert_recipients r WHERE r.alert_id = a.id AND r.authority_id = $1))`;
    const conditions = new Conditions([filter.role === 'sender' ? sender : filter.role === 'recipient' ? recipient : `(${sender} OR ${recipient})`], [authorityId]);
    // Unread: received, and this authority has neither read nor acknowledged it (the work list's count).
    if (filter.unread === 'true') {
      conditions.require(`(role = 'recipient' AND EXISTS (SELECT 1 FROM alert_recipients u WHERE u.alert_id = a.id AND u.authority_id = $1 AND u.read_at IS NULL AND u.acknowledged_at IS NULL))`);
    }
    conditions
      .add((n) => `state = ${n}`, filter.state)
      .add((n) => `kind = ${n}`, filter.kind)
      .add((n) => `legislative_area = ${n}`, filter.legislativeArea)
      .add((n) => `sent_at >= ${n}`, filter.sentFrom)
      .add((n) => `sent_at < ${n}`, filter.sentBefore);
    const query = pageQuery(`SELECT ${COLUMNS} FROM alerts a`, conditions, { column: 'sent_at', direction: sort === 'sent-asc' ? 'ASC' : 'DESC' }, after, limit);
    const rows = await this.db.query(query.text, query.values);
    return rows.map((row) => ({ ...toRecord(row), pageKey: row.page_key }));
  }

  /** Every professional-qualifications alert the authority sent that a reminder may concern, however old (alertReminders decides). */
  async reminderCandidates(authorityId: string): Promise<AlertRecord[]> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM alerts a
       WHERE role = 'sender' AND sender_authority_id = $1 AND kind = 'professional-qualifications-alert'
         AND (decision_date IS NOT NULL OR (state = 'open' AND later_decision_date IS NOT NULL))
       ORDER BY sent_at DESC`,
      [authorityId],
    );
    return rows.map(toRecord);
  }

  async addVersion(tx: Tx, alertId: string, version: number, content: unknown, at: Date): Promise<void> {
    await tx.query('UPDATE alert_versions SET superseded_at = $2 WHERE alert_id = $1 AND superseded_at IS NULL', [alertId, at]);
    await tx.query(
      'INSERT INTO alert_versions (alert_id, version, content, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [alertId, version, JSON.stringify(content), at],
    );
  }

  async versions(alertId: string): Promise<{ version: number; content: Record<string, unknown>; createdAt: Date; supersededAt: Date | null }[]> {
    const rows = await this.db.query(
      'SELECT version, content, created_at, superseded_at FROM alert_versions WHERE alert_id = $1 ORDER BY version',
      [alertId],
    );
    return rows.map((r) => ({ version: r.version, content: r.content, createdAt: r.created_at, supersededAt: r.superseded_at }));
  }

  /** The sender's authority on its node, an addressee on a recipient node. */
  async isParty(alert: AlertRecord, authorityId: string): Promise<boolean> {
    if (alert.role === 'sender') return alert.senderAuthorityId === authorityId;
    return (await this.recipients(alert)).some((r) => r.authorityId === authorityId);
  }

  async addRecipient(tx: Tx, alertId: string, r: { authorityId: string; node: string; distributedBy?: string | null }): Promise<void> {
    await tx.query(
      'INSERT INTO alert_recipients (alert_id, authority_id, node, distributed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
      [alertId, r.authorityId, r.node, r.distributedBy ?? null],
    );
  }

  /** Records a recipient's read or acknowledgement (which means it was read too); false if it is not an addressee. */
  async mark(tx: Tx, alertId: string, authorityId: string, status: 'read' | 'acknowledged', at: Date): Promise<boolean> {
    const set = status === 'read' ? 'read_at = COALESCE(read_at, $3)' : 'read_at = COALESCE(read_at, $3), acknowledged_at = COALESCE(acknowledged_at, $3)';
    const { rowCount } = await tx.query(
      `UPDATE alert_recipients SET ${set} WHERE alert_id = $1 AND authority_id = $2`,
      [alertId, authorityId, at],
    );
    return rowCount === 1;
  }

  /** Addressees with their delivery time (the receipt of the alert.sent message from their node). */
  async recipients(alert: AlertRecord): Promise<AlertRecipientRecord[]> {
    const rows = await this.db.query(
      `SELECT r.authority_id, r.node, r.distributed_by, r.read_at, r.acknowledged_at, d.delivered_at
       FROM alert_recipients r LEFT JOIN deliveries d ON d.message_id = $2 AND d.recipient_node = r.node
       WHERE r.alert_id = $1 ORDER BY r.node, r.authority_id`,
      [alert.id, alert.sentMessageId],
    );
    return rows.map((r) => ({
      authorityId: r.authority_id, node: r.node, distributedBy: r.distributed_by, readAt: r.read_at, acknowledgedAt: r.acknowledged_at,
      deliveredAt: r.delivered_at,
    }));
  }
}

function toRecord(row: Record<string, any>): AlertRecord {
  return {
    id: row.id, role: row.role, kind: row.kind, legislativeArea: row.legislative_area, senderAuthorityId: row.sender_authority_id,
    senderNode: row.sender_node, state: row.state, version: row.version, decisionDate: row.decision_date,
    laterDecisionDate: row.later_decision_date, withdrawnReason: row.withdrawn_reason, sentAt: row.sent_at,
    lastChangedAt: row.last_changed_at, endedAt: row.ended_at, sentMessageId: row.sent_message_id, blockedAt: row.blocked_at, personalDataDeletedAt: row.personal_data_deleted_at,
    participantNodes: row.participant_nodes,
  };
}
