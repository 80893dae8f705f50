import { Injectable } from '@nestjs/common';
import { Database, DatabaseProbe } from '@imi/persistence';
import { InboxConsumer } from '../messaging/inbox.consumer';

export type ReadinessCheck = 'database' | 'kafka';

/** What the node needs to do its work: its database answering, and its inbox consumer in its group. */
@Injectable()
export class NodeReadiness {
  private readonly database: DatabaseProbe;

  constructor(
    db: Database,
    private readonly inbox: InboxConsumer,
  ) {
    this.database = new DatabaseProbe(db, { cacheMs: 1000, timeoutMs: 1000 });
  }

  /** The checks that fail now; none when the node is ready. */
  async notReady(): Promise<ReadinessCheck[]> {
    const failing: ReadinessCheck[] = [];
    if (!(await this.database.ready())) failing.push('database');
    if (!this.inbox.ready) failing.push('kafka');
    return failing;
  }
}
