/** Topic names, prefixed so several networks (or test runs) can share one cluster. */
export interface Topics {
  ingress: string;
  broadcast: string;
  rejected: string;
  inbox(country: string): string;
}

export function topicNames(prefix = ''): Topics {
  return {
    ingress: `${prefix}hub.ingress`,
    broadcast: `${prefix}hub.broadcast`,
    rejected: `${prefix}hub.rejected`,
    inbox: (country) => `${prefix}node.${country}.inbox`,
  };
}

/** Message key of the trust list on the compacted broadcast topic. */
export const TRUST_LIST_KEY = 'trust-list';

/** Message key of the question catalogue on the compacted broadcast topic. */
export const CATALOGUE_KEY = 'question-catalogue';

/** Message key of one member state's part of the directory: one compacted record per state. */
export const directoryKey = (country: string) => `directory.${country}`;
export const DIRECTORY_KEY_PREFIX = 'directory.';

/**
 * Retention of the topics that carry sealed bodies (`hub.ingress`, every `node.CC.inbox`): a
 * record is needed only until its recipient has applied it, and it must be gone before the
 * epoch keys that open it are destroyed. Seven days by default (`SEALED_RECORD_RETENTION_MS`),
 * segments rolled daily so a segment's newest record, which decides when Kafka deletes the
 * segment, is never more than a day younger than its oldest.
 */
export interface SealedTopicRetention {
  retentionMs: number;
  segmentMs: number;
  /** The longest a sealed record can stay on a broker's disk: retention, its segment's span, and the log cleaner's 5-minute check. */
  longestOnDiskMs: number;
}

export function sealedTopicRetention(env: NodeJS.ProcessEnv = process.env): SealedTopicRetention {
  const retentionMs = Number(env.SEALED_RECORD_RETENTION_MS ?? 7 * 24 * 3600_000);
  if (!Number.isSafeInteger(retentionMs) || retentionMs < 60_000) throw new Error('SEALED_RECORD_RETENTION_MS must be a whole number of milliseconds, at least 60000');
  const segmentMs = Math.min(24 * 3600_000, retentionMs);
  return { retentionMs, segmentMs, longestOnDiskMs: retentionMs + segmentMs + 5 * 60_000 };
}
