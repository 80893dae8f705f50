import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CatalogueQuestion, checkAnswer, checkQuestions, EU_LANGUAGES, findQuestion, localise, localiseAnswer, parseCatalogue,
  preferredLanguage, QuestionCatalogue, REQUIRED_LANGUAGES,
} from './catalogue';
import { InvalidCatalogue, InvalidRequest } from './errors';

const root = join(__dirname, '..', '..', '..');
const readConfig = (name: string): unknown => JSON.parse(readFileSync(join(root, 'config', name), 'utf8'));

const text = (en: string, extra: Record<string, string> = {}) => ({ en, ...extra });

/** A small catalogue built for each test, so a test can break one thing at a time. */
function sample(): any {
  return {
    version: 3,
    languages: ['en', 'fr', 'de'],
    areas: {
      'professional-qualifications': [
        { id: 'pq.diploma.authentic', answerType: 'yes-no', personalData: true, sensitive: false, text: text('Authentic?', { fr: 'Authentique ?', de: 'Echt?' }) },
        { id: 'pq.diploma.issue-date', answerType: 'date', personalData: true, sensitive: false, text: text('Issued on?', { fr: 'Délivré le ?' }) },
        {
          id: 'pq.register.status', answerType: 'choice', personalData: true, sensitive: false, text: text('Status?', { de: 'Status?' }),
          choices: [
            { id: 'registered', text: text('Registered', { de: 'Eingetragen' }) },
            { id: 'not-registered', text: text('Not registered', { de: 'Nicht eingetragen' }) },
          ],
        },
        { id: 'pq.certificate', answerType: 'document', personalData: true, sensitive: false, text: text('Certificate') },
        { id: 'pq.disciplinary.sanctions', answerType: 'yes-no', personalData: true, sensitive: true, text: text('Sanctions?') },
        { id: 'pq.free-text', answerType: 'text', personalData: true, sensitive: false, freeText: true, text: text('Free text', { fr: 'Question libre' }) },
      ],
      services: [
        { id: 'svc.provider.established', answerType: 'yes-no', personalData: false, sensitive: false, text: text('Established?') },
      ],
    },
  };
}

const PQ = 'professional-qualifications';

