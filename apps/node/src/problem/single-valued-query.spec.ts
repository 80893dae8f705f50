import { repeatedQueryParameters } from './single-valued-query';

describe('repeated query parameters', () => {
  it('names each parameter Express parsed into something other than one string', () => {
    expect(repeatedQueryParameters({ lang: ['de', 'fr'], limit: '5', country: { nested: 'x' } })).toEqual(['lang', 'country']);
  });

  it('finds none when each is given once', () => {
    expect(repeatedQueryParameters({ lang: 'de', limit: '5' })).toEqual([]);
    expect(repeatedQueryParameters({})).toEqual([]);
  });
});
