import { Message, TopicMessages } from 'kafkajs';
import { messageBytes, SEND_BYTES_PER_TOPIC } from '@imi/messaging';

/**
 * What the hub's copies of an ingress record may hold beyond the record itself: its
 * countersignature and the trace context; or, instead of copies, a receipt or rejection notice
 * of its own (under a kilobyte).
 */
const HUB_ADDITION_BYTES = 2048;

/**
 * The outputs of one routing transaction, by topic, with their sizes. A batch is routed in as
 * many transactions as it takes to keep each topic's share of the send under
 * SEND_BYTES_PER_TOPIC (a larger record batch is refused for good: see there).
 */
export class TransactionOutputs {
  private readonly byTopic = new Map<string, Message[]>();
  private readonly bytes = new Map<string, number>();
  /** Ingress records whose outputs are here. */
  records = 0;

  constructor(private readonly budget = SEND_BYTES_PER_TOPIC) {}

  /**
   * Whether the outputs of one more ingress record surely fit, judged before routing it: a copy of
   * it, in whichever topic holds most, cannot take that topic past the budget. The first record
   * always fits (a record is at most 256 KiB).
   */
  fits(record: Pick<Message, 'key' | 'value' | 'headers'>): boolean {
    if (this.records === 0) return true;
    return Math.max(0, ...this.bytes.values()) + messageBytes(record) + HUB_ADDITION_BYTES <= this.budget;
  }

  add(outputs: TopicMessages[]): void {
    this.records++;
    for (const { topic, messages } of outputs) {
      const list = this.byTopic.get(topic) ?? [];
      list.push(...messages);
      this.byTopic.set(topic, list);
      this.bytes.set(topic, (this.bytes.get(topic) ?? 0) + messages.reduce((n, m) => n + messageBytes(m), 0));
    }
  }

  get topicMessages(): TopicMessages[] {
    return [...this.byTopic].map(([topic, messages]) => ({ topic, messages }));
  }
}
