import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CATALOGUE_TYPE, verifyHubDocument } from '@imi/envelope';
import { CATALOGUE_KEY } from '@imi/messaging';
import { BroadcastReader, firstArrival } from '../broadcast/broadcast-reader';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { CatalogueStore } from './catalogue.store';

/**
 * The hub's signed question catalogue (read by BroadcastConsumer). A node that has a cached
 * catalogue starts at once; a new node waits for one.
 */
@Injectable()
export class CatalogueReader implements BroadcastReader, OnModuleInit {
  readonly key = CATALOGUE_KEY;
  readonly document = 'question catalogue';
  private readonly logger = new Logger(CatalogueReader.name);
  private readonly first = firstArrival();
  private cached = false;

  constructor(
    private readonly store: CatalogueStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.cached = await this.store.loadCached();
  }

  ready(): Promise<void> {
    return this.cached ? Promise.resolve() : this.first.arrived;
  }

  async onValue(value: string): Promise<void> {
    try {
      const document = await verifyHubDocument(value, CATALOGUE_TYPE, this.config.hubPublicKey);
      if (await this.store.offer(document)) this.logger.log(`question catalogue v${this.store.version} in force`);
      this.first.arrive();
    } catch (error) {
      this.logger.error(`broadcast question catalogue refused: ${(error as Error).message}`);
    }
  }
}
