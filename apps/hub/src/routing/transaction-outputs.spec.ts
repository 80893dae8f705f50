import { messageBytes } from '@imi/messaging';
import { TransactionOutputs } from './transaction-outputs';

const record = (bytes: number) => ({ key: 'case', value: Buffer.alloc(bytes), headers: { 'imi-signature': 'x'.repeat(200) } });
const copies = (topics: string[], bytes: number) => topics.map((topic) => ({ topic, messages: [{ ...record(bytes), headers: { ...record(bytes).headers, 'imi-hub-signature': 'y'.repeat(200) } }] }));

describe('the outputs of one routing transaction', () => {
  it('takes records until a copy of the next could take a topic past the budget', () => {
    const outputs = new TransactionOutputs(10_000);
    let taken = 0;
    while (outputs.fits(record(1000))) {
      outputs.add(copies(['inbox.DE', 'inbox.FR'], 1000));
      taken++;
    }
    expect(taken).toBeGreaterThan(3);
    expect(outputs.records).toBe(taken);
    for (const { messages } of outputs.topicMessages) {
      expect(messages).toHaveLength(taken);
      expect(messages.reduce((n, m) => n + messageBytes(m), 0)).toBeLessThanOrEqual(10_000);
    }
  });

  it('judges by the fullest topic: a notification to many member states fills each of their topics once', () => {
    const outputs = new TransactionOutputs(10_000);
    outputs.add(copies(['inbox.DE'], 6000));
    // Small records for other topics would fit there, but a copy might go to DE's inbox.
    expect(outputs.fits(record(3000))).toBe(false);
    expect(outputs.fits(record(1000))).toBe(true);
  });

  it('always takes a first record, however large', () => {
    const outputs = new TransactionOutputs(10_000);
    expect(outputs.fits(record(50_000))).toBe(true);
    outputs.add(copies(['inbox.DE'], 50_000));
    expect(outputs.fits(record(1))).toBe(false);
  });
});
