import { Injectable } from '@nestjs/common';
import { AuditEntry, auditHash, ChainBreak, GENESIS_HASH, verifyAuditChain } from '@imi/domain';
import { Database, Tx } from '@imi/persistence';

export type AuditRecord = Omit<AuditEntry, 'seq' | 'at'>;

/** Appends to and verifies the node's hash-chained audit log. */
@Injectable()
export class AuditLog {
  constructor(private readonly db: Database) {}

  /** Appends in the caller's transaction, so the record exists if and only if the access happened. */
  async append(tx: Tx, record: AuditRecord, at = new Date()): Promise<void> {
    // One writer at a time: each entry chains onto the one before it.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('audit_log'))`);
    const { rows } = await tx.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const previousHash = rows[0]?.hash ?? GENESIS_HASH;
    const entry: AuditEntry = { ...record, seq: Number(rows[0]?.seq ?? 0) + 1, at: at.toISOString() };
    await tx.query(
      `INSERT INTO audit_log (seq, at, actor, action, exchange_id, data_category, purpose, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [entry.seq, entry.at, entry.actor, entry.action, entry.exchangeId, entry.dataCategory, entry.purpose, previousHash, auditHash(entry, previousHash)],
    );
  }

  async record(record: AuditRecord): Promise<void> {
    await this.db.transaction((tx) => this.append(tx, record));
  }

  /** Null when every entry is intact; else the first entry that was changed or removed. */
  async verify(): Promise<{ entries: number; firstBreak: ChainBreak | null }> {
    const rows = await this.db.query<{ seq: string; at: Date; actor: string; action: AuditEntry['action']; exchange_id: string; data_category: string; purpose: string; previous_hash: string; hash: string }>(
      'SELECT * FROM audit_log ORDER BY seq',
    );
    const entries = rows.map((r) => ({
      seq: Number(r.seq), at: r.at.toISOString(), actor: r.actor, action: r.action, exchangeId: r.exchange_id, dataCategory: r.data_category,
      purpose: r.purpose, previousHash: r.previous_hash, hash: r.hash,
    }));
    return { entries: entries.length, firstBreak: verifyAuditChain(entries) };
  }
}
