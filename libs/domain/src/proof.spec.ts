import { checkProofRetrieval } from './proof';

describe('checkProofRetrieval', () => {
  it('allows blocked data on a stated ground with a justification', () => {
    expect(checkProofRetrieval('blocked', 'data-subject-consent', ' consent form of 3 May ')).toEqual({ ground: 'data-subject-consent', justification: 'consent form of 3 May' });
    expect(checkProofRetrieval('blocked', 'overriding-public-interest', 'court order').ground).toBe('overriding-public-interest');
  });

  it.each([
    ['blocked', 'curiosity', 'x', 'the ground must be one of'],
    ['blocked', undefined, 'x', 'the ground must be one of'],
    ['blocked', 'data-subject-consent', '  ', 'needs a justification'],
    ['available', 'data-subject-consent', 'x', 'not blocked'],
    ['deleted', 'data-subject-consent', 'x', 'has been deleted'],
  ] as const)('refuses %s data on ground %s', (state, ground, justification, message) => {
    expect(() => checkProofRetrieval(state, ground, justification)).toThrow(message);
  });
});
