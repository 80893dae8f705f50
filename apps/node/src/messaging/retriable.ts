import { isDatabaseUnavailable } from '@imi/persistence';

/**
 * Whether a failure while applying a message may succeed on retry. Only infrastructure
 * failures are: the unknown is not, or one poison message would block its partition.
 */
export function isRetriable(error: unknown): boolean {
  const e = error as { retriable?: boolean; code?: string; name?: string };
  if (e?.retriable === true) return true;
  if (typeof e?.code === 'string') {
    // Node socket errors, and Postgres classes 08 (connection), 53 (resources), 57 (operator
    // intervention, e.g. shutdown) and 40 (serialization failure / deadlock).
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(e.code)) return true;
    if (/^(08|53|57|40)/.test(e.code)) return true;
  }
  // A connection node-postgres lost mid-batch (the server restarting) carries no code.
  if (isDatabaseUnavailable(error)) return true;
  return e?.name === 'KafkaJSConnectionError' || e?.name === 'KafkaJSRequestTimeoutError';
}