describe('parseCatalogue', () => {
  it('accepts a well-formed catalogue and normalises it', () => {
    const catalogue = parseCatalogue(sample());
    expect(catalogue.version).toBe(3);
    expect(catalogue.languages).toEqual(['en', 'fr', 'de']);
    expect(Object.keys(catalogue.areas)).toEqual([PQ, 'services']);
    expect(catalogue.areas[PQ][0]).toEqual({
      id: 'pq.diploma.authentic', answerType: 'yes-no', personalData: true, sensitive: false, freeText: false,
      text: { en: 'Authentic?', fr: 'Authentique ?', de: 'Echt?' },
    });
    expect(catalogue.areas[PQ][5].freeText).toBe(true);
  });

  it('survives its own JSON: a node stores the parsed catalogue and parses it again on restart', () => {
    const catalogue = parseCatalogue(sample());
    expect(parseCatalogue(JSON.parse(JSON.stringify(catalogue)))).toEqual(catalogue);
  });

  it('drops $comment keys and returns a frozen catalogue', () => {
    const input = sample();
    input.$comment = 'about the file';
    input.areas[PQ][0].$comment = 'about the question';
    const catalogue = parseCatalogue(input);
    expect(catalogue).not.toHaveProperty('$comment');
    expect(catalogue.areas[PQ][0]).not.toHaveProperty('$comment');
    expect(Object.isFrozen(catalogue)).toBe(true);
    expect(Object.isFrozen(catalogue.areas[PQ][2].choices![0].text)).toBe(true);
  });

  it('does not share structure with its input', () => {
    const input = sample();
    const catalogue = parseCatalogue(input);
    input.areas[PQ][0].text.en = 'changed';
    expect(catalogue.areas[PQ][0].text.en).toBe('Authentic?');
  });

  type Breakage = (c: any) => unknown;
  const q = (c: any, i = 0) => c.areas[PQ][i];

  it.each<[string, Breakage, RegExp]>([
    ['not an object', () => [], /the catalogue must be an object/],
    ['null', () => null, /the catalogue must be an object/],
    ['an unknown top-level property', (c) => { c.owner = 'x'; }, /unknown property "owner"/],
    ['a missing version', (c) => { delete c.version; }, /version must be a positive integer/],
    ['version 0', (c) => { c.version = 0; }, /version must be a positive integer/],
    ['a fractional version', (c) => { c.version = 1.5; }, /version must be a positive integer/],
    ['a version as a string', (c) => { c.version = '3'; }, /version must be a positive integer/],
    ['languages not an array', (c) => { c.languages = 'en'; }, /languages must be an array/],
    ['an unknown language code', (c) => { c.languages.push('xx'); }, /"xx" is not an official EU language code/],
    ['a language code in upper case', (c) => { c.languages.push('DA'); }, /"DA" is not an official EU language code/],
    ['a language listed twice', (c) => { c.languages.push('fr'); }, /fr is listed twice/],
    ['languages without English', (c) => { c.languages = ['fr', 'de']; }, /must include en/],
    ['no areas', (c) => { c.areas = {}; }, /at least one legislative area/],
    ['areas as an array', (c) => { c.areas = []; }, /areas must be an object/],
    ['a malformed area id', (c) => { c.areas['Services Directive'] = c.areas.services; }, /"Services Directive" is not a legislative area id/],
    ['an area without questions', (c) => { c.areas.services = []; }, /areas.services has no questions/],
    ['an area that is not a list', (c) => { c.areas.services = {}; }, /areas.services must be an array/],
    ['a question that is not an object', (c) => { c.areas.services[0] = 'q'; }, /areas.services\[0\] must be an object/],
    ['a missing question id', (c) => { delete q(c).id; }, /\.id must match/],
    ['a malformed question id', (c) => { q(c).id = 'PQ diploma'; }, /\.id must match/],
    ['a duplicate id in an area', (c) => { q(c, 1).id = 'pq.diploma.authentic'; }, /\(pq.diploma.authentic\): duplicate question id/],
    ['a duplicate id across areas', (c) => { c.areas.services[0].id = 'pq.free-text'; }, /\(pq.free-text\): duplicate question id/],
    ['an unknown answer type', (c) => { q(c).answerType = 'boolean'; }, /unknown answer type "boolean"; expected one of yes-no, date, text, choice, document/],
    ['a missing answer type', (c) => { delete q(c).answerType; }, /unknown answer type undefined/],
    ['a missing personalData flag', (c) => { delete q(c).personalData; }, /personalData must be true or false/],
    ['a personalData flag as a string', (c) => { q(c).personalData = 'yes'; }, /personalData must be true or false/],
    ['a missing sensitive flag', (c) => { delete q(c).sensitive; }, /sensitive must be true or false/],
    ['a misspelt flag', (c) => { q(c).sensitve = true; }, /unknown property "sensitve"/],
    ['a sensitive question without personal data', (c) => { q(c, 4).personalData = false; }, /sensitive question must also be flagged personalData/],
    ['a freeText flag that is not boolean', (c) => { q(c, 5).freeText = 1; }, /freeText must be true or false/],
    ['a free-text question not of type text', (c) => { q(c, 5).answerType = 'yes-no'; }, /free-text question must have the answer type text/],
    ['a question without text', (c) => { delete q(c).text; }, /\.text must be an object/],
    ['a question without English text', (c) => { delete q(c).text.en; }, /\(pq.diploma.authentic\)\.text has no English \(en\) text/],
    ['an empty translation', (c) => { q(c).text.fr = '  '; }, /\.text\.fr must be a non-empty text/],
    ['a translation that is not a string', (c) => { q(c).text.de = 42; }, /\.text\.de must be a non-empty text/],
    ['an overlong translation', (c) => { q(c).text.en = 'x'.repeat(1001); }, /\.text\.en must be a non-empty text of at most 1000/],
    ['text in an unknown language code', (c) => { q(c).text.xx = 'x'; }, /"xx" is not an official EU language code/],
    ['text in a region tag', (c) => { q(c).text['en-GB'] = 'x'; }, /"en-GB" is not an official EU language code/],
    ['text in a language the catalogue does not list', (c) => { q(c).text.da = 'Ægte?'; }, /da is not one of the catalogue's languages/],
    ['a choice question without choices', (c) => { delete q(c, 2).choices; }, /\(pq.register.status\) is a choice question without choices/],
    ['choices that are not a list', (c) => { q(c, 2).choices = {}; }, /choices must be an array/],
    ['a single choice', (c) => { q(c, 2).choices.pop(); }, /at least two choices/],
    ['a choice without id', (c) => { delete q(c, 2).choices[0].id; }, /choices\[0\]\.id must match/],
    ['a malformed choice id', (c) => { q(c, 2).choices[0].id = 'Registered!'; }, /choices\[0\]\.id must match/],
    ['a duplicate choice id', (c) => { q(c, 2).choices[1].id = 'registered'; }, /has the choice registered twice/],
    ['a choice without English', (c) => { delete q(c, 2).choices[1].text.en; }, /choices\[1\]\.text has no English/],
    ['a choice in fewer languages than its question', (c) => { delete q(c, 2).choices[1].text.de; }, /same languages as the question/],
    ['a choice in more languages than its question', (c) => { q(c, 2).choices[1].text.fr = 'Non inscrit'; }, /same languages as the question/],
    ['an unknown property on a choice', (c) => { q(c, 2).choices[0].label = 'x'; }, /unknown property "label"/],
    ['choices on a question of another type', (c) => { q(c).choices = q(c, 2).choices; }, /only choice questions have choices/],
  ])('refuses %s', (_, breakIt, message) => {
    const input = sample();
    const replaced = breakIt(input);
    const json = replaced === undefined ? input : replaced;
    expect(() => parseCatalogue(json)).toThrow(InvalidCatalogue);
    expect(() => parseCatalogue(json)).toThrow(message);
  });

  it('does not treat an area named after an Object property as existing', () => {
    const catalogue = parseCatalogue(sample());
    expect(() => findQuestion(catalogue, 'constructor', 'pq.free-text')).toThrow(InvalidRequest);
    expect(() => checkQuestions(catalogue, 'toString', [{ questionId: 'x' }])).toThrow(/no questions for the legislative area "toString"/);
  });
});

describe('checkQuestions', () => {
  let catalogue: QuestionCatalogue;
  beforeEach(() => {
    catalogue = parseCatalogue(sample());
  });

  it('resolves the questions with their flags', () => {
    const result = checkQuestions(catalogue, PQ, [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: 'Which specialty?' }]);
    expect(result.questions.map((q) => [q.questionId, q.freeText, q.question.answerType])).toEqual([
      ['pq.diploma.authentic', null, 'yes-no'],
      ['pq.free-text', 'Which specialty?', 'text'],
    ]);
    expect(result).toMatchObject({ sensitive: false, personalData: true });
  });

  it('reports an area whose questions carry no personal data', () => {
    expect(checkQuestions(catalogue, 'services', [{ questionId: 'svc.provider.established', freeText: null }])).toMatchObject({
      sensitive: false, personalData: false,
    });
  });

  it('accepts a sensitive question with a stated reason and says so', () => {
    const result = checkQuestions(catalogue, PQ, [{ questionId: 'pq.disciplinary.sanctions' }], { sensitiveReason: 'Art. 56(2): decision on access' });
    expect(result.sensitive).toBe(true);
    expect(result.questions[0].question.sensitive).toBe(true);
  });

  it('accepts a reason without a sensitive question (it may concern the rest of the request)', () => {
    expect(checkQuestions(catalogue, PQ, [{ questionId: 'pq.diploma.authentic' }], { sensitiveReason: 'health data in the file' }).sensitive).toBe(false);
  });

  it.each<[string, string, Parameters<typeof checkQuestions>[2], Parameters<typeof checkQuestions>[3], RegExp]>([
    ['an unknown legislative area', 'taxation', [{ questionId: 'pq.diploma.authentic' }], undefined, /no questions for the legislative area "taxation"/],
    ['an empty list', PQ, [], undefined, /at least one question/],
    ['an unknown question id', PQ, [{ questionId: 'pq.no-such' }], undefined, /unknown question "pq.no-such" for the legislative area "professional-qualifications"/],
    ['a question of another area', 'services', [{ questionId: 'pq.diploma.authentic' }], undefined, /unknown question "pq.diploma.authentic" for the legislative area "services"/],
    ['a question asked twice', PQ, [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.diploma.authentic' }], undefined, /"pq.diploma.authentic" is asked twice/],
    ['free text on a structured question', PQ, [{ questionId: 'pq.diploma.authentic', freeText: 'Really?' }], undefined, /"pq.diploma.authentic" is not a free-text question/],
    ['an empty free text on a structured question', PQ, [{ questionId: 'pq.diploma.authentic', freeText: '' }], undefined, /is not a free-text question/],
    ['a free-text question without text', PQ, [{ questionId: 'pq.free-text' }], undefined, /free-text question "pq.free-text" needs the text/],
    ['a free-text question with null text', PQ, [{ questionId: 'pq.free-text', freeText: null }], undefined, /needs the text/],
    ['a free-text question with blank text', PQ, [{ questionId: 'pq.free-text', freeText: ' \n ' }], undefined, /needs the text/],
    ['an overlong free text', PQ, [{ questionId: 'pq.free-text', freeText: 'x'.repeat(2001) }], undefined, /limited to 2000 characters/],
    ['a sensitive question without justification', PQ, [{ questionId: 'pq.disciplinary.sanctions' }], undefined, /question "pq.disciplinary.sanctions" touches sensitive data.*sensitiveReason/],
    ['a sensitive question with a null reason', PQ, [{ questionId: 'pq.disciplinary.sanctions' }], { sensitiveReason: null }, /touches sensitive data/],
    ['a sensitive question with a blank reason', PQ, [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.disciplinary.sanctions' }], { sensitiveReason: '   ' }, /touches sensitive data/],
  ])('refuses %s', (_, area, questions, justification, message) => {
    expect(() => checkQuestions(catalogue, area, questions, justification)).toThrow(InvalidRequest);
    expect(() => checkQuestions(catalogue, area, questions, justification)).toThrow(message);
  });

  it('never puts free text in its messages', () => {
    expect(() => checkQuestions(catalogue, PQ, [{ questionId: 'pq.diploma.authentic', freeText: 'Is Erika Muster a doctor?' }])).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/Erika|Muster/) }),
    );
  });

  it('bounds an id it quotes', () => {
    expect(() => checkQuestions(catalogue, PQ, [{ questionId: 'x'.repeat(500) }])).toThrow(
      expect.objectContaining({ message: expect.not.stringMatching(/x{101}/) }),
    );
  });
});

