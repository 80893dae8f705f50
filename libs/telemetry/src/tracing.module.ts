import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from './tracing';

@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  /** The spans of the last seconds before a stop are exported, not lost with the batch. */
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}

/** Ends tracing with the application (nothing to do where main.ts did not start it). */
@Module({ providers: [TracingShutdown] })
export class TracingModule {}
