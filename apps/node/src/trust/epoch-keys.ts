import { Injectable, Logger } from '@nestjs/common';
import { KeyError, NodeCrypto, readKeySet, TrustStore } from '@imi/envelope';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';

/**
 * Keeps the node's encryption epoch keys, and its signing key, in step with the trust list,
 * without a restart: the
 * operator writes a rotated key into the key set before the registry announces it, and removes
 * a destroyed one before the registry drops it, so re-reading the key set on every new list
 * finds what that list expects. Only kids are logged, never key material.
 */
@Injectable()
export class EpochKeys {
  private readonly logger = new Logger(EpochKeys.name);

  constructor(
    private readonly crypto: NodeCrypto,
    private readonly trust: TrustStore,
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
      // A rotated signing key is used once the trust list vouches for it, not before: until then
      // the others could not check what it signs.
      if (keys.signing.kid !== this.crypto.signer.kid && this.vouchedFor(keys.signing.kid) && this.crypto.useSigningKey(keys.signing)) {
        this.logger.log(`signing with ${keys.signing.kid}`);
      }
    } catch (error) {
      this.logger.error(`key set not re-read, keeping the keys held: ${(error as Error).message}`);
    }
    this.crypto.forgetStaleKeks(at);
  }

  private vouchedFor(kid: string): boolean {
    try {
      return this.trust.signer(kid).node === this.config.country;
    } catch {
      return false;
    }
  }
}
