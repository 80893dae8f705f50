import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { addMonths, dueClosures, RetentionPeriods, retentionStep, USER_DATA_DELETE_AFTER_MONTHS, userDataStep } from '@imi/domain';
import { TrustStore } from '@imi/envelope';
import { NodeMetrics } from '@imi/metrics';
import { Database, Tx } from '@imi/persistence';
import { AuditLog } from './audit-log';
import { EpochKeyDestruction } from '../trust/epoch-key-destruction';
import { eraseMessageBodies, sweepMessageBodies } from './message-copies';
import { deleteExchangePersonalData, deleteUserPersonalData } from './personal-data';

/** Used for an area the trust list does not (yet) describe: the general rule. */
const DEFAULT_PERIODS: RetentionPeriods = { blockAfterMonths: 6, deleteAfterMonths: 36 };

interface Cursor {
  closed: string;
  id: string;
}

export interface RetentionRun {
  blocked: number;
  deleted: number;
  /** Former users whose own data was deleted (it is blocked from deactivation). */
  usersDeleted?: number;
  /** Stored message copies that arrived or left after their exchange's data went, and lost their bodies in this run. */
  bodiesErased?: number;
  /** This node's epoch keys destroyed in this run: expired longer ago than Kafka keeps a sealed copy. */
  keysDestroyed?: string[];
}

