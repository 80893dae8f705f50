/**
 * Pure rules of routing one `hub.ingress` partition at a time, with kafkajs: the transactional id
 * that fences an earlier owner, the records that owner already routed, and which broker
 * responses mean this instance lost the partition.
 *
 * kafkajs sends TxnOffsetCommit v0/v1, without the group's generation or member id (KIP-447 is not
 * implemented), so the group coordinator accepts a transactional offset commit from any producer.
 * Fencing therefore comes from the transactional id: one per input partition, so whoever claims a
 * partition bumps the epoch of the only id that can commit its offsets.
 */

/** The transactional id of the router producer for one ingress partition (shared by all hub instances). */
export function routerTransactionalId(topicPrefix: string, partition: number): string {
  return `${topicPrefix}hub-router-p${partition}`;
}

/**
 * The records of a batch still to route: those at or after the group's committed offset, read
 * after claiming the partition. Records below it were routed, in a committed transaction, by the
 * instance that owned the partition before (its commit landed after our consumer read its
 * position). `committed`: the committed offset, or null when the group has none.
 */
export function unrouted<T extends { offset: string }>(messages: readonly T[], committed: bigint | null): T[] {
  if (committed === null) return [...messages];
  return messages.filter((m) => BigInt(m.offset) >= committed);
}

/** The offset to commit after a batch whose last offset is `lastOffset`: the next one to read. */
export function nextOffset(lastOffset: string): string {
  return (BigInt(lastOffset) + 1n).toString();
}

/** A committed offset as kafkajs' admin returns it ("-1" when none). */
export function committedOffset(offset: string | undefined): bigint | null {
  if (offset === undefined || offset === '' || BigInt(offset) < 0n) return null;
  return BigInt(offset);
}

interface BrokerError {
  type?: string;
  code?: number;
  cause?: unknown;
  originalError?: unknown;
}

/** The broker error behind kafkajs' wrappers (retries exceeded, non-retriable). */
function causes(error: unknown): BrokerError[] {
  const seen: BrokerError[] = [];
  let current = error as BrokerError | undefined;
  while (current && typeof current === 'object' && !seen.includes(current) && seen.length < 8) {
    seen.push(current);
    current = (current.cause ?? current.originalError) as BrokerError | undefined;
  }
  return seen;
}

/**
 * Another instance claimed the partition after this one (its InitProducerId bumped the epoch):
 * PRODUCER_FENCED (code 90, unknown to kafkajs 2.2, hence by code), INVALID_PRODUCER_EPOCH
 * (what older request versions get instead), INVALID_TXN_STATE, INVALID_PRODUCER_ID_MAPPING.
 */
export function isFenced(error: unknown): boolean {
  return causes(error).some((e) =>
    e.code === 90 || e.type === 'PRODUCER_FENCED' || e.type === 'INVALID_PRODUCER_EPOCH' || e.type === 'INVALID_TXN_STATE' || e.type === 'INVALID_PRODUCER_ID_MAPPING');
}

/** The coordinator is still completing this transactional id's previous transaction: retry shortly. */
export function isConcurrentTransactions(error: unknown): boolean {
  return causes(error).some((e) => e.type === 'CONCURRENT_TRANSACTIONS' || e.code === 51);
}

/** Retries `action` while the transaction coordinator answers CONCURRENT_TRANSACTIONS, with a short backoff (as Kafka's Java client does). */
export async function whileConcurrent<T>(action: () => Promise<T>, attempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!isConcurrentTransactions(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * attempt, 200)));
    }
  }
}
