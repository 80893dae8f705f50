import { randomUUID } from 'node:crypto';
import { receiptId } from './router';

describe('the id of the hub receipt for a message it applied', () => {
  it('is the same each time for one message, so the sender drops a second receipt', () => {
    const id = randomUUID();
    expect(receiptId(id)).toBe(receiptId(id));
  });

  it('differs between messages and is a canonical UUID', () => {
    const [a, b] = [receiptId(randomUUID()), receiptId(randomUUID())];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
