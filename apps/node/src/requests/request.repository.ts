import { Injectable } from '@nestjs/common';
import { ANSWER_OWED, AWAITING_CLOSURE, Position, RequestSnapshot, RequestState } from '@imi/domain';
import { SubjectBody } from '@imi/envelope';
import { QueryConfig } from 'pg';
import { Conditions, Database, pageQuery, prepared, SortOrder, Tx } from '@imi/persistence';
import type { RequestSort } from './request-list.dto';

export interface RequestRecord {
  id: string;
  role: 'requester' | 'addressee';
  requesterAuthorityId: string;
  requesterNode: string;
  addresseeAuthorityId: string;
  addresseeNode: string;
  legislativeArea: string;
  questions: { questionId: string; freeText: string | null }[];
  confidential: boolean;
  sensitiveReason: string | null;
  /** Retention: personal data blocked (invisible in normal use), then deleted. */
  blockedAt?: Date | null;
  personalDataDeletedAt?: Date | null;
  snapshot: RequestSnapshot;
  version: number;
}

interface Row {
  id: string;
  role: 'requester' | 'addressee';
  requester_authority_id: string;
  requester_node: string;
  addressee_authority_id: string;
  addressee_node: string;
  legislative_area: string;
  questions: RequestRecord['questions'];
  state: RequestState;
  reply_by: Date;
  proposed_reply_by: Date | null;
  sent_at: Date;
  accepted_at: Date | null;
  answered_at: Date | null;
  closed_at: Date | null;
  last_activity_at: Date;
  rejection_reason: string | null;
  confidential: boolean;
  sensitive_reason: string | null;
  blocked_at: Date | null;
  personal_data_deleted_at: Date | null;
  version: number;
}

export interface AnswerRecord {
  questionId: string;
  answer: string;
  final: boolean;
  answeredAt: Date;
}

/** All queries on requests. Personal data (subjects, answers) sits in its own tables. */
@Injectable()
export class RequestRepository {
  constructor(private readonly db: Database) {}

  /** Inserts a request this node creates (a fresh id). Deferred: sent with the transaction's next statement. */
  insert(tx: Tx, record: Omit<RequestRecord, 'version'>): void {
    tx.defer(insertStatement(record, ''));
  }

  /**
   * Inserts a request another node sent, with its first event, in one statement; false, and
   * nothing written, when its id exists here.
   */
  async insertIfNew(tx: Tx, record: Omit<RequestRecord, 'version'>, first: RequestEvent): Promise<boolean> {
    const request = insertStatement(record, 'ON CONFLICT (id) DO NOTHING RETURNING id');
    const n = request.values!.length;
    return (await tx.query(prepared(
      `WITH inserted AS (${request.text})
       INSERT INTO request_events (request_id, seq, type, at, detail) SELECT id, 1, $${n + 1}, $${n + 2}, $${n + 3} FROM inserted`,
      [...request.values!, first.type, first.at, JSON.stringify(first.detail ?? {})],
    ))).rowCount === 1;
  }

  async find(id: string): Promise<RequestRecord | null> {
    const [row] = await this.db.query<Row>('SELECT * FROM requests WHERE id = $1', [id]);
    return row ? toRecord(row) : null;
  }