describe('checkAnswer', () => {
  const catalogue = parseCatalogue(sample());
  const question = (id: string): CatalogueQuestion => findQuestion(catalogue, PQ, id);

  it.each<[string, string]>([
    ['pq.diploma.authentic', 'yes'],
    ['pq.diploma.authentic', 'no'],
    ['pq.diploma.issue-date', '2011-06-30'],
    ['pq.diploma.issue-date', '2024-02-29'],
    ['pq.diploma.issue-date', '2000-02-29'],
    ['pq.register.status', 'registered'],
    ['pq.register.status', 'not-registered'],
    ['pq.free-text', 'General medicine, 2012'],
    ['pq.free-text', 'x'.repeat(4000)],
    ['pq.free-text', '€'.repeat(4000)],
    ['pq.free-text', '😀'.repeat(4000)],
    ['pq.certificate', '0b7c6f5e-3c1a-4f4e-9a51-2f0f3a1b9c77'],
    ['pq.certificate', '0B7C6F5E-3C1A-4F4E-9A51-2F0F3A1B9C77'],
  ])('accepts for %s: %j', (id, answer) => {
    expect(() => checkAnswer(question(id), answer)).not.toThrow();
  });

  it.each<[string, string, RegExp]>([
    ['pq.diploma.authentic', 'Yes', /"pq.diploma.authentic" must be "yes" or "no"/],
    ['pq.diploma.authentic', 'oui', /must be "yes" or "no"/],
    ['pq.diploma.authentic', '', /must be "yes" or "no"/],
    ['pq.diploma.issue-date', '2023-02-29', /"pq.diploma.issue-date" must be an existing calendar date written YYYY-MM-DD/],
    ['pq.diploma.issue-date', '1900-02-29', /existing calendar date/],
    ['pq.diploma.issue-date', '2011-04-31', /existing calendar date/],
    ['pq.diploma.issue-date', '2011-13-01', /existing calendar date/],
    ['pq.diploma.issue-date', '2011-00-10', /existing calendar date/],
    ['pq.diploma.issue-date', '2011-01-00', /existing calendar date/],
    ['pq.diploma.issue-date', '0000-01-01', /existing calendar date/],
    ['pq.diploma.issue-date', '2011-6-30', /existing calendar date/],
    ['pq.diploma.issue-date', '30/06/2011', /existing calendar date/],
    ['pq.diploma.issue-date', '2011-06-30T00:00:00Z', /existing calendar date/],
    ['pq.diploma.issue-date', ' 2011-06-30', /existing calendar date/],
    ['pq.register.status', 'Registered', /"pq.register.status" must be one of registered, not-registered/],
    ['pq.register.status', 'suspended', /must be one of registered, not-registered/],
    ['pq.free-text', '', /"pq.free-text" must be a non-empty text of at most 4000 characters/],
    ['pq.free-text', ' \t\n', /non-empty text/],
    ['pq.free-text', 'x'.repeat(4001), /at most 4000 characters/],
    ['pq.free-text', '😀'.repeat(4001), /at most 4000 characters/],
    ['pq.certificate', 'diploma.pdf', /"pq.certificate" must be the id \(a UUID\) of an attachment/],
    ['pq.certificate', '0b7c6f5e3c1a4f4e9a512f0f3a1b9c77', /UUID/],
    ['pq.certificate', '', /UUID/],
  ])('refuses for %s: %j', (id, answer, message) => {
    expect(() => checkAnswer(question(id), answer)).toThrow(InvalidRequest);
    expect(() => checkAnswer(question(id), answer)).toThrow(message);
  });

  it('refuses a value that is not a string', () => {
    expect(() => checkAnswer(question('pq.free-text'), 42 as unknown as string)).toThrow(InvalidRequest);
  });

  it('never echoes the answer, which may be personal data', () => {
    for (const [id, answer] of [['pq.diploma.issue-date', '1980-02-30'], ['pq.register.status', 'struck off by Dr Muster'], ['pq.certificate', 'muster.pdf']]) {
      expect(() => checkAnswer(question(id), answer)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(answer) }));
    }
  });
});

