import { alertReminders, checkAlertChange, checkContent, DirectoryAuthority, resolveRecipients } from './alert';
import { InvalidRequest } from './errors';

const directory: DirectoryAuthority[] = [
  { id: 'DE-AEK', node: 'DE', legislativeAreas: ['professional-qualifications'], status: 'active' },
  { id: 'FR-CNOM', node: 'FR', legislativeAreas: ['professional-qualifications'], status: 'active' },
  { id: 'FR-COORD', node: 'FR', legislativeAreas: ['professional-qualifications', 'services'], coordinates: ['professional-qualifications', 'services'], status: 'active' },
  { id: 'ES-COORD', node: 'ES', legislativeAreas: ['professional-qualifications'], coordinates: ['professional-qualifications'], status: 'active' },
  { id: 'ES-OLD', node: 'ES', legislativeAreas: ['professional-qualifications'], status: 'suspended' },
  { id: 'EC-GROW', node: 'EC', legislativeAreas: ['services'], status: 'active' },
];
const pq = { area: 'professional-qualifications', senderNode: 'DE', commissionIsParty: false, directory };
const services = { area: 'services', senderNode: 'DE', commissionIsParty: true, directory };

describe('resolveRecipients', () => {
  it('delivers to whole member states through their coordinator for the area, once each', () => {
    expect(resolveRecipients({ memberStates: ['FR', 'ES'], authorityIds: ['FR-COORD'] }, pq)).toEqual([
      { authorityId: 'FR-COORD', node: 'FR' },
      { authorityId: 'ES-COORD', node: 'ES' },
    ]);
  });

  it('reaches every other member state with a coordinator for the area', () => {
    expect(resolveRecipients({ allMemberStates: true }, pq)).toEqual([
      { authorityId: 'FR-COORD', node: 'FR' },
      { authorityId: 'ES-COORD', node: 'ES' },
    ]);
    expect(resolveRecipients({ allMemberStates: true }, { ...pq, senderNode: 'FR' })).toEqual([{ authorityId: 'ES-COORD', node: 'ES' }]);
  });

  it('takes named authorities and the Commission where it is a party', () => {
    expect(resolveRecipients({ authorityIds: ['FR-COORD'], commission: true }, services)).toEqual([
      { authorityId: 'FR-COORD', node: 'FR' },
      { authorityId: 'EC-GROW', node: 'EC' },
    ]);
  });

  it.each<[string, Parameters<typeof resolveRecipients>[0], typeof pq, RegExp]>([
    ['an empty choice', {}, pq, /at least one recipient/],
    ['an unknown authority', { authorityIds: ['XX-1'] }, pq, /XX-1 is not an active authority/],
    ['a suspended authority', { authorityIds: ['ES-OLD'] }, pq, /ES-OLD/],
    ['an authority not registered for the area', { authorityIds: ['EC-GROW'] }, pq, /EC-GROW is not an active authority registered/],
    ['an authority of the sender\'s own state', { authorityIds: ['DE-AEK'] }, pq, /own member state/],
    ['the sender\'s own state', { memberStates: ['DE'] }, pq, /own member state/],
    ['a state without a coordinator for the area', { memberStates: ['ES'] }, services, /ES has no coordinator/],
    ['the Commission where it is not a party', { commission: true }, pq, /Commission is not a party/],
  ])('refuses %s', (_, choice, context, message) => {
    expect(() => resolveRecipients(choice, context)).toThrow(InvalidRequest);
    expect(() => resolveRecipients(choice, context)).toThrow(message);
  });
});

