import { InvalidRequest } from './errors';
import { checkDirectoryData, checkRegistrant, nextRegistrationStatus, Registrant, RegistrationRefused } from './registration';

const nimic: Registrant = { id: 'DE-NIMIC', node: 'DE', kind: 'national-coordinator', status: 'active', legislativeAreas: [], region: null };
const bavaria: Registrant = { id: 'DE-BY-IMI', node: 'DE', kind: 'delegated-coordinator', status: 'active', legislativeAreas: ['services', 'posting-of-workers'], region: 'Bayern' };
const pq: Registrant = { id: 'DE-PQ-IMI', node: 'DE', kind: 'delegated-coordinator', status: 'active', legislativeAreas: ['professional-qualifications'], region: null };
const ca = (legislativeAreas: string[], region: string | null = null) => ({ node: 'DE', kind: 'competent-authority' as const, legislativeAreas, region });

describe('who registers and validates whom', () => {
  it('lets the national coordinator register competent authorities and delegated coordinators of its own state', () => {
    expect(() => checkRegistrant(nimic, ca(['services']))).not.toThrow();
    expect(() => checkRegistrant(nimic, { ...ca(['services']), kind: 'delegated-coordinator' })).not.toThrow();
    expect(() => checkRegistrant(nimic, { ...ca(['services']), node: 'FR' })).toThrow(RegistrationRefused);
  });

  it('lets a delegated coordinator act only for competent authorities within its areas and region', () => {
    expect(() => checkRegistrant(bavaria, ca(['services'], 'Bayern'))).not.toThrow();
    expect(() => checkRegistrant(bavaria, ca(['services'], 'Berlin'))).toThrow(/region Bayern/);
    expect(() => checkRegistrant(bavaria, ca(['services', 'patients-rights'], 'Bayern'))).toThrow(/patients-rights/);
    expect(() => checkRegistrant(pq, ca(['professional-qualifications'], 'Berlin'))).not.toThrow();
    expect(() => checkRegistrant(pq, { ...ca(['professional-qualifications']), kind: 'delegated-coordinator' })).toThrow(/only the national coordinator/);
  });

  it('refuses everyone else, and any change to the national coordinator', () => {
    expect(() => checkRegistrant(undefined, ca(['services']))).toThrow(RegistrationRefused);
    expect(() => checkRegistrant({ ...nimic, kind: 'competent-authority' }, ca(['services']))).toThrow(/only an active coordinator/);
    expect(() => checkRegistrant({ ...nimic, status: 'suspended' }, ca(['services']))).toThrow(/only an active coordinator/);
    expect(() => checkRegistrant(nimic, { ...ca([]), kind: 'national-coordinator' })).toThrow(/hub operator/);
  });
});

describe('registration states', () => {
  it('validates, suspends, reinstates and removes; removal is final', () => {
    expect(nextRegistrationStatus('registered', 'validate')).toBe('active');
    expect(nextRegistrationStatus('active', 'suspend')).toBe('suspended');
    expect(nextRegistrationStatus('suspended', 'reinstate')).toBe('active');
    for (const from of ['registered', 'active', 'suspended'] as const) expect(nextRegistrationStatus(from, 'remove')).toBe('removed');
    for (const action of ['validate', 'suspend', 'reinstate', 'remove'] as const) expect(() => nextRegistrationStatus('removed', action)).toThrow(RegistrationRefused);
    expect(() => nextRegistrationStatus('active', 'validate')).toThrow(/cannot validate an authority that is active/);
    expect(() => nextRegistrationStatus('registered', 'suspend')).toThrow(RegistrationRefused);
  });
});

describe('directory data', () => {
  const areas = ['services', 'professional-qualifications'];
  const valid = {
    names: { de: 'Ärztekammer Berlin', fr: 'Ordre des médecins de Berlin' },
    address: { street: 'Friedrichstraße 16', postalCode: '10969', city: 'Berlin', country: 'DE' },
    legislativeAreas: ['professional-qualifications'],
    keywords: { de: ['Approbation', 'Berufsanerkennung'], en: ['licence to practise'] },
    professions: ['medical doctor'],
    region: 'Berlin',
  };

  it('takes names in several languages, keywords, professions and a region', () => {
    expect(checkDirectoryData(valid, areas)).toEqual(valid);
    expect(checkDirectoryData({ ...valid, keywords: undefined, professions: undefined, region: undefined, address: { city: 'Berlin', country: 'DE' } }, areas))
      .toEqual({ ...valid, keywords: {}, professions: [], region: null, address: { street: null, postalCode: null, city: 'Berlin', country: 'DE' } });
  });

  it('refuses unknown areas and languages, missing names, and oversize fields', () => {
    expect(() => checkDirectoryData({ ...valid, legislativeAreas: ['astrology'] }, areas)).toThrow(/unknown legislative area astrology/);
    expect(() => checkDirectoryData({ ...valid, legislativeAreas: [] }, areas)).toThrow(InvalidRequest);
    expect(() => checkDirectoryData({ ...valid, names: {} }, areas)).toThrow(/at least one language/);
    expect(() => checkDirectoryData({ ...valid, names: { xx: 'Kammer' } }, areas)).toThrow(/not an EU\/EEA language/);
    expect(() => checkDirectoryData({ ...valid, names: { de: 'x'.repeat(301) } }, areas)).toThrow(/names.de/);
    expect(() => checkDirectoryData({ ...valid, keywords: { de: Array(51).fill('Wort') } }, areas)).toThrow(/at most 50/);
    expect(() => checkDirectoryData({ ...valid, address: { city: 'Berlin', country: 'Deutschland' } }, areas)).toThrow(/address.country/);
  });
});