describe('preferredLanguage', () => {
  const available = ['en', 'fr', 'de', 'es', 'da'] as const;

  it.each<[string | null | undefined, string | null]>([
    ['de', 'de'],
    ['DE', 'de'],
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['fr;q=0.9', 'fr'],
    ['es-419', 'es'],
    ['zh-Hant-TW', null],
    ['pt-BR, da;q=0.5', 'da'],
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', 'fr'],
    ['en;q=0.5, da;q=0.8', 'da'],
    ['en;q=0.8, da;q=0.8', 'en'],
    ['da;q=0, de', 'de'],
    ['da;q=0', null],
    ['*', 'en'],
    ['en;q=0, *', 'fr'],
    ['it, *;q=0.1', 'en'],
    ['de;q=1.0', 'de'],
    ['de;q=0.001, fr;q=0.002', 'fr'],
    ['de;q=2, fr;q=0.5', 'fr'],
    ['de;q=abc, es;q=0.3', 'es'],
    ['de;level=1, es', 'es'],
    ['12, da', 'da'],
    [' da , de ', 'da'],
    ['', null],
    [null, null],
    [undefined, null],
    [',,,', null],
  ])('%j → %j', (header, expected) => {
    expect(preferredLanguage(header, available)).toBe(expected);
  });

  it('only returns a language that is available', () => {
    expect(preferredLanguage('sv, *', ['fr'])).toBe('fr');
    expect(preferredLanguage('sv', [])).toBeNull();
  });
});

