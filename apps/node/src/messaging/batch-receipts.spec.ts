import { Envelope, HUB_NODE } from '@imi/envelope';
import { BatchReceipts, MAX_IDS_PER_RECEIPT } from './batch-receipts';

const message = (senderNode: string, n: number, type = 'request.sent'): Envelope =>
  ({ messageId: `id-${senderNode}-${n}`, type, senderNode, caseId: `case-${n}` }) as unknown as Envelope;

describe('BatchReceipts', () => {
  it('owes one receipt per sender, naming its messages in the order applied', () => {
    const batch = new BatchReceipts();
    batch.applied(message('FR', 1), 0);
    batch.applied(message('ES', 2), 1);
    batch.applied(message('FR', 3), 2);
    expect(batch.receipts.map((r) => [r.senderNode, r.firstIndex, r.first.caseId, r.messageIds])).toEqual([
      ['FR', 0, 'case-1', ['id-FR-1', 'id-FR-3']],
      ['ES', 1, 'case-2', ['id-ES-2']],
    ]);
  });

  it('acknowledges neither receipts, rejections nor what the hub sent', () => {
    const batch = new BatchReceipts();
    batch.applied(message('FR', 1, 'message.received'), 0);
    batch.applied(message('FR', 2, 'message.rejected'), 1);
    batch.applied(message(HUB_NODE, 3, 'directory.updated'), 2);
    expect(batch.receipts).toEqual([]);
  });

  it('starts another receipt past the most ids one may name', () => {
    const batch = new BatchReceipts();
    for (let n = 0; n <= MAX_IDS_PER_RECEIPT; n++) batch.applied(message('DE', n), n);
    expect(batch.receipts.map((r) => r.messageIds.length)).toEqual([MAX_IDS_PER_RECEIPT, 1]);
    expect(batch.receipts[1].firstIndex).toBe(MAX_IDS_PER_RECEIPT);
  });
});
