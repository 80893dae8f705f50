import { Notification, Pool, PoolClient } from 'pg';
import { Backoff } from './backoff';

export interface ListenerHandlers {
  /** A NOTIFY on one of the channels. */
  onNotification(notification: Notification): void;
  /**
   * Called after the listener connected again following a lost connection: notifications sent
   * while it was down are lost, so the caller catches up (drains, republishes) here.
   */
  onReconnect?(): void;
  /** The connection was lost, or reconnecting failed (it will try again). */
  onError?(error: Error): void;
}

/**
 * A LISTEN connection that survives the database going away: a held pool client would emit an
 * unhandled 'error' on a server restart (57P01) and crash the process. This one drops the
 * broken client, connects again with backoff, LISTENs again and fires onReconnect.
 */
export class Listener {
  /** Releases the live connection for good; null while there is none. */
  private drop: (() => void) | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;

  constructor(
    private readonly pool: Pool,
    private readonly channels: string[],
    private readonly handlers: ListenerHandlers,
    options: { minDelayMs?: number; maxDelayMs?: number } = {},
  ) {
    for (const channel of channels) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    }
    this.backoff = new Backoff(options.minDelayMs ?? 100, options.maxDelayMs ?? 5000);
  }

  /** Connects and LISTENs; the first connection's failure is thrown (the process is starting). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Whether the LISTEN connection is up now. */
  get connected(): boolean {
    return this.drop !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.drop?.();
  }

  private async connect(): Promise<void> {
    const client: PoolClient = await this.pool.connect();
    let released = false;
    let established = false;
    const release = (error: Error | true) => {
      if (released) return;
      released = true;
      this.drop = null;
      client.off('notification', this.handlers.onNotification);
      // Released as broken, not UNLISTENed: the pool closes it at once, so pool.end() never waits for it.
      client.release(error);
    };
    // Stays attached for the client's life: a pg client may emit 'error' more than once, and 'end' after it.
    const onLost = (error: Error) => {
      if (released) return;
      release(error);
      // A failure while setting up is the caller's to report and retry; only a lost live connection is handled here.
      if (!established || this.closed) return;
      this.handlers.onError?.(error);
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    // A connection ended by the server without an error is as lost.
    client.on('end', () => onLost(new Error('listener connection ended')));
    client.on('notification', this.handlers.onNotification);
    try {
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      release(error as Error);
      throw error;
    }
    if (released) throw new Error('listener connection lost while it was set up');
    if (this.closed) return release(true);
    established = true;
    this.drop = () => release(true);
    this.backoff.reset();
  }

  private scheduleReconnect(): void {
    if (this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.closed) return;
      this.connect().then(
        () => {
          if (!this.closed) this.handlers.onReconnect?.();
        },
        (error: Error) => {
          this.handlers.onError?.(error);
          this.scheduleReconnect();
        },
      );
    }, this.backoff.next());
  }
}
