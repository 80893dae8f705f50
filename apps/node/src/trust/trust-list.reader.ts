import { Injectable, Logger } from '@nestjs/common';
import { TrustStore, verifyTrustList } from '@imi/envelope';
import { TRUST_LIST_KEY } from '@imi/messaging';
import { BroadcastReader, firstArrival } from '../broadcast/broadcast-reader';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { EpochKeys } from './epoch-keys';

/**
 * The hub's signed trust list (read by BroadcastConsumer). Start-up waits for a first list:
 * without one, no message can be checked. Every new list also re-reads the node's key set, so
 * rotated and destroyed epoch keys take effect at once.
 */
@Injectable()
export class TrustListReader implements BroadcastReader {
  readonly key = TRUST_LIST_KEY;
  readonly document = 'trust list';
  private readonly logger = new Logger(TrustListReader.name);
  private readonly first = firstArrival();

  constructor(
    private readonly trust: TrustStore,
    private readonly epochKeys: EpochKeys,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  ready(): Promise<void> {
    return this.first.arrived;
  }

  async onValue(value: string): Promise<void> {
    try {
      const list = await verifyTrustList(value, this.config.hubPublicKey);
      if (this.trust.replace(list)) {
        this.logger.log(`trust list v${list.version} in force`);
        this.epochKeys.refresh();
      }
      this.first.arrive();
    } catch (error) {
      this.logger.error(`broadcast trust list refused: ${(error as Error).message}`);
    }
  }
}
