import { IHeaders, Message, Partitioners, Producer } from 'kafkajs';
import { Database, Listener, prepared, Tx } from '@imi/persistence';
import { sendEveryPartition, SendOutcome } from './complete-send';
import { withPartitions } from './leader-batches';
import { PartitionLayout } from './partition-layout';
import { messageBytes, prefixWithin, SEND_BYTES_PER_TOPIC } from './record-size';

/** One message waiting in the outbox: the exact bytes and headers, already signed. */
export interface OutboxMessage {
  messageId: string;
  topic: string;
  key: string;
  value: Buffer;
  /** What the signature covers (signature protocol 2): kept when the body is erased. */
  manifest: Buffer;
  headers: Record<string, string>;
}

/** Notified on commit of every insert into the outbox, by a trigger (node migration 015). */
const NOTIFY_CHANNEL = 'outbox';

/**
 * Written in the caller's transaction, together with the state change it announces (deferred:
 * sent with the transaction's next statement). The table's trigger wakes the relay on commit.
 */
export function enqueue(tx: Tx, message: OutboxMessage): void {
  tx.defer(prepared(
    'INSERT INTO outbox_messages (message_id, topic, message_key, value, manifest, headers) VALUES ($1, $2, $3, $4, $5, $6)',
    [message.messageId, message.topic, message.key, message.value, message.manifest, message.headers],
  ));
}

interface Row {
  id: string;
  topic: string;
  message_key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows in order and marks them sent. A crash between publishing and marking
 * publishes the row again; receivers apply each message id once, so the effect is exactly once.
 */
export class OutboxRelay {
  private running = false;
  private wake: (() => void) | null = null;
  /** Set by every notification: one that came while a drain ran may announce a row it did not see. */
  private notified = false;
  private loop: Promise<void> | null = null;
  private listener: Listener | null = null;
  private readonly partitioner = Partitioners.DefaultPartitioner();

  constructor(
    private readonly db: Database,
    private readonly producer: Producer,
    /** Where each record goes: the relay chooses partitions itself to check that every one was acknowledged. */
    private readonly layout: PartitionLayout,
    private readonly options: {
      batchSize?: number;
      idleMs?: number;
      onError?: (error: Error) => void;
      /** Told when kafkajs left records of a send unsent and the relay sent them again. */
      onResent?: (outcome: SendOutcome) => void;
    } = {},
  ) {}

  async start(): Promise<void> {
    this.running = true;
    // After the database comes back, rows committed meanwhile sent no notification we heard: drain now.
    this.listener = new Listener(this.db.pool, [NOTIFY_CHANNEL], {
      onNotification: () => this.notify(),
      onReconnect: () => this.notify(),
      onError: (error) => this.options.onError?.(error),
    });
    await this.listener.start();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.close();
  }

  /** Publishes one batch; returns whether it left rows behind (a full batch, or more than one send may carry). */
  async drain(): Promise<boolean> {
    const batchSize = this.options.batchSize ?? 500;
    return this.db.transaction(async (tx) => {
      const { rows: selected } = await tx.query<Row>(
        'SELECT id, topic, message_key, value, headers FROM outbox_messages WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED',
        [batchSize],
      );
      if (selected.length === 0) return false;
      // What one send may carry (see SEND_BYTES_PER_TOPIC); the rest goes with the next drain.
      const rows = prefixWithin(selected, (r) => messageBytes({ key: r.message_key, value: r.value, headers: r.headers }), SEND_BYTES_PER_TOPIC);
      const byTopic = new Map<string, Message[]>();
      for (const row of rows) {
        const list = byTopic.get(row.topic) ?? [];
        list.push({ key: row.message_key, value: row.value, headers: row.headers as IHeaders });
        byTopic.set(row.topic, list);
      }
      try {
        const topicMessages = withPartitions([...byTopic].map(([topic, messages]) => ({ topic, messages })), await this.layout.of([...byTopic.keys()]), this.partitioner);
        const outcome = await sendEveryPartition((batch) => this.producer.sendBatch({ topicMessages: batch }), topicMessages);
        if (outcome.resent > 0) this.options.onResent?.(outcome);
      } catch (error) {
        this.layout.forget();
        throw error;
      }
      // A row whose exchange was erased while it waited loses its body once it has left (node migration 016).
      await tx.query(
        `UPDATE outbox_messages SET sent_at = now(),
           value = CASE WHEN body_erasure IS NULL THEN value END,
           body_erased_at = CASE WHEN body_erasure IS NOT NULL THEN now() END,
           signed_value_sha256 = CASE WHEN body_erasure IS NOT NULL AND manifest IS NULL THEN sha256(value) END
         WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      return selected.length === batchSize || rows.length < selected.length;
    });
  }

  private notify(): void {
    this.notified = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (this.running) {
      try {
        this.notified = false;
        const more = await this.drain();
        backoff = 100;
        // Drained to the end and told of nothing since: wait for the next commit's notification
        // (or the idle timeout) rather than ask again at once, which at moderate load cost an
        // empty transaction per message.
        if (more || this.notified) continue;
        await this.idle(this.options.idleMs ?? 1000);
      } catch (error) {
        this.options.onError?.(error as Error);
        await this.idle(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
