import { checkAttachment } from '../../../../libs/domain/src/attachments';
import { checkQuestions, localise, parseCatalogue } from '../../../../libs/domain/src/catalogue';
import { checkSubjectMinimisation } from '../../../../libs/domain/src/minimisation';
import { fileBreach, needsSensitiveReason, Person, personBreaches, questionBreaches, safeguardBreaches } from './rules';

/** The wizard's rules refuse exactly what the node's own checks refuse, case by case. */
const AREA = 'professional-qualifications';
const question = (id: string, answerType: string, flags: { sensitive?: boolean; freeText?: boolean } = {}) => ({
  id, answerType, personalData: true, sensitive: flags.sensitive ?? false, freeText: flags.freeText ?? false, text: { en: id, fr: id },
});
const catalogue = parseCatalogue({
  version: 1, languages: ['en', 'fr'],
  areas: { [AREA]: [question('pq.diploma.authentic', 'yes-no'), question('pq.disciplinary.sanctions', 'yes-no', { sensitive: true }), question('pq.free-text', 'text', { freeText: true })] },
});
const questions = catalogue.areas[AREA].map((q) => localise(catalogue, AREA, q.id, 'fr'));
const accepts = (check: () => unknown) => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

describe('the new-request wizard mirrors the node', () => {
  const person = (over: Partial<Person>): Person => ({
    familyName: 'Martin', givenNames: 'Jeanne', dateOfBirth: '', registerNumber: '', nationalId: '', nationalIdJustification: '', ...over,
  });
  it.each([
    person({}),
    person({ familyName: ' ' }),
    person({ registerNumber: 'R-1', nationalId: '1 80 04' }),
    person({ registerNumber: 'R-1', nationalId: '1 80 04', nationalIdJustification: 'homonyms in the register' }),
    person({ nationalId: '1 80 04' }),
    person({ nationalIdJustification: 'no number given' }),
  ])('on the person and the national identification number: %o', (p) => {
    const client = Object.keys({ ...personBreaches(p, '2026-12-01'), ...safeguardBreaches({ person: p, sensitiveReasonNeeded: false, sensitiveReason: '' }) }).length === 0;
    const nonEmpty = (s: string) => s || undefined;
    const server = accepts(() => checkSubjectMinimisation({
      familyName: p.familyName, givenNames: p.givenNames, registerNumber: nonEmpty(p.registerNumber), nationalId: nonEmpty(p.nationalId),
      nationalIdJustification: nonEmpty(p.nationalIdJustification),
    }));
    expect(client).toBe(server);
  });

  it.each([
    [['pq.diploma.authentic'], '', ''],
    [['pq.disciplinary.sanctions'], '', ''],
    [['pq.disciplinary.sanctions'], '', 'the applicant declared a suspension'],
    [['pq.free-text'], '', ''],
    [['pq.free-text'], 'Where did the person practise?', ''],
    [[], '', ''],
  ])('on the questions %o (free text %p, sensitive reason %p)', (ids, freeText, sensitiveReason) => {
    const chosen = ids.map((questionId) => ({ questionId, freeText }));
    const reasonNeeded = needsSensitiveReason(questions, chosen);
    const client = Object.keys({ ...questionBreaches(questions, chosen), ...safeguardBreaches({ person: person({}), sensitiveReasonNeeded: reasonNeeded, sensitiveReason }) }).length === 0;
    const server = accepts(() => checkQuestions(catalogue, AREA, chosen.map((c) => ({ questionId: c.questionId, freeText: c.freeText || undefined })), { sensitiveReason }));
    expect(client).toBe(server);
  });

  const bytes = (text: string) => new TextEncoder().encode(text);
  const sized = (size: number) => {
    const content = new Uint8Array(size);
    content.set(bytes('%PDF-1.4\n'));
    return content;
  };
  const pdf = bytes('%PDF-1.4\n%…\n');
  it.each([
    ['diploma.pdf', 'application/pdf', pdf],
    ['diploma.pdf', 'application/pdf', sized(160 * 1024 + 1)],
    ['diploma.pdf', 'application/pdf', sized(160 * 1024)],
    ['diploma.pdf', 'application/pdf', bytes('MZ not a pdf')],
    ['diploma.exe', 'application/x-msdownload', bytes('MZ')],
    ['scan.png', 'image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])],
    ['diploma.pdf', 'application/pdf', new Uint8Array(0)],
  ])('on a document %s (%s)', async (name, type, content) => {
    const file = new File([content as BlobPart], name, { type });
    const client = (await fileBreach(file)) === null;
    expect(client).toBe(accepts(() => checkAttachment({ fileName: name, contentType: type, content })));
  });
});
