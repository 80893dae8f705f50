import { InvalidRequest } from './errors';
import {
  checkCorrections, checkEarlyDeletion, checkEarlyDeletionAnswer, earlyDeletionOutcome, rightsOutcome, subjectRequestDueBy, subjectRequestReminder,
} from './subject-rights';

describe('subject request deadline', () => {
  const receivedAt = new Date('2026-11-01T09:00:00Z');
  const dueBy = subjectRequestDueBy(receivedAt);
  const at = (iso: string) => new Date(iso);

  it('is 30 days after receipt', () => {
    expect(dueBy.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('is not urgent until 7 days before the deadline, then approaching, then passed', () => {
    expect(subjectRequestReminder({ state: 'open', dueBy }, at('2026-11-24T08:59:59.999Z'))).toBeNull();
    expect(subjectRequestReminder({ state: 'open', dueBy }, at('2026-11-24T09:00:00Z'))).toBe('deadline-approaching');
    expect(subjectRequestReminder({ state: 'open', dueBy }, at('2026-12-01T09:00:00Z'))).toBe('deadline-approaching');
    expect(subjectRequestReminder({ state: 'open', dueBy }, at('2026-12-01T09:00:00.001Z'))).toBe('deadline-passed');
  });

  it('is never urgent once decided', () => {
    expect(subjectRequestReminder({ state: 'granted', dueBy }, at('2027-01-01T00:00:00Z'))).toBeNull();
    expect(subjectRequestReminder({ state: 'refused', dueBy }, at('2027-01-01T00:00:00Z'))).toBeNull();
  });
});

describe('checkCorrections', () => {
  it('keeps the known fields as given', () => {
    expect(checkCorrections({ familyName: 'Dupont-Martin', dateOfBirth: '1980-02-29', registerNumber: null }))
      .toEqual({ familyName: 'Dupont-Martin', dateOfBirth: '1980-02-29', registerNumber: null });
  });

  it.each([
    [null, 'needs corrections'],
    [[], 'needs corrections'],
    [{}, 'at least one'],
    [{ nationality: 'FR' }, 'nationality is not a field'],
    [{ familyName: '' }, 'familyName must be'],
    [{ givenNames: 'x'.repeat(201) }, 'givenNames must be'],
    [{ dateOfBirth: '1980-02-30' }, 'dateOfBirth must be a date'],
    [{ registerNumber: 42 }, 'registerNumber must be'],
  ])('refuses %j', (raw, message) => {
    expect(() => checkCorrections(raw)).toThrow(InvalidRequest);
    expect(() => checkCorrections(raw)).toThrow(message);
  });
});

describe('rightsOutcome', () => {
  it('changes available data, records a contest beside blocked data, and has nothing to do otherwise', () => {
    expect(rightsOutcome('available')).toBe('applied');
    expect(rightsOutcome('blocked')).toBe('contested');
    expect(rightsOutcome('deleted')).toBe('nothing-held');
    expect(rightsOutcome('not-held')).toBe('nothing-held');
  });
});

describe('early deletion', () => {
  it('waits for every participant, is agreed only when all agree, and is refused by any one refusal', () => {
    expect(earlyDeletionOutcome(['DE', 'ES'], [])).toBe('waiting');
    expect(earlyDeletionOutcome(['DE', 'ES'], [{ node: 'DE', agree: true }])).toBe('waiting');
    expect(earlyDeletionOutcome(['DE', 'ES'], [{ node: 'DE', agree: true }, { node: 'ES', agree: true }])).toBe('agreed');
    expect(earlyDeletionOutcome(['DE', 'ES'], [{ node: 'ES', agree: false }])).toBe('refused');
    expect(earlyDeletionOutcome(['DE', 'ES'], [{ node: 'DE', agree: true }, { node: 'ES', agree: false }])).toBe('refused');
  });

  it('is proposed only for a closed exchange whose data exists, with a reason', () => {
    expect(checkEarlyDeletion({ closed: true, personalData: 'available' }, '  case settled  ')).toBe('case settled');
    expect(checkEarlyDeletion({ closed: true, personalData: 'blocked' }, 'case settled')).toBe('case settled');
    expect(() => checkEarlyDeletion({ closed: false, personalData: 'available' }, 'x')).toThrow('only a closed exchange');
    expect(() => checkEarlyDeletion({ closed: true, personalData: 'deleted' }, 'x')).toThrow('already deleted');
    expect(() => checkEarlyDeletion({ closed: true, personalData: 'available' }, ' ')).toThrow('needs a reason');
  });

  it('accepts agreement without a reason but not a refusal', () => {
    expect(checkEarlyDeletionAnswer(true, undefined)).toEqual({ agree: true, reason: null });
    expect(checkEarlyDeletionAnswer(false, 'still litigated')).toEqual({ agree: false, reason: 'still litigated' });
    expect(() => checkEarlyDeletionAnswer(false, '')).toThrow('a refusal needs a reason');
    expect(() => checkEarlyDeletionAnswer('yes', 'x')).toThrow('agree must be true or false');
  });
});
