import { Injectable } from '@nestjs/common';
import { Position } from '@imi/domain';
import { Conditions, Database, pageQuery, SortOrder, Tx } from '@imi/persistence';
import { EarlyDeletionSort, ListEarlyDeletionsQuery } from './rights-list.dto';

export type EarlyDeletionRecordState = 'proposed' | 'agreed' | 'refused' | 'executed';

export interface EarlyDeletionRecord {
  id: string;
  exchangeId: string;
  role: 'proposer' | 'participant';
  proposerNode: string;
  authorityId: string;
  reason: string;
  state: EarlyDeletionRecordState;
  proposedAt: Date;
  endedAt: Date | null;
  orderMessageId: string | null;
}

export interface AnswerRecord {
  node: string;
  agree: boolean;
  reason: string | null;
  answeredAt: Date;
  /** Proposer's side: when the participant applied the deletion order (its signed receipt). */
  deletedAt: Date | null;
}

@Injectable()
export class EarlyDeletionRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Tx, r: EarlyDeletionRecord): Promise<void> {
    await tx.query(
      `INSERT INTO early_deletions (id, exchange_id, role, proposer_node, authority_id, reason, state, proposed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [r.id, r.exchangeId, r.role, r.proposerNode, r.authorityId, r.reason, r.state, r.proposedAt],
    );
  }

  async pendingFor(tx: Tx, exchangeId: string): Promise<boolean> {
    const { rows } = await tx.query(`SELECT 1 FROM early_deletions WHERE exchange_id = $1 AND state IN ('proposed', 'agreed')`, [exchangeId]);
    return rows.length > 0;
  }

  async lock(tx: Tx, id: string): Promise<EarlyDeletionRecord | null> {
    const { rows } = await tx.query('SELECT * FROM early_deletions WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async find(id: string): Promise<EarlyDeletionRecord | null> {
    const [row] = await this.db.query('SELECT * FROM early_deletions WHERE id = $1', [id]);
    return row ? toRecord(row) : null;
  }

  /** One page of the authority's early deletions, filtered and sorted in SQL (keyset: `limit + 1` rows). */
  async page(authorityId: string, filter: ListEarlyDeletionsQuery, sort: EarlyDeletionSort, after: Position | null, limit: number): Promise<(EarlyDeletionRecord & { pageKey: string })[]> {
    const conditions = new Conditions(['authority_id = $1'], [authorityId])
      .add((n) => `state = ${n}`, filter.state)
      .add((n) => `role = ${n}`, filter.role)
      .add((n) => `exchange_id = ${n}`, filter.exchangeId)
      .add((n) => `proposed_at >= ${n}`, filter.proposedFrom)
      .add((n) => `proposed_at < ${n}`, filter.proposedBefore);
    const order: SortOrder = { column: 'proposed_at', direction: sort === 'proposed-asc' ? 'ASC' : 'DESC' };
    const query = pageQuery('SELECT * FROM early_deletions', conditions, order, after, limit);
    const rows = await this.db.query<Record<string, any>>(query.text, query.values);
    return rows.map((row) => ({ ...toRecord(row), pageKey: row.page_key }));
  }

  async setState(tx: Tx, id: string, state: EarlyDeletionRecordState, at: Date | null, orderMessageId: string | null = null): Promise<void> {
    await tx.query('UPDATE early_deletions SET state = $2, ended_at = $3, order_message_id = COALESCE($4, order_message_id) WHERE id = $1', [id, state, at, orderMessageId]);
  }

  async addAnswer(tx: Tx, id: string, a: { node: string; agree: boolean; reason: string | null; answeredAt: Date }): Promise<boolean> {
    const { rowCount } = await tx.query(
      'INSERT INTO early_deletion_answers (deletion_id, node, agree, reason, answered_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [id, a.node, a.agree, a.reason, a.answeredAt],
    );
    return rowCount === 1;
  }

  async answers(id: string, tx?: Tx): Promise<AnswerRecord[]> {
    const sql = `SELECT a.node, a.agree, a.reason, a.answered_at, d.delivered_at
                 FROM early_deletion_answers a JOIN early_deletions e ON e.id = a.deletion_id
                 LEFT JOIN deliveries d ON d.message_id = e.order_message_id AND d.recipient_node = a.node
                 WHERE a.deletion_id = $1 ORDER BY a.node`;
    const rows = tx ? (await tx.query(sql, [id])).rows : await this.db.query(sql, [id]);
    return rows.map((r) => ({ node: r.node, agree: r.agree, reason: r.reason, answeredAt: r.answered_at, deletedAt: r.delivered_at }));
  }
}

function toRecord(row: Record<string, any>): EarlyDeletionRecord {
  return {
    id: row.id, exchangeId: row.exchange_id, role: row.role, proposerNode: row.proposer_node, authorityId: row.authority_id, reason: row.reason,
    state: row.state, proposedAt: row.proposed_at, endedAt: row.ended_at, orderMessageId: row.order_message_id,
  };
}
