import { COUNTRIES, ChaosNetwork, Country } from './network';

/** An exchange as one node holds it, as far as the driver waits on it. */
export interface Seen {
  /** A request's state, or an alert's. */
  state: string;
  /** Request: the person is on this node (the addressee has it once disclosed). */
  disclosed: boolean;
  /** Alert: its current version. */
  version: number;
}

interface Waiter {
  kind: 'request' | 'alert';
  id: string;
  reached: (seen: Seen | null) => boolean;
  resolve: () => void;
}

/**
 * Watches the exchanges the driver waits on, in each node's database, in one query per node
 * and tick, instead of thousands of polling GETs: reading a request with its person through the
 * REST API writes an audit entry each time, and polling would make those most of the audit log.
 * Actions and the check of a lost answer stay on the REST API.
 */
export class ExchangeWatch {
  private readonly waiters = new Map<Country, Set<Waiter>>(COUNTRIES.map((c) => [c, new Set<Waiter>()]));
  private readonly timer: NodeJS.Timeout;
  private polling = false;

  /** When each node's reads last failed: said at most once a minute per node. */
  private readonly failedAt = new Map<Country, number>();

  constructor(private readonly network: ChaosNetwork, intervalMs = 300, private readonly log: (message: string) => void = () => undefined) {
    this.timer = setInterval(() => void this.poll(), intervalMs);
  }

  /** Resolves once `reached` holds for the exchange on the node; rejects after `timeoutMs`. */
  until(country: Country, kind: 'request' | 'alert', id: string, reached: (seen: Seen | null) => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const set = this.waiters.get(country)!;
      const timeout = setTimeout(() => {
        set.delete(waiter);
        reject(new Error(`${what} (${kind} ${id} at ${country}) not seen within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const waiter: Waiter = {
        kind, id, reached, resolve: () => {
          clearTimeout(timeout);
          set.delete(waiter);
          resolve();
        },
      };
      set.add(waiter);
    });
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await Promise.all(COUNTRIES.map((c) => this.pollNode(c).catch((error: Error) => this.failed(c, error))));
    } finally {
      this.polling = false;
    }
  }

  private async pollNode(country: Country): Promise<void> {
    const waiting = [...this.waiters.get(country)!];
    if (waiting.length === 0) return;
    const db = this.network.node(country).db;
    const requestIds = waiting.filter((w) => w.kind === 'request').map((w) => w.id);
    const alertIds = waiting.filter((w) => w.kind === 'alert').map((w) => w.id);
    const seen = new Map<string, Seen>();
    if (requestIds.length > 0) {
      for (const r of await db.query<{ id: string; state: string; disclosed: boolean }>(
        `SELECT r.id, r.state, EXISTS (SELECT 1 FROM request_subjects s WHERE s.request_id = r.id) AS disclosed
           FROM requests r WHERE r.id = ANY($1::uuid[])`, [requestIds])) seen.set(r.id, { state: r.state, disclosed: r.disclosed, version: 0 });
    }
    if (alertIds.length > 0) {
      for (const a of await db.query<{ id: string; state: string; version: number }>('SELECT id, state, version FROM alerts WHERE id = ANY($1::uuid[])', [alertIds])) {
        seen.set(a.id, { state: a.state, disclosed: false, version: a.version });
      }
    }
    for (const w of waiting) if (w.reached(seen.get(w.id) ?? null)) w.resolve();
  }

  /** A failed read is tried again at the next tick (its database may be down: a fault); said, so a long failure is seen. */
  private failed(country: Country, error: Error): void {
    if (Date.now() - (this.failedAt.get(country) ?? 0) < 60_000) return;
    this.failedAt.set(country, Date.now());
    this.log(`watch: reading node ${country}'s database failed (tried again every tick): ${error.message}`);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