describe('localise', () => {
  const catalogue = parseCatalogue(sample());

  it('returns the text in the requested language', () => {
    expect(localise(catalogue, PQ, 'pq.diploma.authentic', 'fr')).toEqual({
      id: 'pq.diploma.authentic', answerType: 'yes-no', personalData: true, sensitive: false, freeText: false, language: 'fr', text: 'Authentique ?',
    });
  });

  it('accepts a region tag or an Accept-Language header', () => {
    expect(localise(catalogue, PQ, 'pq.diploma.authentic', 'de-DE')).toMatchObject({ language: 'de', text: 'Echt?' });
    expect(localise(catalogue, PQ, 'pq.diploma.authentic', 'da, de;q=0.9, fr;q=0.8')).toMatchObject({ language: 'de', text: 'Echt?' });
  });

  it('falls back to English, per question, and says so', () => {
    expect(localise(catalogue, PQ, 'pq.diploma.issue-date', 'de')).toMatchObject({ language: 'en', text: 'Issued on?' });
    expect(localise(catalogue, PQ, 'pq.diploma.issue-date', 'fr;q=0.9')).toMatchObject({ language: 'fr', text: 'Délivré le ?' });
    expect(localise(catalogue, PQ, 'pq.diploma.authentic', 'sv')).toMatchObject({ language: 'en' });
    expect(localise(catalogue, PQ, 'pq.diploma.authentic', 'not a language')).toMatchObject({ language: 'en' });
    expect(localise(catalogue, PQ, 'pq.diploma.authentic', null)).toMatchObject({ language: 'en' });
  });

  it('localises choices in the same language as the question', () => {
    expect(localise(catalogue, PQ, 'pq.register.status', 'de')).toMatchObject({
      language: 'de', text: 'Status?', choices: [{ id: 'registered', text: 'Eingetragen' }, { id: 'not-registered', text: 'Nicht eingetragen' }],
    });
    expect(localise(catalogue, PQ, 'pq.register.status', 'fr').choices).toEqual([
      { id: 'registered', text: 'Registered' }, { id: 'not-registered', text: 'Not registered' },
    ]);
  });

  it('marks free-text questions', () => {
    expect(localise(catalogue, PQ, 'pq.free-text', 'fr')).toMatchObject({ freeText: true, answerType: 'text', text: 'Question libre' });
  });

  it('refuses an unknown question or area', () => {
    expect(() => localise(catalogue, PQ, 'pq.nope', 'fr')).toThrow(InvalidRequest);
    expect(() => localise(catalogue, 'services', 'pq.free-text', 'fr')).toThrow(/unknown question "pq.free-text"/);
    expect(() => localise(catalogue, 'taxation', 'pq.free-text', 'fr')).toThrow(/no questions for the legislative area "taxation"/);
  });
});

