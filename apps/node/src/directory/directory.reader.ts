import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DirectoryDocument } from '@imi/domain';
import { DIRECTORY_TYPE, verifyHubDocument } from '@imi/envelope';
import { DIRECTORY_KEY_PREFIX } from '@imi/messaging';
import { BroadcastReader } from '../broadcast/broadcast-reader';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { DirectoryStore } from './directory.store';

/** The hub's signed directory parts, one per member state (read by BroadcastConsumer), into the store. */
@Injectable()
export class DirectoryReader implements BroadcastReader, OnModuleInit {
  readonly key = { prefix: DIRECTORY_KEY_PREFIX };
  readonly document = 'directory';
  private readonly logger = new Logger(DirectoryReader.name);

  constructor(
    private readonly store: DirectoryStore,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.loadCached();
  }

  /** The node starts without waiting: searches answer from the cached parts until new ones arrive. */
  ready(): Promise<void> {
    return Promise.resolve();
  }

  async onValue(value: string, key: string): Promise<void> {
    try {
      const document = (await verifyHubDocument(value, DIRECTORY_TYPE, this.config.hubPublicKey)) as DirectoryDocument;
      if (key !== `${DIRECTORY_KEY_PREFIX}${document.node}`) throw new Error(`${key} carries ${document.node}'s part`);
      await this.store.offer(document);
    } catch (error) {
      this.logger.error(`broadcast directory part ${key} refused: ${(error as Error).message}`);
    }
  }
}
