import { Envelope } from './envelope';
import { checkEnvelopeFields } from './envelope-fields';

const envelope = (overrides: Partial<Envelope> = {}): Envelope => ({
  messageId: '9b2f7c1e-3d4a-4b5c-8d6e-7f8091a2b3c4', type: 'request.sent', senderNode: 'FR', senderAuthority: 'FR-CNOM', recipientNodes: ['DE'],
  recipientAuthorities: ['DE-BE-AEK'], caseId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9', legislativeArea: 'professional-qualifications', sentAt: Date.now(),
  causationId: null, bodyEncoding: 'JWE', body: Buffer.from('x'), ...overrides,
});

describe('checkEnvelopeFields', () => {
  it('accepts an envelope as senders write it', () => {
    expect(() => checkEnvelopeFields(envelope())).not.toThrow();
    expect(() => checkEnvelopeFields(envelope({ senderAuthority: null, legislativeArea: null, recipientAuthorities: [], sentAt: 0 }))).not.toThrow();
  });

  it.each([
    ['a date before 1970', { sentAt: -1 }],
    ['a date beyond what JavaScript or Postgres hold', { sentAt: -8.64e15 }],
    ['a number that is no date', { sentAt: Number.MAX_SAFE_INTEGER }],
    ['a date after year 9999', { sentAt: 253_402_300_800_000 }],
    ['a NUL in the type', { type: 'request.sent\u0000' }],
    ['a NUL in the case id', { caseId: 'case\u0000' }],
    ['a NUL in a recipient authority', { recipientAuthorities: ['DE-BE-AEK', '\u0000'] }],
    ['a NUL in the causation id', { causationId: '\u0000' }],
  ])('refuses %s as malformed', (_, overrides) => {
    expect(() => checkEnvelopeFields(envelope(overrides as Partial<Envelope>))).toThrow(expect.objectContaining({ code: 'malformed' }));
  });
});
