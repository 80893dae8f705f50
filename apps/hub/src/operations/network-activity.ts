import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '@imi/persistence';
import type { RoutingOutcome } from '../routing/router';
import { ActivityTally } from './activity-tally';

/** How often what the router did is written: at most one write per table per second, whatever the traffic. */
const FLUSH_MS = 1000;
/** Rejection counts older than this are dropped (the view shows the last hour). */
const KEEP_REJECTIONS = '1 day';

/** One routed batch's outcomes, counted once its Kafka transaction committed. */
export interface RoutedBatch {
  add(outcome: RoutingOutcome): void;
  /** The batch's transaction committed: its outcomes count. */
  committed(): void;
}

/**
 * Records, per member state, the newest message the hub saw from it and routed to it and the
 * rejections of its messages by code, for the operator's view. The router's cost is an addition
 * to a tally in memory; the tally goes to the database once a second in one statement per table.
 */
@Injectable()
export class NetworkActivity implements OnApplicationShutdown {
  private readonly logger = new Logger(NetworkActivity.name);
  private pending = new ActivityTally();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private lastPrune = 0;
  /** Set while writes fail (the database is away): warned once per outage, not at every try. */
  private failing = false;

  constructor(private readonly db: Database) {}

  /** A tally for one batch, added to what is pending only when the batch committed (a fenced batch is routed again elsewhere). */
  batch(now = new Date()): RoutedBatch {
    const tally = new ActivityTally();
    return {
      add: (outcome) => tally.add(outcome, now),
      committed: () => {
        if (tally.empty) return;
        this.pending.merge(tally);
        this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
      },
    };
  }

  /** Writes what is pending; a write that fails is kept and tried again with the next. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    this.timer = null;
    const tally = this.pending;
    if (tally.empty) return;
    this.pending = new ActivityTally();
    const { sent, received, rejections } = tally.rows();
    try {
      await this.db.transaction(async (tx) => {
        if (sent.length > 0 || received.length > 0) {
          const nodes = [...new Set([...sent.map((s) => s.node), ...received.map((r) => r.node)])];
          await tx.query(
            `INSERT INTO member_state_activity AS a (node, last_sent_at, last_sent_type, last_received_at)
             SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::timestamptz[])
             ON CONFLICT (node) DO UPDATE SET
               last_sent_type = CASE WHEN EXCLUDED.last_sent_at >= a.last_sent_at OR a.last_sent_at IS NULL THEN COALESCE(EXCLUDED.last_sent_type, a.last_sent_type) ELSE a.last_sent_type END,
               last_sent_at = GREATEST(a.last_sent_at, EXCLUDED.last_sent_at),
               last_received_at = GREATEST(a.last_received_at, EXCLUDED.last_received_at)`,
            [
              nodes,
              nodes.map((n) => sent.find((s) => s.node === n)?.at ?? null),
              nodes.map((n) => sent.find((s) => s.node === n)?.type ?? null),
              nodes.map((n) => received.find((r) => r.node === n)?.at ?? null),
            ],
          );
        }
        if (rejections.length > 0) {
          await tx.query(
            `INSERT INTO member_state_rejections AS r (node, code, minute, count)
             SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[])
             ON CONFLICT (node, minute, code) DO UPDATE SET count = r.count + EXCLUDED.count`,
            [rejections.map((r) => r.node), rejections.map((r) => r.code), rejections.map((r) => r.minute), rejections.map((r) => r.count)],
          );
          if (Date.now() - this.lastPrune > 600_000) {
            await tx.query(`DELETE FROM member_state_rejections WHERE minute < now() - interval '${KEEP_REJECTIONS}'`);
            this.lastPrune = Date.now();
          }
        }
      });
      if (this.failing) this.logger.log('network activity recorded again');
      this.failing = false;
    } catch (error) {
      // The database is away (a restart): kept for the next write rather than lost.
      tally.merge(this.pending);
      this.pending = tally;
      this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
      if (!this.failing) this.logger.warn(`network activity not recorded yet, kept to try again: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
