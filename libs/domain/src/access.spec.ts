import { checkPersonQuery, matchesPerson, normaliseName } from './access';

describe('checkPersonQuery', () => {
  it('takes a register number alone, or both names', () => {
    expect(checkPersonQuery({ registerNumber: ' RPPS-1 ' })).toEqual({ familyName: null, givenNames: null, dateOfBirth: null, registerNumber: 'RPPS-1' });
    expect(checkPersonQuery({ familyName: 'Müller', givenNames: 'Anna', dateOfBirth: '1980-01-31' }).dateOfBirth).toBe('1980-01-31');
  });

  it.each([
    [{}, 'identify the person'],
    [{ familyName: 'Müller' }, 'identify the person'],
    [{ familyName: 'Müller', givenNames: 'Anna', dateOfBirth: '1980-02-30' }, 'dateOfBirth must be a date'],
    [{ registerNumber: 'x'.repeat(101) }, 'registerNumber must be'],
    [{ registerNumber: 7 }, 'registerNumber must be'],
    [null, 'must be identified'],
  ])('refuses %j', (raw, message) => {
    expect(() => checkPersonQuery(raw)).toThrow(message);
  });
});

describe('matchesPerson', () => {
  const anna = { familyName: 'Müller-Lüdenscheidt', givenNames: 'Anna Maria', dateOfBirth: '1980-01-31', registerNumber: 'LANR 123 456' };
  const q = (over: object) => checkPersonQuery({ familyName: 'muller ludenscheidt', givenNames: 'ANNA  MARIA', ...over });

  it('matches names regardless of case, accents, hyphens and spacing', () => {
    expect(normaliseName(' Müller-Lüdenscheidt ')).toBe('muller ludenscheidt');
    expect(normaliseName('Wiśniewska-Łukasik')).toBe('wisniewska lukasik');
    expect(normaliseName('Søren Æbelø Straße')).toBe('soren aebelo strasse');
    expect(matchesPerson(q({}), anna)).toBe(true);
    expect(matchesPerson(q({ dateOfBirth: '1980-01-31' }), anna)).toBe(true);
  });

  it('does not match another date of birth, another given name, or names alone against a one-name query', () => {
    expect(matchesPerson(q({ dateOfBirth: '1980-01-30' }), anna)).toBe(false);
    expect(matchesPerson(q({ givenNames: 'Anna' }), anna)).toBe(false);
    expect(matchesPerson(checkPersonQuery({ registerNumber: 'X' }), anna)).toBe(false);
  });

  it('matches a register number alone, however it is spaced', () => {
    expect(matchesPerson(checkPersonQuery({ registerNumber: 'lanr-123456' }), anna)).toBe(true);
    expect(matchesPerson(checkPersonQuery({ registerNumber: 'LANR 123 457' }), anna)).toBe(false);
  });
});
