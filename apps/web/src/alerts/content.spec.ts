import { checkContent } from '../../../../libs/domain/src/alert';
import { InvalidRequest } from '../../../../libs/domain/src/errors';
import { checkValues, ContentValues, fromContent, toContent } from './content';

const pq: ContentValues = {
  familyName: 'Beispiel', givenNames: 'Anna', dateOfBirth: '1970-02-03', placeOfBirth: '', profession: 'Medical doctor',
  decidingAuthority: 'Berufsgericht Berlin', scope: 'prohibition', scopeDetail: '', periodFrom: '2026-11-01', periodUntil: '', decisionDate: '2026-10-30',
};

/** The form's checks mirror the server's: what one accepts the other accepts, what one refuses the other refuses. */
describe('alert content in the form', () => {
  const serverAccepts = (kind: Parameters<typeof checkContent>[0], values: ContentValues) => {
    try {
      checkContent(kind, toContent(kind, values));
      return true;
    } catch (error) {
      if (error instanceof InvalidRequest) return false;
      throw error;
    }
  };

  it.each<[string, Parameters<typeof checkContent>[0], ContentValues]>([
    ['a complete professional-qualifications alert', 'professional-qualifications-alert', pq],
    ['a services alert without measures', 'services-alert', { providerName: 'Gas GmbH', activity: 'Boilers', danger: 'Carbon monoxide', measuresTaken: '' }],
    ['a notification', 'notification', { subject: 'New address', text: 'From 1 January.' }],
  ])('accepts %s, as the server does', (_, kind, values) => {
    expect(checkValues(kind, values)).toEqual({});
    expect(serverAccepts(kind, values)).toBe(true);
  });

  it.each<[string, Parameters<typeof checkContent>[0], ContentValues, Record<string, unknown>]>([
    ['a missing family name', 'professional-qualifications-alert', { ...pq, familyName: '  ' }, { familyName: { code: 'required' } }],
    ['an impossible date', 'professional-qualifications-alert', { ...pq, periodFrom: '2026-02-30' }, { periodFrom: { code: 'date' } }],
    ['a period ending before it starts', 'professional-qualifications-alert', { ...pq, periodUntil: '2026-10-01' }, { periodUntil: { code: 'period-order' } }],
    ['no scope', 'professional-qualifications-alert', { ...pq, scope: '' }, { scope: { code: 'required' } }],
    ['an overlong provider name', 'services-alert', { providerName: 'x'.repeat(301), activity: 'A', danger: 'D' }, { providerName: { code: 'too-long', max: 300 } }],
    ['a notification without text', 'notification', { subject: 'S', text: '' }, { text: { code: 'required' } }],
  ])('refuses %s, as the server does', (_, kind, values, errors) => {
    expect(checkValues(kind, values)).toEqual(errors);
    expect(serverAccepts(kind, values)).toBe(false);
  });

  it('reads a version back into the form unchanged', () => {
    expect(fromContent('professional-qualifications-alert', checkContent('professional-qualifications-alert', toContent('professional-qualifications-alert', pq)))).toEqual(pq);
  });
});
