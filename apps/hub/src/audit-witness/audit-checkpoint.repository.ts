import { Injectable } from '@nestjs/common';
import { ChainCheckpoint } from '@imi/domain';
import { Database, Tx } from '@imi/persistence';

/** The latest audit checkpoint the hub witnessed for one node. */
export interface WitnessedCheckpoint extends ChainCheckpoint {
  node: string;
  checkpointedAt: Date;
  witnessedAt: Date;
  messageId: string;
  nodeSignature: string;
  /** The trust list version the node had in force (its acknowledgement), when it said. */
  trustListVersion?: number | null;
}

/** How long applied message ids are kept: far longer than a batch takes to be consumed again. */
const REMEMBER_MESSAGES = '7 days';

@Injectable()
export class AuditCheckpointRepository {
  constructor(private readonly db: Database) {}

  async latest(node: string, tx?: Tx): Promise<WitnessedCheckpoint | null> {
    const sql = `SELECT * FROM audit_checkpoints WHERE node = $1${tx ? ' FOR UPDATE' : ''}`;
    const rows = tx ? (await tx.query(sql, [node])).rows : await this.db.query(sql, [node]);
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  async all(): Promise<WitnessedCheckpoint[]> {
    return (await this.db.query('SELECT * FROM audit_checkpoints ORDER BY node')).map(toCheckpoint);
  }

  /** Records the message as applied; false when it was applied before. */
  async markApplied(tx: Tx, messageId: string, node: string, at: Date): Promise<boolean> {
    const { rowCount } = await tx.query(
      'INSERT INTO audit_checkpoint_messages (message_id, node, witnessed_at) VALUES ($1, $2, $3) ON CONFLICT (message_id) DO NOTHING',
      [messageId, node, at],
    );
    await tx.query(`DELETE FROM audit_checkpoint_messages WHERE node = $1 AND witnessed_at < $2::timestamptz - interval '${REMEMBER_MESSAGES}'`, [node, at]);
    return rowCount === 1;
  }

  async save(tx: Tx, c: WitnessedCheckpoint): Promise<void> {
    await tx.query(
      `INSERT INTO audit_checkpoints (node, sequence, head_hash, checkpointed_at, witnessed_at, message_id, node_signature, trust_list_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (node) DO UPDATE SET sequence = EXCLUDED.sequence, head_hash = EXCLUDED.head_hash, checkpointed_at = EXCLUDED.checkpointed_at,
         witnessed_at = EXCLUDED.witnessed_at, message_id = EXCLUDED.message_id, node_signature = EXCLUDED.node_signature,
         trust_list_version = EXCLUDED.trust_list_version`,
      [c.node, c.sequence, c.headHash, c.checkpointedAt, c.witnessedAt, c.messageId, c.nodeSignature, c.trustListVersion ?? null],
    );
  }
}

function toCheckpoint(row: Record<string, any>): WitnessedCheckpoint {
  return {
    node: row.node, sequence: Number(row.sequence), headHash: row.head_hash, checkpointedAt: row.checkpointed_at, witnessedAt: row.witnessed_at,
    messageId: row.message_id, nodeSignature: row.node_signature, trustListVersion: row.trust_list_version === null || row.trust_list_version === undefined ? null : Number(row.trust_list_version),
  };
}