describe('checkContent', () => {
  const alert = {
    person: { familyName: 'Muster', givenNames: 'Erika', dateOfBirth: '1970-01-01', nationalId: 'dropped' },
    profession: 'Doctor', decidingAuthority: 'Tribunal', scope: 'prohibition', periodFrom: '2026-11-01', decisionDate: '2026-10-30', extra: 'dropped',
  };

  it('keeps the fields an alert must have and drops anything else', () => {
    const content = checkContent('professional-qualifications-alert', alert);
    expect(content).toMatchObject({ profession: 'Doctor', scope: 'prohibition', periodUntil: null });
    expect(JSON.stringify(content)).not.toContain('dropped');
  });

  it.each<[string, unknown, RegExp]>([
    ['no person', { ...alert, person: undefined }, /content.person is required/],
    ['no profession', { ...alert, profession: ' ' }, /content.profession is required/],
    ['an unknown scope', { ...alert, scope: 'warning' }, /scope/],
    ['an impossible decision date', { ...alert, decisionDate: '2026-02-30' }, /decisionDate must be a date/],
    ['a period ending before it starts', { ...alert, periodUntil: '2026-01-01' }, /before/],
  ])('refuses a professional-qualifications alert with %s', (_, content, message) => {
    expect(() => checkContent('professional-qualifications-alert', content)).toThrow(message);
  });

  it('requires the danger of a services alert and the text of a notification', () => {
    expect(() => checkContent('services-alert', { providerName: 'X', activity: 'Y' })).toThrow(/content.danger/);
    expect(() => checkContent('notification', { subject: 'S' })).toThrow(/content.text/);
    expect(() => checkContent('notification', null)).toThrow(/content is required/);
  });
});

describe('checkAlertChange', () => {
  it('rectifies an open alert, withdraws it with a reason, closes it', () => {
    expect(checkAlertChange('open', { type: 'rectify' })).toBe('open');
    expect(checkAlertChange('open', { type: 'withdraw', reason: 'decision annulled' })).toBe('withdrawn');
    expect(checkAlertChange('open', { type: 'close' })).toBe('closed');
  });

  it.each([
    ['open', { type: 'withdraw', reason: ' ' }, /needs a reason/],
    ['closed', { type: 'rectify' }, /cannot rectify an alert that is closed/],
    ['withdrawn', { type: 'close' }, /cannot close an alert that is withdrawn/],
    ['closed', { type: 'withdraw', reason: 'x' }, /cannot withdraw/],
  ] as const)('refuses from %s: %j', (state, change, message) => {
    expect(() => checkAlertChange(state, change)).toThrow(message);
  });
});

describe('alertReminders', () => {
  const base = {
    kind: 'professional-qualifications-alert' as const, state: 'open' as const, decisionDate: '2026-11-02',
    sentAt: new Date('2026-11-05T12:00:00Z'), laterDecisionDate: null, lastChangedAt: new Date('2026-11-05T12:00:00Z'),
  };

  it('is quiet for an alert sent within 3 days of the decision', () => {
    expect(alertReminders(base, new Date('2026-12-01T00:00:00Z'))).toEqual([]);
  });

  it('reminds when the alert left more than 3 days after the decision', () => {
    expect(alertReminders({ ...base, sentAt: new Date('2026-11-06T00:00:00Z') }, new Date('2026-11-06T00:00:01Z'))).toEqual(['sent-more-than-3-days-after-decision']);
  });

  it('reminds when a later decision is not reflected within 3 days, and stops once the alert changed', () => {
    const later = { ...base, laterDecisionDate: '2026-11-20' };
    expect(alertReminders(later, new Date('2026-11-23T23:59:59Z'))).toEqual([]);
    expect(alertReminders(later, new Date('2026-11-24T00:00:00Z'))).toEqual(['later-decision-not-reflected']);
    expect(alertReminders({ ...later, lastChangedAt: new Date('2026-11-21T10:00:00Z') }, new Date('2026-11-30T00:00:00Z'))).toEqual([]);
    expect(alertReminders({ ...later, state: 'closed' }, new Date('2026-11-30T00:00:00Z'))).toEqual([]);
  });

  it('never reminds about notifications or services alerts', () => {
    expect(alertReminders({ ...base, kind: 'services-alert', sentAt: new Date('2027-01-01') }, new Date('2027-02-01'))).toEqual([]);
  });
});
