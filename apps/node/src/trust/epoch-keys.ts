import { Injectable, Logger } from '@nestjs/common';
import { KeyError, NodeCrypto, readKeySet } from '@imi/envelope';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';

/**
 * Keeps the node's encryption epoch keys in step with the trust list, without a restart: the
 * operator writes a rotated key into the key set before the registry announces it, and removes
 * a destroyed one before the registry drops it, so re-reading the key set on every new list
 * finds what that list expects. Only kids are logged, never key material.
 */
@Injectable()
export class EpochKeys {
  private readonly logger = new Logger(EpochKeys.name);

  constructor(
    private readonly crypto: NodeCrypto,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  /** Re-reads the key set and drops KEKs the new list no longer allows; keeps what it had if the set is unreadable. */
  refresh(at = new Date()): void {
    try {
      const keys = readKeySet(this.config.keysDir);
      if (keys.node !== this.config.country) throw new KeyError(`keys in ${this.config.keysDir} are for ${keys.node}`);
      const { added, removed } = this.crypto.useEncryptionKeys(keys.encryption);
      if (added.length > 0) this.logger.log(`encryption keys loaded: ${added.join(', ')}`);
      if (removed.length > 0) this.logger.log(`encryption keys destroyed: ${removed.join(', ')}`);
    } catch (error) {
      this.logger.error(`key set not re-read, keeping the keys held: ${(error as Error).message}`);
    }
    this.crypto.forgetStaleKeks(at);
  }
}
