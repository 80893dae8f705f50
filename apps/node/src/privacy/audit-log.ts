import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditEntry, auditHash, ChainBreak, ChainCheckpoint, compareWithWitness, GENESIS_HASH, verifyAuditChain, WitnessVerdict } from '@imi/domain';
import { Database, prepared, Tx } from '@imi/persistence';

export type AuditRecord = Omit<AuditEntry, 'seq' | 'at'>;

interface Row {
  id: string;
  at: Date;
  actor: string;
  action: AuditEntry['action'];
  exchange_id: string;
  data_category: string;
  purpose: string;
  seq: string | null;
  previous_hash: string | null;
  hash: string | null;
}

/**
 * The node's audit log. `append` writes an entry in the caller's transaction, so it exists if
 * and only if the access happened, without a lock: writers never queue behind each other.
 * `seal` chains new entries in order, one sealer at a time, every second. An entry is
 * tamper-evident from its sealing on.
 */
@Injectable()
export class AuditLog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditLog.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database) {}

  onApplicationBootstrap(): void {
    const everyMs = Number(process.env.AUDIT_SEAL_INTERVAL_MS ?? 1000);
    this.timer = setInterval(() => void this.seal().catch((error) => this.logger.error(`audit sealing failed: ${error.message}`)), everyMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.seal().catch(() => undefined);
  }

  /** Deferred: sent with the transaction's next statement, or as its only one. */
  append(tx: Tx, record: AuditRecord, at = new Date()): void {
    tx.defer(prepared(
      'INSERT INTO audit_log (at, actor, action, exchange_id, data_category, purpose) VALUES ($1, $2, $3, $4, $5, $6)',
      [at, record.actor, record.action, record.exchangeId, record.dataCategory, record.purpose],
    ));
  }

  async record(record: AuditRecord): Promise<void> {
    await this.db.transaction(async (tx) => this.append(tx, record));
  }

  /** Chains every entry not yet sealed, in the order written; returns how many. */
  async seal(batch = 1000): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('audit_log'))`);
        const { rows: [last] } = await tx.query<{ seq: string; hash: string }>('SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1');
        const { rows } = await tx.query<Row>('SELECT * FROM audit_log WHERE seq IS NULL ORDER BY id LIMIT $1', [batch]);
        if (rows.length === 0) return 0;
        let seq = Number(last?.seq ?? 0);
        let previousHash = last?.hash ?? GENESIS_HASH;
        const sealed = { ids: [] as string[], seqs: [] as number[], previousHashes: [] as string[], hashes: [] as string[] };
        for (const row of rows) {
          const entry = toEntry(row, ++seq);
          const hash = auditHash(entry, previousHash);
          sealed.ids.push(row.id);
          sealed.seqs.push(seq);
          sealed.previousHashes.push(previousHash);
          sealed.hashes.push(hash);
          previousHash = hash;
        }
        // One statement for the whole batch: the node seals hundreds of entries a second under load.
        await tx.query(
          `UPDATE audit_log SET seq = s.seq, previous_hash = s.previous_hash, hash = s.hash
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS s(id, seq, previous_hash, hash)
           WHERE audit_log.id = s.id`,
          [sealed.ids, sealed.seqs, sealed.previousHashes, sealed.hashes],
        );
        return rows.length;
      });
      total += sealed;
      if (sealed < batch) return total;
    }
  }

  /** The last sealed entry's position and hash (what a checkpoint tells the hub), or null before the first. */
  async head(tx?: Tx): Promise<ChainCheckpoint | null> {
    const sql = 'SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1';
    const [last] = tx ? (await tx.query<{ seq: string; hash: string }>(sql)).rows : await this.db.query<{ seq: string; hash: string }>(sql);
    return last ? { sequence: Number(last.seq), headHash: last.hash } : null;
  }

  /**
   * Checks every sealed entry: null when intact, else the first one changed or removed; and,
   * given the latest checkpoint the hub witnessed, whether the chain still holds that head.
   */
  async verify(): Promise<{ entries: number; pending: number; firstBreak: ChainBreak | null }>;
  async verify(witness: ChainCheckpoint): Promise<{ entries: number; pending: number; firstBreak: ChainBreak | null; witness: WitnessVerdict }>;
  async verify(witness?: ChainCheckpoint): Promise<{ entries: number; pending: number; firstBreak: ChainBreak | null; witness?: WitnessVerdict }> {
    const rows = await this.db.query<Row>('SELECT * FROM audit_log ORDER BY seq NULLS LAST, id');
    const sealed = rows.filter((r) => r.seq !== null);
    const chain = sealed.map((r) => ({ ...toEntry(r, Number(r.seq)), previousHash: r.previous_hash!, hash: r.hash! }));
    const result = { entries: sealed.length, pending: rows.length - sealed.length, firstBreak: verifyAuditChain(chain) };
    return witness ? { ...result, witness: compareWithWitness(chain, witness) } : result;
  }
}

function toEntry(row: Row, seq: number): AuditEntry {
  return {
    seq, at: row.at.toISOString(), actor: row.actor, action: row.action, exchangeId: row.exchange_id, dataCategory: row.data_category, purpose: row.purpose,
  };
}
