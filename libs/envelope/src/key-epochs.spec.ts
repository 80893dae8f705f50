import { hasBegun, hasExpired, isInForce, newestFirst, nextEpoch, parseEncryptionKid } from './key-epochs';
import { generateEncryptionKey, generateSigningKey } from './keys';

describe('key epochs', () => {
  const period = { notBefore: '2030-02-01T00:00:00.000Z', notAfter: '2030-03-01T00:00:00.000Z' };

  it('is in force from notBefore, up to but not at notAfter', () => {
    expect(isInForce(period, new Date('2030-01-31T23:59:59.999Z'))).toBe(false);
    expect(isInForce(period, new Date('2030-02-01T00:00:00.000Z'))).toBe(true);
    expect(isInForce(period, new Date('2030-02-28T23:59:59.999Z'))).toBe(true);
    expect(hasExpired(period, new Date('2030-03-01T00:00:00.000Z'))).toBe(true);
    expect(hasExpired({ ...period, notAfter: null }, new Date('2099-01-01'))).toBe(false);
    expect(hasBegun(period, new Date('2030-02-01'))).toBe(true);
  });

  it('orders keys newest first', () => {
    const keys = [{ notBefore: '2030-01-01T00:00:00Z', notAfter: null }, { notBefore: '2030-02-01T00:00:00Z', notAfter: null }];
    expect(newestFirst(keys)[0].notBefore).toBe('2030-02-01T00:00:00Z');
  });

  it('reads node and epoch from an encryption key id, and numbers the next epoch', () => {
    const kid = generateEncryptionKey('DE', 3).kid;
    expect(parseEncryptionKid(kid)).toEqual({ node: 'DE', epoch: 3 });
    expect(parseEncryptionKid(generateSigningKey('DE').kid)).toBeNull();
    expect(nextEpoch([generateEncryptionKey('DE', 1).kid, kid, 'someone-else'])).toBe(4);
    expect(nextEpoch([])).toBe(1);
  });
});
