import { messageBytes, prefixWithin, SEND_BYTES_PER_TOPIC } from './record-size';

describe('the size of what one send carries', () => {
  it('counts key, value, header names and values, strings by their UTF-8 bytes', () => {
    const bare = messageBytes({ key: null, value: null });
    expect(messageBytes({ key: 'case-1', value: Buffer.alloc(1000) })).toBe(bare + 6 + 1000);
    expect(messageBytes({ key: null, value: 'é', headers: { 'imi-signature': 'abc', many: ['de', Buffer.alloc(5)] } }) - bare)
      .toBe(2 + (8 + 13 + 3) + (8 + 4 + 2 + 5));
  });

  it('stays under the 1 MiB record batch a broker takes by default', () => {
    expect(SEND_BYTES_PER_TOPIC).toBeLessThan(1024 * 1024 - 64 * 1024);
  });

  it('takes the longest prefix within the budget, and the first item even when it alone is over', () => {
    const size = (n: number) => n;
    expect(prefixWithin([300, 300, 300, 300], size, 1000)).toEqual([300, 300, 300]);
    expect(prefixWithin([300, 300], size, 600)).toEqual([300, 300]);
    expect(prefixWithin([2000, 1], size, 1000)).toEqual([2000]);
    expect(prefixWithin([], size, 1000)).toEqual([]);
  });
});
