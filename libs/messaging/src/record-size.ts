import { IHeaders, Message } from 'kafkajs';

/**
 * The most one send may write to one topic. kafkajs puts everything a send has for a partition
 * into one record batch, and a broker refuses a batch over `message.max.bytes` (1 MiB by default,
 * Strimzi's too; 2 MiB on the local stack) as MESSAGE_TOO_LARGE, which kafkajs does not retry. A
 * sender that sent the same too-large batch again would stop for good: the hub's router did so
 * with a backlog on `hub.ingress` (each batch of up to 4 MiB, routed in one transaction). What a
 * send holds for one topic is at least what it holds for any of its partitions, so this bound,
 * with room for the batch's own overhead, keeps every batch under the default.
 */
export const SEND_BYTES_PER_TOPIC = 768 * 1024;

/** The bytes of a message in a record batch, near enough: key, value, and header names and values. */
export function messageBytes(message: Pick<Message, 'key' | 'value' | 'headers'>): number {
  return 32 + bytesOf(message.key) + bytesOf(message.value) + headerBytes(message.headers);
}

export function headerBytes(headers: IHeaders | undefined): number {
  let n = 0;
  for (const [name, value] of Object.entries(headers ?? {})) {
    n += 8 + Buffer.byteLength(name);
    for (const v of Array.isArray(value) ? value : [value]) n += bytesOf(v);
  }
  return n;
}

function bytesOf(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/**
 * The longest prefix of `items` whose sizes add up to at most `budget`, and never less than the
 * first item (which a broker takes alone if it takes it at all).
 */
export function prefixWithin<T>(items: readonly T[], size: (item: T) => number, budget: number): T[] {
  let total = 0;
  let n = 0;
  while (n < items.length) {
    total += size(items[n]);
    if (n > 0 && total > budget) break;
    n++;
  }
  return items.slice(0, n);
}
