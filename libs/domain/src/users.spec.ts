import { checkPassword, checkRoles, lockedUntil, userDataStep } from './users';

describe('checkRoles', () => {
  it('takes known roles, once each', () => {
    expect(checkRoles(['case-handler', 'allocator', 'case-handler'])).toEqual(['case-handler', 'allocator']);
  });
  it.each([[[]], ['case-handler'], [['superuser']]])('refuses %j', (raw) => {
    expect(() => checkRoles(raw)).toThrow();
  });
});

describe('checkPassword', () => {
  const user = { email: 'anna.schmidt@aek-berlin.de', displayName: 'Anna Schmidt' };
  it('accepts a long passphrase', () => {
    expect(checkPassword('correct horse battery staple', user)).toBe('correct horse battery staple');
  });
  it.each([
    ['short', 'at least 12'],
    ['aaaaaaaaaaaaaaaa', 'different characters'],
    ['Schmidt-2026-summer!', 'name or address'],
    ['my anna.schmidt password', 'name or address'],
  ])('refuses %s', (password, message) => {
    expect(() => checkPassword(password, user)).toThrow(message);
  });
});

describe('lock-out', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('locks for 15 minutes at the fifth consecutive failure, not before', () => {
    expect(lockedUntil(4, now)).toBeNull();
    expect(lockedUntil(5, now)?.toISOString()).toBe('2026-11-23T10:15:00.000Z');
  });
});

describe("users' own data", () => {
  const deactivatedAt = new Date('2026-01-31T08:00:00Z');
  it('is kept while the user is active and for 3 years after deactivation, then deleted', () => {
    expect(userDataStep({ deactivatedAt: null, deletedAt: null }, new Date('2040-01-01'))).toBe('keep');
    expect(userDataStep({ deactivatedAt, deletedAt: null }, new Date('2029-01-31T07:59:59.999Z'))).toBe('keep');
    expect(userDataStep({ deactivatedAt, deletedAt: null }, new Date('2029-01-31T08:00:00Z'))).toBe('delete');
    expect(userDataStep({ deactivatedAt, deletedAt: new Date('2029-02-01') }, new Date('2030-01-01'))).toBe('keep');
  });
});
