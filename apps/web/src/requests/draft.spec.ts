import type { Authority, Question } from './api';
import { Draft, emptyDraft, requestBody, stepBreaches } from './draft';

const question = (id: string, flags: Partial<Question> = {}): Question => ({
  id, answerType: 'yes-no', personalData: true, sensitive: false, freeText: false, language: 'fr', text: id, ...flags,
});
const AVAILABLE = [question('pq.diploma.authentic'), question('pq.disciplinary.sanctions', { sensitive: true }), question('pq.free-text', { answerType: 'text', freeText: true })];
const ADDRESSEE = { id: 'DE-BE-AEK', node: 'DE', name: 'Ärztekammer Berlin', legislativeAreas: ['professional-qualifications'] } as Authority;

const draft = (change: Partial<Draft> = {}): Draft => ({
  ...emptyDraft('2026-12-15'), area: 'professional-qualifications', addressee: ADDRESSEE,
  questions: [{ questionId: 'pq.diploma.authentic', freeText: '' }],
  person: { familyName: ' Martin ', givenNames: 'Luc', dateOfBirth: '', registerNumber: '', nationalId: '', nationalIdJustification: '' },
  ...change,
});

describe('the new-request draft', () => {
  it('becomes the body of POST /requests without empty optional fields', () => {
    expect(requestBody(draft(), AVAILABLE)).toEqual({
      addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications', replyBy: '2026-12-15T23:59:59Z',
      questions: [{ questionId: 'pq.diploma.authentic' }],
      subject: { familyName: 'Martin', givenNames: 'Luc', dateOfBirth: undefined, registerNumber: undefined, nationalId: undefined, nationalIdJustification: undefined },
      confidential: false, sensitiveReason: undefined,
    });
  });

  it('sends free text only with a free-text question, and a sensitive reason only with a sensitive one', () => {
    const body = requestBody(draft({
      questions: [{ questionId: 'pq.free-text', freeText: ' Where? ' }, { questionId: 'pq.diploma.authentic', freeText: 'stale' }],
      sensitiveReason: 'typed before the sensitive question was dropped',
    }), AVAILABLE);
    expect(body.questions).toEqual([{ questionId: 'pq.free-text', freeText: 'Where?' }, { questionId: 'pq.diploma.authentic' }]);
    expect(body.sensitiveReason).toBeUndefined();
    expect(requestBody(draft({ questions: [{ questionId: 'pq.disciplinary.sanctions', freeText: '' }], sensitiveReason: 'declared suspension' }), AVAILABLE).sensitiveReason)
      .toBe('declared suspension');
  });

  it('drops a justification whose national number was removed, as the node refuses one without the other', () => {
    const body = requestBody(draft({ person: { ...draft().person, nationalId: '', nationalIdJustification: 'typed earlier' } }), AVAILABLE);
    expect(body.subject.nationalIdJustification).toBeUndefined();
  });

  it('stops each step on what the node would refuse', () => {
    const today = '2026-12-01';
    expect(stepBreaches('area', draft({ area: '' }), AVAILABLE, today)).toEqual({ area: 'requests.rule.required' });
    expect(stepBreaches('addressee', draft({ addressee: null }), AVAILABLE, today)).toEqual({ addressee: 'requests.rule.required' });
    expect(stepBreaches('questions', draft({ questions: [], replyBy: today }), AVAILABLE, today))
      .toEqual({ questions: 'requests.rule.noQuestion', replyBy: 'requests.rule.replyByInPast' });
    expect(stepBreaches('safeguards', draft({ questions: [{ questionId: 'pq.disciplinary.sanctions', freeText: '' }] }), AVAILABLE, today))
      .toEqual({ sensitiveReason: 'requests.rule.sensitiveReason' });
    expect(stepBreaches('review', draft(), AVAILABLE, today)).toEqual({});
  });
});
