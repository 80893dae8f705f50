import type { EncryptionKeyRecord } from '../registry/registry.repository';
import { checkDestroyable, DEFAULT_PREVIOUS_OVERLAP_MS, OperatorRefusal, planRotation } from './epoch-rules';

const at = (iso: string) => new Date(iso);
const key = (kid: string, notBefore: string, notAfter: string | null = null, status: EncryptionKeyRecord['status'] = 'active'): EncryptionKeyRecord => ({
  kid, node: 'DE', status, notBefore: at(notBefore), notAfter: notAfter ? at(notAfter) : null, destroyedAt: null,
});

describe('rotation rules', () => {
  const keys = [key('DE-enc-1-a', '2030-01-01T00:00:00Z')];
  const now = at('2030-01-20T00:00:00Z');

  it('announces the next key ahead, keeping the previous one for a week by default', () => {
    const plan = planRotation(keys, at('2030-02-01T00:00:00Z'), undefined, now);
    expect(plan).toEqual({ notBefore: at('2030-02-01T00:00:00Z'), previousValidUntil: new Date(at('2030-02-01T00:00:00Z').getTime() + DEFAULT_PREVIOUS_OVERLAP_MS), immediate: false });
    expect(planRotation(keys, at('2030-01-19T00:00:00Z'), at('2030-01-25T00:00:00Z'), now).immediate).toBe(true);
  });

  it('refuses a gap, a key that would never be current, and invalid times', () => {
    expect(() => planRotation(keys, at('2030-02-01T00:00:00Z'), at('2030-01-31T00:00:00Z'), now)).toThrow(OperatorRefusal);
    expect(() => planRotation(keys, at('2030-01-01T00:00:00Z'), undefined, now)).toThrow(/after the newest/);
    expect(() => planRotation(keys, new Date('nonsense'), undefined, now)).toThrow(/not a valid ISO time/);
  });
});

describe('destruction rules', () => {
  const keys = [
    key('DE-enc-1-a', '2030-01-01T00:00:00Z', '2030-02-08T00:00:00Z'),
    key('DE-enc-2-b', '2030-02-01T00:00:00Z'),
    key('DE-enc-3-c', '2030-03-01T00:00:00Z'),
    key('DE-enc-0-z', '2029-01-01T00:00:00Z', '2029-06-01T00:00:00Z', 'destroyed'),
  ];

  it('destroys a previous key, early or expired, and again an already destroyed one', () => {
    expect(checkDestroyable(keys, 'DE-enc-1-a', at('2030-02-02T00:00:00Z')).early).toBe(true);
    expect(checkDestroyable(keys, 'DE-enc-1-a', at('2030-02-08T00:00:00Z')).early).toBe(false);
    expect(checkDestroyable(keys, 'DE-enc-0-z', at('2030-02-02T00:00:00Z')).early).toBe(false);
  });

  it('refuses the current key, an announced one and an unknown one', () => {
    expect(() => checkDestroyable(keys, 'DE-enc-2-b', at('2030-02-02T00:00:00Z'))).toThrow(/current key/);
    expect(() => checkDestroyable(keys, 'DE-enc-1-a', at('2030-01-15T00:00:00Z'))).toThrow(/current key/);
    expect(() => checkDestroyable(keys, 'DE-enc-3-c', at('2030-02-02T00:00:00Z'))).toThrow(/announced/);
    expect(() => checkDestroyable(keys, 'FR-enc-1-a', at('2030-02-02T00:00:00Z'))).toThrow(OperatorRefusal);
  });
});
