import { RecordMetadata, TopicMessages } from 'kafkajs';

/** Records kafkajs reported sent although no broker acknowledged them, still unacknowledged after every round. */
export class IncompleteSendError extends Error {
  constructor(readonly partitions: string[]) {
    super(`no broker acknowledged the records of ${partitions.join(', ')}`);
    this.name = 'IncompleteSendError';
  }
}

/** What a send needed beyond its first round: kafkajs' defect struck when `resent` > 0. */
export interface SendOutcome {
  records: number;
  resent: number;
}

const ROUNDS = 5;

/**
 * Sends records whose partitions are already chosen, then sends again the records of every
 * partition that kafkajs' answer leaves out, until each partition has an acknowledgement.
 *
 * Why: kafkajs 2.2.4 keeps one answer per broker across the retries of a send. When a leader
 * dies mid-send and its partitions move to a broker that had already answered for its own
 * partitions, the retry sends nothing there, and the send resolves without the moved records
 * ever reaching Kafka (kafkajs issue #1303; seen here as four exchanges lost in the chaos run,
 * each within a second of a leader's SIGKILL). Sending again is safe: an idempotent producer's
 * sequence numbers were rolled back for the failed request, so the broker drops a copy it
 * already holds, and receivers apply each message id once.
 */
export async function sendEveryPartition(
  send: (topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>,
  topicMessages: TopicMessages[],
): Promise<SendOutcome> {
  const records = topicMessages.reduce((n, t) => n + t.messages.length, 0);
  if (topicMessages.some((t) => t.messages.some((m) => m.partition === undefined))) {
    throw new Error('sendEveryPartition needs every record\'s partition chosen before the send');
  }
  let pending = topicMessages.filter((t) => t.messages.length > 0);
  let resent = 0;
  for (let round = 0; pending.length > 0; round++) {
    if (round === ROUNDS) throw new IncompleteSendError(partitionsOf(pending));
    if (round > 0) resent += pending.reduce((n, t) => n + t.messages.length, 0);
    const acknowledged = new Set((await send(pending)).map((r) => `${r.topicName}/${r.partition}`));
    pending = pending
      .map(({ topic, messages }) => ({ topic, messages: messages.filter((m) => !acknowledged.has(`${topic}/${m.partition}`)) }))
      .filter((t) => t.messages.length > 0);
  }
  return { records, resent };
}

function partitionsOf(topicMessages: TopicMessages[]): string[] {
  return [...new Set(topicMessages.flatMap(({ topic, messages }) => messages.map((m) => `${topic}/${m.partition}`)))];
}
