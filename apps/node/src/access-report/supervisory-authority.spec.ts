import { supervisoryAuthorityOf } from './supervisory-authority';

describe('the supervisory authority a report names for a complaint', () => {
  it('is the member state\'s national authority by default, and the EDPS for the Commission', () => {
    expect(supervisoryAuthorityOf('FR').name).toContain('CNIL');
    expect(supervisoryAuthorityOf('DK')).toEqual({ name: 'Datatilsynet', address: 'Carl Jacobsens Vej 35|2500 Valby|www.datatilsynet.dk' });
    expect(supervisoryAuthorityOf('GR')).toEqual(supervisoryAuthorityOf('EL'));
    expect(supervisoryAuthorityOf('EC').name).toContain('European Data Protection Supervisor');
  });

  it('is the one the node is configured with, e.g. a German Land\'s', () => {
    expect(supervisoryAuthorityOf('DE', { name: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit', address: 'Alt-Moabit 59-61|10555 Berlin' }))
      .toEqual({ name: 'Berliner Beauftragte für Datenschutz und Informationsfreiheit', address: 'Alt-Moabit 59-61|10555 Berlin' });
    // A name alone does not borrow the national authority's address.
    expect(supervisoryAuthorityOf('DE', { name: 'Landesbeauftragte' })).toEqual({ name: 'Landesbeauftragte', address: '' });
  });

  it('points to the EDPB\'s list for a code it does not know', () => {
    expect(supervisoryAuthorityOf('XX').address).toContain('edpb.europa.eu');
  });
});