/**
 * Blocks and deletes personal data on the schedule of each exchange's legislative area, counted
 * from formal closure. Each batch is one transaction (exchanges locked, skipped if locked
 * elsewhere), so a run is idempotent and a crash mid-run loses nothing: the next run picks up
 * what is still due. `runOnce(now)` takes the clock as an argument; tests move it.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly trust: TrustStore,
    private readonly audit: AuditLog,
    private readonly epochKeys: EpochKeyDestruction,
    private readonly metrics: NodeMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Number(process.env.RETENTION_INTERVAL_MS ?? 3_600_000);
    this.timer = setInterval(() => void this.runOnce(new Date()).catch((error) => this.logger.error(`retention run failed: ${error.message}`)), everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One run of the schedule, counted in the node's metrics (completed or failed, exchanges blocked and deleted). */
  async runOnce(now: Date, batchSize = 100): Promise<RetentionRun> {
    try {
      const run = await this.run(now, batchSize);
      this.metrics.retentionCompleted(run);
      return run;
    } catch (error) {
      this.metrics.retentionFailed();
      throw error;
    }
  }

  private async run(now: Date, batchSize: number): Promise<RetentionRun> {
    const total: RetentionRun = { blocked: 0, deleted: 0 };
    // Only exchanges some area's periods may make due are read: over a long history most are blocked and wait for deletion.
    const due = dueClosures([DEFAULT_PERIODS, ...this.trust.legislativeAreas()], now);
    for (const kind of ['requests', 'alerts'] as const) {
      // A cursor over (closure, id): every batch moves on, even one whose exchanges all stay as they are.
      let after: Cursor = { closed: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
      for (;;) {
        const batch = await this.db.transaction((tx) => this.batch(tx, kind, now, due, batchSize, after));
        total.blocked += batch.blocked;
        total.deleted += batch.deleted;
        if (!batch.last || batch.examined < batchSize) break;
        after = batch.last;
      }
    }
    const usersDeleted = await this.formerUsers(now, batchSize);
    const bodiesErased = await sweepMessageBodies(this.db, now);
    const keysDestroyed = this.epochKeys.destroyExpired(now);
    for (const kid of keysDestroyed) {
      await this.audit.record({ actor: 'retention', action: 'delete', exchangeId: `key:${kid}`, dataCategory: 'encryption epoch key', purpose: 'past its period and the sealed topics\' retention' });
    }
    if (total.blocked + total.deleted + usersDeleted + bodiesErased + keysDestroyed.length > 0) {
      this.logger.log(`retention: ${total.blocked} exchanges blocked, ${total.deleted} deleted; ${usersDeleted} former users' data deleted; `
        + `${bodiesErased} late message copies lost their bodies; ${keysDestroyed.length} epoch keys destroyed`);
    }
    return { ...total, ...(usersDeleted > 0 ? { usersDeleted } : {}), ...(bodiesErased > 0 ? { bodiesErased } : {}), ...(keysDestroyed.length > 0 ? { keysDestroyed } : {}) };
  }

  /** Former users' own data, 3 years after deactivation; in batches, each its own transaction. */
  private async formerUsers(now: Date, size: number): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string; deactivated_at: Date }>(
          `SELECT id, deactivated_at FROM users WHERE deactivated_at IS NOT NULL AND personal_data_deleted_at IS NULL AND deactivated_at <= $1
           ORDER BY deactivated_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          // A month of slack for month ends; userDataStep decides exactly.
          [addMonths(now, 1 - USER_DATA_DELETE_AFTER_MONTHS), size],
        );
        let count = 0;
        for (const row of rows) {
          if (userDataStep({ deactivatedAt: row.deactivated_at, deletedAt: null }, now) !== 'delete') continue;
          await deleteUserPersonalData(tx, row.id, now);
          await this.audit.append(tx, { actor: 'retention', action: 'delete', exchangeId: `user:${row.id}`, dataCategory: 'user account', purpose: 'retention period reached' }, now);
          count++;
        }
        return { count, examined: rows.length };
      });
      total += deleted.count;
      if (deleted.examined < size || deleted.count === 0) return total;
    }
  }

  private async batch(
    tx: Tx, kind: 'requests' | 'alerts', now: Date, due: ReturnType<typeof dueClosures>, size: number, after: Cursor,
  ): Promise<RetentionRun & { examined: number; last: Cursor | null }> {
    const closed = kind === 'requests' ? 'closed_at' : 'ended_at';
    // The cursor keeps Postgres's own text of the time: a JavaScript Date would drop the microseconds.
    const { rows } = await tx.query<{ id: string; legislative_area: string; closed: Date; closed_text: string; blocked_at: Date | null }>(
      `SELECT id, legislative_area, ${closed} AS closed, ${closed}::text AS closed_text, blocked_at FROM ${kind}
       WHERE ${closed} IS NOT NULL AND ${closed} <= $1 AND personal_data_deleted_at IS NULL AND (${closed}, id) > ($3::timestamptz, $4::uuid)
         AND (${closed} <= $5 OR (blocked_at IS NULL AND ${closed} <= $6))
       ORDER BY ${closed}, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, size, after.closed, after.id, due.deleteClosedBy, due.blockClosedBy],
    );
    const lastRow = rows[rows.length - 1];
    const result = { blocked: 0, deleted: 0, examined: rows.length, last: lastRow ? { closed: lastRow.closed_text, id: lastRow.id } : null };
    for (const row of rows) {
      const area = this.trust.legislativeArea(row.legislative_area) ?? DEFAULT_PERIODS;
      const step = retentionStep({ closedAt: row.closed, blockedAt: row.blocked_at, deletedAt: null }, area, now);
      if (step === 'keep') continue;
      if (step === 'delete') {
        await deleteExchangePersonalData(tx, kind, row.id, now, { reason: 'retention-deletion', decision: null, decidedBy: null });
        result.deleted++;
      } else {
        await tx.query(`UPDATE ${kind} SET blocked_at = $2 WHERE id = $1`, [row.id, now]);
        // Blocked data stays readable only through the audited retrieval, from its tables: the stored copies lose their bodies now.
        eraseMessageBodies(tx, row.id, { reason: 'retention-blocking', decision: null, decidedBy: null }, now);
        result.blocked++;
      }
      await this.audit.append(tx, { actor: 'retention', action: step, exchangeId: row.id, dataCategory: 'all personal data', purpose: 'retention period reached' }, now);
    }
    return result;
  }
}