  /** Locks the row for the rest of the transaction: one change at a time per request. */
  async lock(tx: Tx, id: string): Promise<RequestRecord | null> {
    const { rows } = await tx.query<Row>(prepared('SELECT * FROM requests WHERE id = $1 FOR UPDATE', [id]));
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(tx: Tx, id: string, s: RequestSnapshot): Promise<void> {
    await tx.query(prepared(
      `UPDATE requests SET state = $2, addressee_authority_id = $3, reply_by = $4, proposed_reply_by = $5, accepted_at = $6,
         answered_at = $7, closed_at = $8, last_activity_at = $9, rejection_reason = $10, version = version + 1
       WHERE id = $1`,
      [id, s.state, s.addresseeAuthorityId, s.replyBy, s.proposedReplyBy ?? null, s.acceptedAt ?? null, s.answeredAt ?? null,
        s.closedAt ?? null, s.lastActivityAt, s.rejectionReason ?? null],
    ));
  }

  /**
   * One page of an authority's requests, filtered and sorted in SQL, after `after` (keyset
   * pagination: `limit + 1` rows are read, the extra one only says more follow).
   */
  async page(authorityId: string, filter: RequestFilter, sort: RequestSort, after: Position | null, limit: number): Promise<(RequestRecord & { pageKey: string })[]> {
    const conditions = new Conditions(['(requester_authority_id = $1 OR addressee_authority_id = $1)'], [authorityId])
      .add((n) => `state = ${n}`, filter.state)
      .add((n) => `legislative_area = ${n}`, filter.legislativeArea)
      .add((n) => `(CASE WHEN requester_authority_id = $1 THEN addressee_authority_id ELSE requester_authority_id END) = ${n}`, filter.otherAuthorityId)
      .add((n) => `sent_at >= ${n}`, filter.sentFrom)
      .add((n) => `sent_at < ${n}`, filter.sentBefore);
    if (filter.role === 'requester') conditions.require('requester_authority_id = $1');
    if (filter.role === 'addressee') conditions.require('addressee_authority_id = $1');
    const query = pageQuery('SELECT * FROM requests', conditions, REQUEST_ORDER[sort], after, limit);
    const rows = await this.db.query<Row & { page_key: string }>(query.text, query.values);
    return rows.map((row) => ({ ...toRecord(row), pageKey: row.page_key }));
  }

  /**
   * Every open request of the authority's own side that may be on its urgency list, however old
   * (the domain's urgentReasons decides): not accepted for the acceptance period, answer owed
   * past the reply date, or answered and not closed.
   */
  async urgencyCandidates(authorityId: string, now: Date, acceptanceMs: number): Promise<RequestRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM requests
       WHERE (role = 'addressee' AND addressee_authority_id = $1
              AND ((state = 'sent' AND sent_at < $2) OR (state = ANY($3) AND reply_by < $4)))
          OR (role = 'requester' AND requester_authority_id = $1 AND state = ANY($5))
       ORDER BY reply_by, id`,
      [authorityId, new Date(now.getTime() - acceptanceMs), [...ANSWER_OWED], now, [...AWAITING_CLOSURE]],
    );
    return rows.map(toRecord);
  }

  /** Requests still open in the given areas, least recently active first: candidates for escalation. */
  async listOpenInAreas(areas: string[]): Promise<RequestRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM requests WHERE legislative_area = ANY($1) AND state NOT IN ('closed', 'rejected') ORDER BY last_activity_at LIMIT 1000`,
      [areas],
    );
    return rows.map(toRecord);
  }

  /** This node's side of the requests of the given authorities. */
  async listOfAuthorities(authorityIds: string[]): Promise<RequestRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT * FROM requests
       WHERE (role = 'requester' AND requester_authority_id = ANY($1)) OR (role = 'addressee' AND addressee_authority_id = ANY($1))
       ORDER BY sent_at DESC LIMIT 1000`,
      [authorityIds],
    );
    return rows.map(toRecord);
  }

  /** Deferred: sent with the transaction's next statement. */
  insertSubject(tx: Tx, requestId: string, subject: SubjectBody): void {
    tx.defer(prepared(
      `INSERT INTO request_subjects (request_id, family_name, given_names, date_of_birth, register_number, national_id, national_id_justification)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING`,
      [requestId, subject.familyName, subject.givenNames, subject.dateOfBirth, subject.registerNumber, subject.nationalId, subject.nationalIdJustification],
    ));
  }

  async subject(requestId: string, tx?: Tx): Promise<SubjectBody | null> {
    const sql = `SELECT family_name, given_names, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, register_number,
                        national_id, national_id_justification
                 FROM request_subjects WHERE request_id = $1`;
    const rows = tx ? (await tx.query(sql, [requestId])).rows : await this.db.query(sql, [requestId]);
    const row = rows[0];
    return row
      ? {
          familyName: row.family_name, givenNames: row.given_names, dateOfBirth: row.date_of_birth, registerNumber: row.register_number,
          nationalId: row.national_id, nationalIdJustification: row.national_id_justification,
        }
      : null;
  }

  /** Forwarding: the previous addressee's copy of the person goes; the new one gets it on acceptance. */
  async deleteSubject(tx: Tx, requestId: string): Promise<void> {
    await tx.query('DELETE FROM request_subjects WHERE request_id = $1', [requestId]);
  }

  /** A new request's first event, its sending. Deferred, so it may not follow another event of the request in one transaction. */
  appendFirstEvent(tx: Tx, requestId: string, event: RequestEvent): void {
    tx.defer(prepared(
      'INSERT INTO request_events (request_id, seq, type, at, detail) VALUES ($1, 1, $2, $3, $4)',
      [requestId, event.type, event.at, JSON.stringify(event.detail ?? {})],
    ));
  }

  async appendEvent(tx: Tx, requestId: string, event: RequestEvent): Promise<void> {
    await tx.query(prepared(
      `INSERT INTO request_events (request_id, seq, type, at, detail)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM request_events WHERE request_id = $1`,
      [requestId, event.type, event.at, JSON.stringify(event.detail ?? {})],
    ));
  }

  async events(requestId: string): Promise<{ type: string; at: Date; detail: Record<string, unknown> }[]> {
    return this.db.query('SELECT type, at, detail FROM request_events WHERE request_id = $1 ORDER BY seq', [requestId]);
  }

  async insertFurtherInformation(tx: Tx, requestId: string, note: string | null, at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO request_further_information (request_id, seq, note, requested_at)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3 FROM request_further_information WHERE request_id = $1`,
      [requestId, note, at],
    );
  }

  async furtherInformation(requestId: string): Promise<{ note: string | null; requestedAt: Date }[]> {
    const rows = await this.db.query<{ note: string | null; requested_at: Date }>(
      'SELECT note, requested_at FROM request_further_information WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
    return rows.map((r) => ({ note: r.note, requestedAt: r.requested_at }));
  }

  async insertAnswers(tx: Tx, requestId: string, answers: { questionId: string; answer: string }[], final: boolean, at: Date): Promise<void> {
    const { rows } = await tx.query<{ next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM request_answers WHERE request_id = $1', [requestId]);
    let seq = rows[0].next;
    for (const a of answers) {
      await tx.query(
        'INSERT INTO request_answers (request_id, seq, question_id, answer, final, answered_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [requestId, seq++, a.questionId, a.answer, final, at],
      );
    }
  }

  async answers(requestId: string): Promise<AnswerRecord[]> {
    const rows = await this.db.query<{ question_id: string; answer: string; final: boolean; answered_at: Date }>(
      'SELECT question_id, answer, final, answered_at FROM request_answers WHERE request_id = $1 ORDER BY seq',
      [requestId],
    );
    return rows.map((r) => ({ questionId: r.question_id, answer: r.answer, final: r.final, answeredAt: r.answered_at }));
  }
}

function toRecord(row: Row): RequestRecord {
  return {
    id: row.id,
    role: row.role,
    requesterAuthorityId: row.requester_authority_id,
    requesterNode: row.requester_node,
    addresseeAuthorityId: row.addressee_authority_id,
    addresseeNode: row.addressee_node,
    legislativeArea: row.legislative_area,
    questions: row.questions,
    confidential: row.confidential,
    sensitiveReason: row.sensitive_reason,
    blockedAt: row.blocked_at,
    personalDataDeletedAt: row.personal_data_deleted_at,
    version: row.version,
    snapshot: {
      state: row.state,
      addresseeAuthorityId: row.addressee_authority_id,
      replyBy: row.reply_by,
      proposedReplyBy: row.proposed_reply_by,
      sentAt: row.sent_at,
      acceptedAt: row.accepted_at,
      answeredAt: row.answered_at,
      closedAt: row.closed_at,
      lastActivityAt: row.last_activity_at,
      rejectionReason: row.rejection_reason,
    },
  };
}

type RequestEvent = { type: string; at: Date; detail?: Record<string, unknown> };

function insertStatement(record: Omit<RequestRecord, 'version'>, onConflict: string): QueryConfig {
  const s = record.snapshot;
  return prepared(
    `INSERT INTO requests (id, role, requester_authority_id, requester_node, addressee_authority_id, addressee_node,
       legislative_area, questions, state, reply_by, proposed_reply_by, sent_at, accepted_at, answered_at, closed_at,
       last_activity_at, rejection_reason, confidential, sensitive_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) ${onConflict}`,
    [record.id, record.role, record.requesterAuthorityId, record.requesterNode, record.addresseeAuthorityId, record.addresseeNode,
      record.legislativeArea, JSON.stringify(record.questions), s.state, s.replyBy, s.proposedReplyBy ?? null, s.sentAt,
      s.acceptedAt ?? null, s.answeredAt ?? null, s.closedAt ?? null, s.lastActivityAt, s.rejectionReason ?? null,
      record.confidential, record.sensitiveReason],
  );
}

export interface RequestFilter {
  state?: string;
  legislativeArea?: string;
  role?: 'requester' | 'addressee';
  otherAuthorityId?: string;
  sentFrom?: string;
  sentBefore?: string;
}

const REQUEST_ORDER: Record<RequestSort, SortOrder> = {
  'sent-desc': { column: 'sent_at', direction: 'DESC' },
  'sent-asc': { column: 'sent_at', direction: 'ASC' },
  'reply-by-asc': { column: 'reply_by', direction: 'ASC' },
};
