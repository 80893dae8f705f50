import { Admin, Kafka } from 'kafkajs';

/**
 * Whether the Kafka cluster answers this process, for a readiness endpoint: a metadata request
 * over an admin client of the process's own Kafka client, so with its own credentials (SASL/SCRAM)
 * and ACLs. Its answer is kept for a moment so frequent probes cost the broker nothing more; a
 * probe already under way is shared, never piled up behind a broker that does not answer.
 */
export class KafkaProbe {
  private admin: Admin | null = null;
  private last: { at: number; ready: Promise<boolean> } | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: { cacheMs?: number; timeoutMs?: number } = {},
  ) {}

  ready(now = Date.now()): Promise<boolean> {
    if (this.last && now - this.last.at < (this.options.cacheMs ?? 1000)) return this.last.ready;
    const ready = this.check();
    this.last = { at: now, ready };
    return ready;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }

  private async check(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.timeoutMs ?? 2000)));
    try {
      const answered = await Promise.race([this.describe(), timeout]);
      // A connection that failed or hangs is dropped: the next probe connects afresh.
      if (!answered) void this.close();
      return answered;
    } finally {
      clearTimeout(timer);
    }
  }

  private async describe(): Promise<boolean> {
    try {
      // No retries: the probe asks once; the next probe is the retry.
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
      const { brokers } = await this.admin.describeCluster();
      return brokers.length > 0;
    } catch {
      return false;
    }
  }
}
