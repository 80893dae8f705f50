import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database, Listener } from '@imi/persistence';
import { InjectNodeConfig } from '../core.module';
import type { NodeConfig } from '../config';
import { AuditLog } from '../privacy/audit-log';
import { CommandExecutor } from './command.executor';
import { Contract } from './contract';
import { BackOfficeTransport, CommandInput } from './back-office.transport';
import { noticeApproachingDeadlines } from './deadline.watch';
import { EventPublisher } from './event.publisher';
import { OPERATIONS } from './operations';
import { SystemsRepository } from './systems.repository';

/**
 * Starts and stops the bridge with the node when AMQP_URL is set: the command transport (one
 * message pattern per operation), the event publisher woken by the outbox's notifications and
 * a timer (which also picks up systems added while the node runs).
 */
@Injectable()
export class BackOfficeBridge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BackOfficeBridge');
  private transport?: BackOfficeTransport;
  private publisher?: EventPublisher;
  private listener?: Listener;
  private timer?: NodeJS.Timeout;
  private lastDeadlineCheck = 0;

  constructor(
    @InjectNodeConfig() private readonly config: NodeConfig,
    private readonly db: Database,
    private readonly contract: Contract,
    private readonly executor: CommandExecutor,
    private readonly systems: SystemsRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Whether the bridge holds a connection to its broker (false before it first connects), for the readiness probe. */
  get connected(): boolean {
    return this.transport?.connected ?? false;
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.backOffice;
    if (!settings) return;
    const transport = new BackOfficeTransport(settings.amqpUrl, this.contract, () => this.systems.active());
    for (const name of Object.keys(OPERATIONS)) {
      transport.addHandler(name, (input: CommandInput) => this.executor.execute(input.system, input.command));
    }
    this.transport = transport;
    this.publisher = new EventPublisher(this.db, transport, this.audit, this.config.country);
    transport.listen(() => undefined);
    // Events written while the database connection was lost notified nobody: drain once it is back (the timer would, later).
    this.listener = new Listener(this.db.pool, ['back_office_events'], {
      onNotification: () => void this.publisher?.drain(),
      onReconnect: () => void this.publisher?.drain(),
      onError: (error) => this.logger.warn(`events listener lost, reconnecting: ${error.message}`),
    });
    await this.listener.start();
    this.timer = setInterval(() => void this.tick(), settings.eventsPollMs);
    void transport.ensureConnected().then(() => this.publisher?.drain());
  }

  private async tick(): Promise<void> {
    try {
      await this.transport?.ensureConnected();
      await this.transport?.refreshSystems();
      const settings = this.config.backOffice!;
      if (Date.now() - this.lastDeadlineCheck >= settings.deadlineCheckMs) {
        this.lastDeadlineCheck = Date.now();
        await noticeApproachingDeadlines(this.db);
      }
      await this.publisher?.drain();
    } catch (error) {
      this.logger.warn(`bridge tick: ${(error as Error).message}`);
    }
  }

  /** Publishes the waiting events now (tests, and a system added by hand). */
  async flush(): Promise<void> {
    await this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.listener?.close();
    await this.transport?.close();
  }
}