describe('localiseAnswer', () => {
  const catalogue = parseCatalogue(sample());
  const question = (id: string): CatalogueQuestion => findQuestion(catalogue, PQ, id);

  it('shows yes and no in the reader language, Irish falling back to English', () => {
    expect(localiseAnswer(question('pq.diploma.authentic'), 'yes', 'da')).toEqual({ text: 'Ja', language: 'da' });
    expect(localiseAnswer(question('pq.diploma.authentic'), 'no', 'fr')).toEqual({ text: 'Non', language: 'fr' });
    expect(localiseAnswer(question('pq.diploma.authentic'), 'yes', 'ga')).toEqual({ text: 'Yes', language: 'en' });
  });

  it('shows a choice in the reader language, else English', () => {
    expect(localiseAnswer(question('pq.register.status'), 'registered', 'de')).toEqual({ text: 'Eingetragen', language: 'de' });
    expect(localiseAnswer(question('pq.register.status'), 'registered', 'es')).toEqual({ text: 'Registered', language: 'en' });
  });

  it('leaves dates, documents and text as given', () => {
    expect(localiseAnswer(question('pq.diploma.issue-date'), '2011-06-30', 'de')).toEqual({ text: '2011-06-30', language: null });
    expect(localiseAnswer(question('pq.free-text'), 'Allgemeinmedizin', 'fr')).toEqual({ text: 'Allgemeinmedizin', language: null });
  });

  it('refuses an answer of the wrong type', () => {
    expect(() => localiseAnswer(question('pq.register.status'), 'suspended', 'de')).toThrow(InvalidRequest);
  });
});

