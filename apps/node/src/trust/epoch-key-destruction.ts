import { Injectable, Logger } from '@nestjs/common';
import { readKeySet, TrustStore, writeKeySet } from '@imi/envelope';
import { sealedTopicRetention } from '@imi/messaging';
import { NodeConfig } from '../config';
import { InjectNodeConfig } from '../core.module';
import { EpochKeys } from './epoch-keys';

/**
 * Destroys this node's own encryption epoch keys once nothing a broker keeps can need them: a
 * key past its notAfter seals nothing new, and every record sealed under it is gone from Kafka
 * once the sealed topics' retention (plus a segment and the cleaner's check) has passed too.
 * From then on a copy of a broker's disk, or a stale copy of a message in a database backup,
 * holds nothing this node can open. The private key is removed from the key set on disk (the
 * old file overwritten, key-files.ts) and from memory; the hub operator may record the
 * destruction in the registry with `hub:cli destroy-encryption-key` (it finds the key gone).
 *
 * A message between two nodes is sealed under a key derived from both ends' epoch keys: it is
 * unreadable by anyone once both nodes have destroyed theirs, which each does on its own
 * schedule here. Keys still current (no notAfter) are never destroyed: rotate them
 * (`hub:cli rotate-encryption-key`) and destruction follows.
 */
@Injectable()
export class EpochKeyDestruction {
  private readonly logger = new Logger(EpochKeyDestruction.name);
  private readonly afterExpiryMs = sealedTopicRetention().longestOnDiskMs;

  constructor(
    private readonly trust: TrustStore,
    private readonly epochKeys: EpochKeys,
    @InjectNodeConfig() private readonly config: NodeConfig,
  ) {}

  /** Destroys the keys due at `now`; returns their ids. */
  destroyExpired(now: Date): string[] {
    const keys = readKeySet(this.config.keysDir);
    const due = keys.encryption.filter((key) => {
      const notAfter = this.trust.encryptionEntry(key.kid)?.jwk.notAfter;
      return notAfter != null && Date.parse(notAfter) + this.afterExpiryMs <= now.getTime();
    });
    if (due.length === 0) return [];
    const destroyed = due.map((k) => k.kid);
    writeKeySet(this.config.keysDir, { ...keys, encryption: keys.encryption.filter((k) => !destroyed.includes(k.kid)) });
    this.epochKeys.refresh(now);
    this.logger.log(`epoch keys destroyed, past their period and Kafka's retention: ${destroyed.join(', ')}`);
    return destroyed;
  }
}
