/** A partition's offsets as the broker reports them (kafkajs gives them as strings). */
export interface PartitionOffsets {
  partition: number;
  /** The log end (high watermark): the offset the next record will take. */
  high: string;
  /** The log start: the oldest offset still kept. */
  low: string;
}

/** A consumer group's committed offset on one partition; "-1" when it never committed there. */
export interface CommittedOffset {
  partition: number;
  offset: string;
}

/**
 * How many records of a topic a consumer group has still to read: per partition, from its
 * committed offset (or the log start, where it never committed) to the log end. Transaction
 * markers count as records here, as in Kafka's own tools; a consumer reads past them.
 */
export function inboxLag(topic: PartitionOffsets[], committed: CommittedOffset[]): number {
  let lag = 0;
  for (const { partition, high, low } of topic) {
    const done = committed.find((c) => c.partition === partition)?.offset ?? '-1';
    const from = Number(done) >= 0 ? BigInt(done) : BigInt(low);
    const behind = BigInt(high) - from;
    if (behind > 0n) lag += Number(behind);
  }
  return lag;
}
