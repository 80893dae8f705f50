import { InvalidRequest } from './errors';
import { checkSubjectMinimisation, SubjectIdentification } from './minimisation';

describe('checkSubjectMinimisation', () => {
  const person: SubjectIdentification = { familyName: 'Muster', givenNames: 'Erika' };

  it.each<[string, SubjectIdentification]>([
    ['names only', person],
    ['a register number', { ...person, registerNumber: 'RPPS-1' }],
    ['a national id without a register number', { ...person, nationalId: '123' }],
    ['a national id with a register number and a justification', { ...person, registerNumber: 'RPPS-1', nationalId: '123', nationalIdJustification: 'register number shared by two people' }],
  ])('accepts %s', (_, subject) => {
    expect(() => checkSubjectMinimisation(subject)).not.toThrow();
  });

  it.each<[string, SubjectIdentification, RegExp]>([
    ['a national id beside a register number without justification', { ...person, registerNumber: 'RPPS-1', nationalId: '123' }, /only with a justification/],
    ['a blank justification', { ...person, registerNumber: 'RPPS-1', nationalId: '123', nationalIdJustification: '   ' }, /only with a justification/],
    ['a justification without a number', { ...person, nationalIdJustification: 'because' }, /without a number/],
    ['a missing family name', { ...person, familyName: ' ' }, /family name/],
    ['missing given names', { ...person, givenNames: '' }, /given names/],
  ])('refuses %s', (_, subject, message) => {
    expect(() => checkSubjectMinimisation(subject)).toThrow(InvalidRequest);
    expect(() => checkSubjectMinimisation(subject)).toThrow(message);
  });

  it('never puts the values in its messages', () => {
    try {
      checkSubjectMinimisation({ ...person, registerNumber: 'RPPS-777', nationalId: 'NID-999' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).message).not.toMatch(/777|999|Muster|Erika/);
    }
  });
});
