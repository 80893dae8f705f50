import { decodeCursor, encodeCursor, InvalidCursor, pageOf } from './listing';

describe('keyset pagination', () => {
  const id = '0b0c9a3e-6a0e-4c61-a1c2-3f0f0b3c9d11';
  const rows = [1, 2, 3].map((n) => ({ id: `${id.slice(0, -1)}${n}`, at: `2026-11-0${n}T10:00:00.000Z` }));

  it('gives a cursor only when a row beyond the page was read, pointing at the last item shown', () => {
    const page = pageOf(rows, 2, 'sent-desc', (r) => r.at);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor!, 'sent-desc')).toEqual({ sort: 'sent-desc', key: rows[1].at, id: rows[1].id });
    expect(pageOf(rows, 3, 'sent-desc', (r) => r.at)).toEqual({ items: rows, nextCursor: null });
    expect(pageOf([], 3, 'sent-desc', (r: { id: string }) => r.id)).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a cursor made for another sort order', () => {
    const cursor = encodeCursor({ sort: 'sent-desc', key: rows[0].at, id });
    expect(() => decodeCursor(cursor, 'reply-by-asc')).toThrow(InvalidCursor);
  });

  it.each([
    ['not base64 JSON', 'garbage!!'],
    ['a JSON object', Buffer.from('{"a":1}').toString('base64url')],
    ['a key that is no time', Buffer.from(JSON.stringify(['sent-desc', 'yesterday', id])).toString('base64url')],
    ['an id that is no UUID', Buffer.from(JSON.stringify(['sent-desc', '2026-11-01T00:00:00Z', "x' OR 1=1"])).toString('base64url')],
  ])('refuses %s', (_, cursor) => {
    expect(() => decodeCursor(cursor, 'sent-desc')).toThrow(InvalidCursor);
  });
});
