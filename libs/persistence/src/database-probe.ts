import { Database } from './database';

/**
 * Whether the database answers, for a readiness endpoint: one `SELECT 1` with a short timeout,
 * its answer kept for a moment so frequent probes cost the database nothing more.
 */
export class DatabaseProbe {
  private last: { at: number; ready: Promise<boolean> } | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: { cacheMs?: number; timeoutMs?: number } = {},
  ) {}

  ready(now = Date.now()): Promise<boolean> {
    if (this.last && now - this.last.at < (this.options.cacheMs ?? 1000)) return this.last.ready;
    const ready = this.check();
    this.last = { at: now, ready };
    return ready;
  }

  private async check(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.timeoutMs ?? 1000)));
    try {
      return await Promise.race([this.db.query('SELECT 1').then(() => true, () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
