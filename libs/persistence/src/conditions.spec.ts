import { Conditions } from './conditions';

describe('Conditions', () => {
  it('numbers each value after the ones given at construction, and skips filters not given', () => {
    const c = new Conditions(['authority_id = $1'], ['FR-CNOM'])
      .add((n) => `state = ${n}`, 'open')
      .add((n) => `kind = ${n}`, undefined)
      .add((n) => `area = ${n}`, '')
      .require('role = $1')
      .add((n) => `sent_at < ${n}`, '2026-12-01');
    expect(c.sql).toBe('authority_id = $1 AND state = $2 AND role = $1 AND sent_at < $3');
    expect(c.values).toEqual(['FR-CNOM', 'open', '2026-12-01']);
  });

  it('is true without conditions', () => {
    expect(new Conditions().sql).toBe('true');
  });
});
