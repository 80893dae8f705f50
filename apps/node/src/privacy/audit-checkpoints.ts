import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HUB_NODE, TrustStore } from '@imi/envelope';
import { Database } from '@imi/persistence';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { Outgoing } from '../messaging/outgoing';
import { AuditLog } from './audit-log';

export interface SentCheckpoint {
  messageId: string;
  sequence: number;
  headHash: string;
}

/**
 * Sends the head of the audit chain to the hub (`audit.checkpoint`), every minute
 * (`AUDIT_CHECKPOINT_INTERVAL_MS`) and on demand, so that removing the newest entries shows when
 * the log is verified against the hub's latest checkpoint. Sent even when the head has not moved:
 * the witness's time then says the chain was that long until a minute ago.
 */
@Injectable()
export class AuditCheckpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditCheckpoints.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly outgoing: Outgoing,
    private readonly trust: TrustStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.auditCheckpointIntervalMs ?? 60_000;
    this.timer = setInterval(() => void this.checkpoint().catch((error) => this.logger.error(`audit checkpoint failed: ${error.message}`)), everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Seals what is pending, then puts a checkpoint of the head in the outbox; null while the chain is empty. */
  async checkpoint(now = new Date()): Promise<SentCheckpoint | null> {
    await this.audit.seal();
    return this.db.transaction(async (tx) => {
      // One at a time: checkpoints must leave in the order of their heads, or the hub would
      // take a later one's lower head for a chain that shrank (the relay sends by outbox id).
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('audit_checkpoints'))`);
      const head = await this.audit.head(tx);
      if (!head) return null;
      const messageId = await this.outgoing.send(tx, {
        type: 'audit.checkpoint',
        // Names no exchange: the checkpoints of one node share a key, so they keep their order.
        caseId: `audit-checkpoint.${this.config.country}`,
        recipientNodes: [HUB_NODE],
        senderAuthority: null,
        legislativeArea: null,
        body: { sequence: head.sequence, headHash: head.headHash, checkpointedAt: now.getTime(), trustListVersion: this.trust.version || null },
      }, now);
      await tx.query('INSERT INTO audit_checkpoints (message_id, sequence, head_hash, sent_at) VALUES ($1, $2, $3, $4)', [messageId, head.sequence, head.headHash, now]);
      return { messageId, ...head };
    });
  }
}
