import { addMonths, dueClosures, retentionStep } from './retention';

describe('addMonths', () => {
  it.each([
    ['2026-01-15T10:00:00Z', 6, '2026-07-15T10:00:00.000Z'],
    ['2026-08-31T12:00:00Z', 6, '2027-02-28T12:00:00.000Z'],
    ['2027-08-31T12:00:00Z', 6, '2028-02-29T12:00:00.000Z'],
    ['2026-12-31T00:00:00Z', 18, '2028-06-30T00:00:00.000Z'],
    ['2026-03-01T00:00:00Z', 36, '2029-03-01T00:00:00.000Z'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(new Date(from), months).toISOString()).toBe(expected);
  });
});

describe('retentionStep', () => {
  const standard = { blockAfterMonths: 6, deleteAfterMonths: 36 };
  const solvit = { blockAfterMonths: 18, deleteAfterMonths: 36 };
  const closedAt = new Date('2026-01-15T10:00:00Z');
  const open = { closedAt, blockedAt: null, deletedAt: null };
  const ms = (iso: string, delta = 0) => new Date(Date.parse(iso) + delta);

  it('keeps an exchange that is not formally closed, whatever the date', () => {
    expect(retentionStep({ closedAt: null, blockedAt: null, deletedAt: null }, standard, new Date('2040-01-01'))).toBe('keep');
  });

  it('blocks at exactly the period after closure, not a millisecond before', () => {
    expect(retentionStep(open, standard, ms('2026-07-15T10:00:00Z', -1))).toBe('keep');
    expect(retentionStep(open, standard, ms('2026-07-15T10:00:00Z'))).toBe('block');
  });

  it('blocks SOLVIT exchanges after 18 months', () => {
    expect(retentionStep(open, solvit, ms('2027-07-15T10:00:00Z', -1))).toBe('keep');
    expect(retentionStep(open, solvit, ms('2027-07-15T10:00:00Z'))).toBe('block');
  });

  it('does not block twice, and deletes at 3 years', () => {
    const blocked = { ...open, blockedAt: new Date('2026-07-15T10:00:00Z') };
    expect(retentionStep(blocked, standard, ms('2029-01-15T10:00:00Z', -1))).toBe('keep');
    expect(retentionStep(blocked, standard, ms('2029-01-15T10:00:00Z'))).toBe('delete');
    // A node that was down for years deletes at once, without blocking first.
    expect(retentionStep(open, standard, new Date('2030-01-01'))).toBe('delete');
    expect(retentionStep({ ...blocked, deletedAt: new Date('2029-01-15') }, standard, new Date('2035-01-01'))).toBe('keep');
  });
});

describe('dueClosures', () => {
  const areas = [{ blockAfterMonths: 6, deleteAfterMonths: 36 }, { blockAfterMonths: 18, deleteAfterMonths: 36 }, { blockAfterMonths: 3, deleteAfterMonths: 24 }];

  it('never leaves out an exchange that is due, whatever the day of the month it closed or runs on', () => {
    // Every closure day over four years (month ends and leap days included), against runs on month ends and mid-month.
    for (const run of ['2026-03-31T00:00:00Z', '2026-02-28T12:00:00Z', '2028-02-29T23:59:59Z', '2026-07-15T08:00:00Z']) {
      const now = new Date(run);
      const { blockClosedBy, deleteClosedBy } = dueClosures(areas, now);
      for (let day = 0; day < 4 * 366; day++) {
        const closedAt = new Date(now.getTime() - day * 86_400_000);
        for (const periods of areas) {
          const step = retentionStep({ closedAt, blockedAt: null, deletedAt: null }, periods, now);
          if (step !== 'keep') expect(closedAt.getTime()).toBeLessThanOrEqual(blockClosedBy.getTime());
          if (retentionStep({ closedAt, blockedAt: now, deletedAt: null }, periods, now) === 'delete') expect(closedAt.getTime()).toBeLessThanOrEqual(deleteClosedBy.getTime());
        }
      }
    }
  });

  it('reads the shortest periods, with a month to spare', () => {
    const { blockClosedBy, deleteClosedBy } = dueClosures(areas, new Date('2026-12-02T00:00:00Z'));
    expect(blockClosedBy.toISOString()).toBe('2026-10-02T00:00:00.000Z');
    expect(deleteClosedBy.toISOString()).toBe('2025-01-02T00:00:00.000Z');
  });
});
