import { encodeCursor } from '@imi/domain';
import { cursorAfter, registrationAfter } from './registration-cursor';

describe('registrations cursor', () => {
  it('gives back the id it was made from', () => {
    expect(registrationAfter(cursorAfter('DE-BY-HWK-MUC'))).toBe('DE-BY-HWK-MUC');
  });

  it('refuses a cursor of another list, a forged id, and what is not a cursor at all', () => {
    const otherList = encodeCursor({ sort: 'sent-desc', key: new Date(0).toISOString(), id: '0b6f5c2e-1111-4222-8333-444455556666' });
    const forged = Buffer.from(JSON.stringify(['registrations-id', "x' OR 1=1"]), 'utf8').toString('base64url');
    for (const cursor of [otherList, forged, 'bm9wZQ', '', '%%%']) expect(registrationAfter(cursor)).toBeNull();
  });
});