describe('config/question-catalogue.json', () => {
  const catalogue = parseCatalogue(readConfig('question-catalogue.json'));
  const areas = (readConfig('legislative-areas.json') as { areas: { id: string }[] }).areas.map((a) => a.id);
  const all = Object.values(catalogue.areas).flat();

  it('is ready for all 24 official languages', () => {
    expect([...catalogue.languages].sort()).toEqual([...EU_LANGUAGES].sort());
  });

  it('has questions for exactly the legislative areas', () => {
    expect(Object.keys(catalogue.areas).sort()).toEqual([...areas].sort());
  });

  it.each(areas)('%s: 3 to 6 questions, one id prefix, one free-text question', (area) => {
    const questions = catalogue.areas[area];
    expect(questions.length).toBeGreaterThanOrEqual(3);
    expect(questions.length).toBeLessThanOrEqual(6);
    const prefixes = new Set(questions.map((q) => q.id.split('.')[0]));
    expect(prefixes.size).toBe(1);
    const [prefix] = prefixes;
    const free = questions.filter((q) => q.freeText);
    expect(free.map((q) => q.id)).toEqual([`${prefix}.free-text`]);
    expect(free[0]).toMatchObject({ answerType: 'text', personalData: true });
  });

  it('has every question, and every choice, in the required languages', () => {
    for (const question of all) {
      for (const language of REQUIRED_LANGUAGES) {
        expect({ id: question.id, language, has: question.text[language] !== undefined }).toEqual({ id: question.id, language, has: true });
        for (const choice of question.choices ?? []) {
          expect({ id: `${question.id}/${choice.id}`, language, has: choice.text[language] !== undefined }).toEqual({ id: `${question.id}/${choice.id}`, language, has: true });
        }
      }
    }
  });

  it('uses every answer type and flags sensitive questions', () => {
    expect(new Set(all.map((q) => q.answerType))).toEqual(new Set(['yes-no', 'date', 'text', 'choice', 'document']));
    expect(all.filter((q) => q.sensitive).map((q) => q.id)).toEqual(expect.arrayContaining(['pq.disciplinary.sanctions']));
  });

  it('keeps the ids the request flow relies on', () => {
    expect(findQuestion(catalogue, PQ, 'pq.diploma.authentic')).toMatchObject({ answerType: 'yes-no', sensitive: false, freeText: false });
    expect(localise(catalogue, PQ, 'pq.diploma.authentic', 'en').text).toMatch(/diploma authentic.*issued by the authority/);
    expect(findQuestion(catalogue, PQ, 'pq.free-text')).toMatchObject({ answerType: 'text', freeText: true });
    expect(findQuestion(catalogue, PQ, 'pq.disciplinary.sanctions')).toMatchObject({ answerType: 'yes-no', sensitive: true, personalData: true });
    expect(checkQuestions(catalogue, PQ, [{ questionId: 'pq.diploma.authentic' }, { questionId: 'pq.free-text', freeText: 'Which specialty?' }]).sensitive).toBe(false);
  });

  it('writes French questions with a non-breaking space before the question mark', () => {
    for (const question of all) expect(question.text.fr).not.toMatch(/ [?!:;]/);
  });
});
