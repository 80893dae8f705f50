import { Injectable } from '@nestjs/common';
import { Position, RightsOutcome, SubjectCorrections, SubjectRequestKind } from '@imi/domain';
import { Conditions, Database, pageQuery, SortOrder, Tx } from '@imi/persistence';
import { ListSubjectRequestsQuery, SubjectRequestSort } from './rights-list.dto';

export interface SubjectRequestRecord {
  id: string;
  authorityId: string;
  kind: SubjectRequestKind;
  exchangeIds: string[];
  corrections: SubjectCorrections | null;
  receivedAt: Date;
  dueBy: Date;
  state: 'open' | 'granted' | 'refused' | 'routed';
  routedTo: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export interface EffectRecord {
  exchangeId: string;
  outcome: RightsOutcome;
  participants: { node: string; confirmedAt: Date | null }[];
}

@Injectable()
export class SubjectRequestRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Tx, r: SubjectRequestRecord): Promise<void> {
    await tx.query(
      `INSERT INTO subject_requests (id, authority_id, kind, exchange_ids, corrections, received_at, due_by, state, routed_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.id, r.authorityId, r.kind, r.exchangeIds, r.corrections && JSON.stringify(r.corrections), r.receivedAt, r.dueBy, r.state, r.routedTo],
    );
  }

  async lock(tx: Tx, id: string): Promise<SubjectRequestRecord | null> {
    const { rows } = await tx.query('SELECT * FROM subject_requests WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async find(id: string): Promise<SubjectRequestRecord | null> {
    const [row] = await this.db.query('SELECT * FROM subject_requests WHERE id = $1', [id]);
    return row ? toRecord(row) : null;
  }

  /** One page of the authority's requests, filtered and sorted in SQL (keyset: `limit + 1` rows, the extra one says more follow). */
  async page(authorityId: string, filter: ListSubjectRequestsQuery, sort: SubjectRequestSort, after: Position | null, limit: number): Promise<(SubjectRequestRecord & { pageKey: string })[]> {
    const conditions = new Conditions(['authority_id = $1'], [authorityId])
      .add((n) => `kind = ${n}`, filter.kind)
      .add((n) => `state = ${n}`, filter.state)
      .add((n) => `${n}::uuid = ANY(exchange_ids)`, filter.exchangeId)
      .add((n) => `received_at >= ${n}`, filter.receivedFrom)
      .add((n) => `received_at < ${n}`, filter.receivedBefore);
    const query = pageQuery('SELECT * FROM subject_requests', conditions, SUBJECT_REQUEST_ORDER[sort], after, limit);
    const rows = await this.db.query<Record<string, any>>(query.text, query.values);
    return rows.map((row) => ({ ...toRecord(row), pageKey: row.page_key }));
  }

  /** Every undecided request of the authority due within `warnBefore`, however old: the urgency list reads them all. */
  async dueSoon(authorityId: string, warnBefore: Date): Promise<SubjectRequestRecord[]> {
    const rows = await this.db.query(`SELECT * FROM subject_requests WHERE authority_id = $1 AND state = 'open' AND due_by <= $2 ORDER BY due_by, id`, [authorityId, warnBefore]);
    return rows.map(toRecord);
  }

  async decide(tx: Tx, id: string, state: 'granted' | 'refused', at: Date, reason: string | null): Promise<void> {
    await tx.query('UPDATE subject_requests SET state = $2, decided_at = $3, decision_reason = $4 WHERE id = $1', [id, state, at, reason]);
  }

  async addEffect(tx: Tx, id: string, exchangeId: string, outcome: RightsOutcome, messageId: string | null): Promise<void> {
    await tx.query(
      'INSERT INTO subject_request_effects (subject_request_id, exchange_id, outcome, message_id) VALUES ($1, $2, $3, $4)',
      [id, exchangeId, outcome, messageId],
    );
  }

  /** Each effect with the receipts of the message that carried it: a participant's confirmation. */
  async effects(id: string): Promise<EffectRecord[]> {
    const rows = await this.db.query(
      `SELECT e.exchange_id, e.outcome, d.recipient_node, d.delivered_at
       FROM subject_request_effects e LEFT JOIN deliveries d ON d.message_id = e.message_id
       WHERE e.subject_request_id = $1 ORDER BY e.exchange_id, d.recipient_node`,
      [id],
    );
    const byExchange = new Map<string, EffectRecord>();
    for (const row of rows) {
      const effect: EffectRecord = byExchange.get(row.exchange_id) ?? { exchangeId: row.exchange_id, outcome: row.outcome, participants: [] };
      if (row.recipient_node) effect.participants.push({ node: row.recipient_node, confirmedAt: row.delivered_at });
      byExchange.set(row.exchange_id, effect);
    }
    return [...byExchange.values()];
  }
}

const SUBJECT_REQUEST_ORDER: Record<SubjectRequestSort, SortOrder> = {
  'received-desc': { column: 'received_at', direction: 'DESC' },
  'received-asc': { column: 'received_at', direction: 'ASC' },
  'due-asc': { column: 'due_by', direction: 'ASC' },
};

function toRecord(row: Record<string, any>): SubjectRequestRecord {
  return {
    id: row.id, authorityId: row.authority_id, kind: row.kind, exchangeIds: row.exchange_ids, corrections: row.corrections,
    receivedAt: row.received_at, dueBy: row.due_by, state: row.state, routedTo: row.routed_to, decidedAt: row.decided_at, decisionReason: row.decision_reason,
  };
}
