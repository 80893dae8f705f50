import { Controller, Get, OnModuleInit, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Response } from 'express';
import { Database, DatabaseProbe } from '@imi/persistence';
import { RoutingConsumer } from '../routing/routing.consumer';

@Controller('health')
export class HealthController implements OnModuleInit {
  private readonly database: DatabaseProbe;
  private routing: RoutingConsumer | null = null;

  constructor(
    db: Database,
    private readonly modules: ModuleRef,
  ) {
    this.database = new DatabaseProbe(db, { cacheMs: 1000, timeoutMs: 1000 });
  }

  onModuleInit(): void {
    // The router belongs to the routing module, which keeps it to itself: looked up, not injected.
    this.routing = this.modules.get(RoutingConsumer, { strict: false });
  }

  /** Liveness: the process answers. */
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the hub's database answers and its router is in its consumer group; otherwise
   * 503 with problem details (RFC 9457) naming what is not ready.
   */
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const notReady: string[] = [];
    if (!(await this.database.ready())) notReady.push('database');
    if (!this.routing?.ready) notReady.push('kafka');
    if (notReady.length === 0) {
      response.status(200).json({ status: 'ready' });
      return;
    }
    const problem = { type: 'urn:imi:problem:not-ready', title: 'not ready', status: 503, detail: `not ready: ${notReady.join(', ')}`, notReady };
    response.status(503).type('application/problem+json').send(JSON.stringify(problem));
  }
}
