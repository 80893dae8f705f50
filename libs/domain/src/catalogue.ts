import { InvalidCatalogue, InvalidRequest } from './errors';

/**
 * The pre-translated question catalogue (privacy-rules.md, question sets and minimisation).
 * The hub publishes it; nodes cache it. A request carries question ids, never text, so each
 * side reads the questions, and the structured answers, in its own user's language.
 */

/** The 24 official languages of the EU; a catalogue's structure is ready for all of them. */
export const EU_LANGUAGES = [
  'bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr',
  'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv',
] as const;
export type LanguageCode = (typeof EU_LANGUAGES)[number];

/** Every question must have English: it is what any other language falls back to. */
export const FALLBACK_LANGUAGE: LanguageCode = 'en';

/** The languages every question of the published catalogue is translated into (the minimum). */
export const REQUIRED_LANGUAGES: readonly LanguageCode[] = ['en', 'fr', 'de', 'es', 'da'];

export const ANSWER_TYPES = ['yes-no', 'date', 'text', 'choice', 'document'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** A text in some languages, always with English. */
export type LocalisedText = Readonly<Partial<Record<LanguageCode, string>>> & { readonly en: string };

export interface CatalogueChoice {
  readonly id: string;
  readonly text: LocalisedText;
}

export interface CatalogueQuestion {
  /** Stable: requests and answers refer to it; it never changes meaning between versions. */
  readonly id: string;
  readonly answerType: AnswerType;
  /** The question or its answer concerns an identified person. */
  readonly personalData: boolean;
  /** Special categories or offences, convictions, disciplinary or administrative sanctions. */
  readonly sensitive: boolean;
  /** The requester writes the question itself; the text here only labels it. */
  readonly freeText: boolean;
  readonly text: LocalisedText;
  /** Only on choice questions: the answer is one of these ids. */
  readonly choices?: readonly CatalogueChoice[];
}

/** Plain JSON data: nodes store it as given and parse it again on restart. */
export interface QuestionCatalogue {
  readonly version: number;
  readonly languages: readonly LanguageCode[];
  readonly areas: Readonly<Record<string, readonly CatalogueQuestion[]>>;
}

// Question ids follow the REST API's pattern, so every catalogue id can be asked.
const QUESTION_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const AREA_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const CHOICE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const TEXT_MAX = 1000;

/** Free text written into a request by the requester (matches the REST API's limit). */
export const FREE_TEXT_MAX = 2000;
/** A text answer, in characters. */
export const TEXT_ANSWER_MAX = 4000;

// ---------------------------------------------------------------------------------------------
// Parsing: a catalogue comes from a configuration file or from the network, so nothing is assumed.

type JsonObject = Record<string, unknown>;

function fail(message: string): never {
  throw new InvalidCatalogue(`invalid question catalogue: ${message}`);
}

function object(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${path} must be an object`);
  return value as JsonObject;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(`${path} must be an array`);
  return value;
}

/** Unknown keys are refused so a misspelt flag (`sensitve`) cannot silently drop a safeguard. */
function onlyKeys(value: JsonObject, allowed: readonly string[], path: string): void {
  const extra = Object.keys(value).find((key) => key !== '$comment' && !allowed.includes(key));
  if (extra !== undefined) fail(`${path} has an unknown property ${JSON.stringify(extra)}`);
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(`${path} must be true or false`);
  return value;
}

export function isLanguageCode(value: string): value is LanguageCode {
  return (EU_LANGUAGES as readonly string[]).includes(value);
}

function isAnswerType(value: unknown): value is AnswerType {
  return typeof value === 'string' && (ANSWER_TYPES as readonly string[]).includes(value);
}

function parseLanguages(value: unknown): LanguageCode[] {
  const languages = array(value, 'languages');
  const seen = new Set<LanguageCode>();
  for (const language of languages) {
    if (typeof language !== 'string' || !isLanguageCode(language)) {
      fail(`languages: ${JSON.stringify(language)} is not an official EU language code`);
    }
    if (seen.has(language)) fail(`languages: ${language} is listed twice`);
    seen.add(language);
  }
  if (!seen.has(FALLBACK_LANGUAGE)) fail(`languages must include ${FALLBACK_LANGUAGE}, the fallback language`);
  return [...seen];
}

function parseText(value: unknown, path: string, languages: readonly LanguageCode[]): LocalisedText {
  const text = object(value, path);
  const result: Partial<Record<LanguageCode, string>> = {};
  for (const [language, translation] of Object.entries(text)) {
    if (!isLanguageCode(language)) fail(`${path}: ${JSON.stringify(language)} is not an official EU language code`);
    if (!languages.includes(language)) fail(`${path}: ${language} is not one of the catalogue's languages`);
    if (typeof translation !== 'string' || !translation.trim() || translation.length > TEXT_MAX) {
      fail(`${path}.${language} must be a non-empty text of at most ${TEXT_MAX} characters`);
    }
    result[language] = translation;
  }
  if (result.en === undefined) fail(`${path} has no English (en) text`);
  return result as LocalisedText;
}

function sameLanguages(a: LocalisedText, b: LocalisedText): boolean {
  const left = Object.keys(a).sort().join();
  return left === Object.keys(b).sort().join();
}

/** A choice must read in every language its question does, or a reader would get a mixed form. */
function parseChoices(value: unknown, path: string, question: LocalisedText, languages: readonly LanguageCode[]): CatalogueChoice[] {
  if (value === undefined) fail(`${path} is a choice question without choices`);
  const items = array(value, `${path}.choices`);
  if (items.length < 2) fail(`${path}.choices must offer at least two choices`);
  const seen = new Set<string>();
  return items.map((item, i) => {
    const at = `${path}.choices[${i}]`;
    const choice = object(item, at);
    onlyKeys(choice, ['id', 'text'], at);
    if (typeof choice.id !== 'string' || !CHOICE_ID.test(choice.id)) fail(`${at}.id must match ${CHOICE_ID}`);
    if (seen.has(choice.id)) fail(`${path} has the choice ${choice.id} twice`);
    seen.add(choice.id);
    const text = parseText(choice.text, `${at}.text`, languages);
    if (!sameLanguages(text, question)) fail(`${at}.text must be in the same languages as the question`);
    return { id: choice.id, text };
  });
}

function parseQuestion(value: unknown, path: string, languages: readonly LanguageCode[], ids: Set<string>): CatalogueQuestion {
  const raw = object(value, path);
  onlyKeys(raw, ['id', 'answerType', 'personalData', 'sensitive', 'freeText', 'text', 'choices'], path);
  const { id, answerType } = raw;
  if (typeof id !== 'string' || !QUESTION_ID.test(id)) fail(`${path}.id must match ${QUESTION_ID}`);
  const at = `${path} (${id})`;
  // Ids are unique across areas too: an answer names only the question id.
  if (ids.has(id)) fail(`${at}: duplicate question id`);
  ids.add(id);
  if (!isAnswerType(answerType)) {
    fail(`${at}: unknown answer type ${JSON.stringify(answerType)}; expected one of ${ANSWER_TYPES.join(', ')}`);
  }
  const personalData = boolean(raw.personalData, `${at}.personalData`);
  const sensitive = boolean(raw.sensitive, `${at}.sensitive`);
  // Sensitive categories are categories of personal data; a sensitive flag alone is a mistake.
  if (sensitive && !personalData) fail(`${at}: a sensitive question must also be flagged personalData`);
  const freeText = raw.freeText === undefined ? false : boolean(raw.freeText, `${at}.freeText`);
  if (freeText && answerType !== 'text') fail(`${at}: a free-text question must have the answer type text`);
  const text = parseText(raw.text, `${at}.text`, languages);
  if (answerType !== 'choice') {
    if (raw.choices !== undefined) fail(`${at}: only choice questions have choices`);
    return { id, answerType, personalData, sensitive, freeText, text };
  }
  const choices = parseChoices(raw.choices, at, text, languages);
  return { id, answerType, personalData, sensitive, freeText, text, choices };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * Checks a catalogue strictly and returns it normalised (known properties only, `freeText`
 * always present) and frozen: one instance is shared by every request a node checks.
 */
export function parseCatalogue(json: unknown): QuestionCatalogue {
  const root = object(json, 'the catalogue');
  onlyKeys(root, ['version', 'languages', 'areas'], 'the catalogue');
  const { version } = root;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) fail('version must be a positive integer');
  const languages = parseLanguages(root.languages);
  const rawAreas = object(root.areas, 'areas');
  if (Object.keys(rawAreas).length === 0) fail('areas must name at least one legislative area');
  const ids = new Set<string>();
  const areas: Record<string, readonly CatalogueQuestion[]> = {};
  for (const [area, questions] of Object.entries(rawAreas)) {
    if (!AREA_ID.test(area)) fail(`areas: ${JSON.stringify(area)} is not a legislative area id`);
    const list = array(questions, `areas.${area}`);
    if (list.length === 0) fail(`areas.${area} has no questions`);
    areas[area] = list.map((question, i) => parseQuestion(question, `areas.${area}[${i}]`, languages, ids));
  }
  return deepFreeze({ version, languages, areas });
}

// ---------------------------------------------------------------------------------------------
// Requests: which questions may be asked, and with what.

/** Quotes an id from a caller in a message, bounded: ids are not personal data, but are untrusted. */
function quote(id: string): string {
  return JSON.stringify(String(id).slice(0, 100));
}

function areaQuestions(catalogue: QuestionCatalogue, area: string): readonly CatalogueQuestion[] {
  // hasOwn: an area named `constructor` must not reach Object.prototype.
  if (!Object.hasOwn(catalogue.areas, area)) {
    throw new InvalidRequest(`the question catalogue (version ${catalogue.version}) has no questions for the legislative area ${quote(area)}`);
  }
  return catalogue.areas[area];
}

/** The question of an area; an id from another area is unknown here. */
export function findQuestion(catalogue: QuestionCatalogue, area: string, questionId: string): CatalogueQuestion {
  const question = areaQuestions(catalogue, area).find((q) => q.id === questionId);
  if (!question) throw new InvalidRequest(`unknown question ${quote(questionId)} for the legislative area ${quote(area)}`);
  return question;
}

export interface RequestedQuestion {
  questionId: string;
  freeText?: string | null;
}

export interface CheckedQuestion {
  questionId: string;
  freeText: string | null;
  question: CatalogueQuestion;
}

export interface QuestionCheck {
  questions: CheckedQuestion[];
  /** At least one question touches sensitive data: the reason given is recorded and sent. */
  sensitive: boolean;
  /** At least one question concerns an identified person. */
  personalData: boolean;
}

function checkFreeText(question: CatalogueQuestion, freeText: string | null | undefined): string | null {
  const given = freeText !== undefined && freeText !== null;
  if (!question.freeText) {
    if (given) throw new InvalidRequest(`question ${quote(question.id)} is not a free-text question and takes no free text`);
    return null;
  }
  if (!given || typeof freeText !== 'string' || !freeText.trim()) {
    throw new InvalidRequest(`free-text question ${quote(question.id)} needs the text of the question`);
  }
  if (freeText.length > FREE_TEXT_MAX) {
    throw new InvalidRequest(`the text of free-text question ${quote(question.id)} is limited to ${FREE_TEXT_MAX} characters`);
  }
  return freeText;
}

/**
 * Checks the questions of a new request against the area's question set. Questions touching
 * sensitive data are refused unless the requester states why they are needed
 * (privacy-rules.md); a reason without such a question is allowed, as it may concern the
 * request's other content.
 */
export function checkQuestions(
  catalogue: QuestionCatalogue,
  area: string,
  questions: readonly RequestedQuestion[],
  justification: { sensitiveReason?: string | null } = {},
): QuestionCheck {
  const available = areaQuestions(catalogue, area);
  if (questions.length === 0) throw new InvalidRequest('a request asks at least one question');
  const seen = new Set<string>();
  const checked = questions.map(({ questionId, freeText }) => {
    if (seen.has(questionId)) throw new InvalidRequest(`question ${quote(questionId)} is asked twice`);
    seen.add(questionId);
    const question = available.find((q) => q.id === questionId);
    if (!question) throw new InvalidRequest(`unknown question ${quote(questionId)} for the legislative area ${quote(area)}`);
    return { questionId, freeText: checkFreeText(question, freeText), question };
  });
  const sensitive = checked.filter((c) => c.question.sensitive).map((c) => c.questionId);
  if (sensitive.length > 0 && !justification.sensitiveReason?.trim()) {
    const which = sensitive.length === 1 ? `question ${quote(sensitive[0])} touches` : `questions ${sensitive.map(quote).join(', ')} touch`;
    throw new InvalidRequest(`${which} sensitive data (offences, sanctions, health): state why in sensitiveReason`);
  }
  return { questions: checked, sensitive: sensitive.length > 0, personalData: checked.some((c) => c.question.personalData) };
}

// ---------------------------------------------------------------------------------------------
// Answers: structured, so either side can show them in its own language.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** An ISO 8601 calendar date (YYYY-MM-DD) that exists in the proleptic Gregorian calendar. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isValidAnswer(question: CatalogueQuestion, answer: string): boolean {
  switch (question.answerType) {
    case 'yes-no':
      return answer === 'yes' || answer === 'no';
    case 'date':
      return isCalendarDate(answer);
    case 'choice':
      return (question.choices ?? []).some((choice) => choice.id === answer);
    case 'text':
      // Code points, not UTF-16 units: the limit a reader sees.
      return answer.trim() !== '' && [...answer].length <= TEXT_ANSWER_MAX;
    case 'document':
      return UUID.test(answer);
  }
}

function expected(question: CatalogueQuestion): string {
  switch (question.answerType) {
    case 'yes-no':
      return '"yes" or "no"';
    case 'date':
      return 'an existing calendar date written YYYY-MM-DD';
    case 'choice':
      return `one of ${(question.choices ?? []).map((c) => c.id).join(', ')}`;
    case 'text':
      return `a non-empty text of at most ${TEXT_ANSWER_MAX} characters`;
    case 'document':
      return 'the id (a UUID) of an attachment';
  }
}

/**
 * Checks an answer against its question's type. The message names the question and what is
 * expected, never the answer: it may be personal data, and messages end up in logs.
 */
export function checkAnswer(question: CatalogueQuestion, answer: string): void {
  if (typeof answer !== 'string' || !isValidAnswer(question, answer)) {
    throw new InvalidRequest(`the answer to question ${quote(question.id)} must be ${expected(question)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Languages.

interface LanguageRange {
  primary: string;
  q: number;
}

const QVALUE = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/i;
const LANGUAGE_TAG = /^([a-z]{1,8})(-[a-z0-9]{1,8})*$/i;

/** One `tag;q=…` of an Accept-Language header; null when malformed (RFC 9110 §12.5.4). */
function parseRange(part: string): LanguageRange | null {
  const [tag, ...params] = part.split(';').map((s) => s.trim());
  let q = 1;
  for (const param of params) {
    if (!QVALUE.test(param)) return null;
    q = Number(param.slice(2));
  }
  if (tag === '*') return { primary: '*', q };
  const match = LANGUAGE_TAG.exec(tag);
  return match ? { primary: match[1].toLowerCase(), q } : null;
}

/**
 * The best of `available` for an Accept-Language header or a single tag (`de-DE`,
 * `fr;q=0.9, en;q=0.5`). Only the primary subtag counts: the catalogue has one text per
 * language, not per region. Null when nothing acceptable is available; callers fall back.
 */
export function preferredLanguage(acceptLanguage: string | null | undefined, available: readonly LanguageCode[]): LanguageCode | null {
  if (!acceptLanguage) return null;
  const ranges = acceptLanguage
    .split(',')
    .map(parseRange)
    .filter((range): range is LanguageRange => range !== null);
  const refused = new Set(ranges.filter((r) => r.q === 0).map((r) => r.primary));
  const wanted = ranges.filter((r) => r.q > 0).sort((a, b) => b.q - a.q); // stable: ties keep header order
  for (const { primary } of wanted) {
    if (primary === '*') {
      const any = [FALLBACK_LANGUAGE, ...available].find((l) => available.includes(l) && !refused.has(l));
      if (any) return any;
    } else if (isLanguageCode(primary) && available.includes(primary) && !refused.has(primary)) {
      return primary;
    }
  }
  return null;
}

function pick(text: LocalisedText, language: LanguageCode): string {
  return text[language] ?? text.en;
}

export interface LocalisedChoice {
  id: string;
  text: string;
}

export interface LocalisedQuestion {
  id: string;
  answerType: AnswerType;
  personalData: boolean;
  sensitive: boolean;
  freeText: boolean;
  /** The language of `text` (and of the choices): the one asked for, or English. */
  language: LanguageCode;
  text: string;
  choices?: LocalisedChoice[];
}

/** A question in the reader's language (`language`: a code, tag or Accept-Language header), else English. */
export function localise(catalogue: QuestionCatalogue, area: string, questionId: string, language: string | null | undefined): LocalisedQuestion {
  const question = findQuestion(catalogue, area, questionId);
  const available = Object.keys(question.text) as LanguageCode[];
  const chosen = preferredLanguage(language, available) ?? FALLBACK_LANGUAGE;
  const { id, answerType, personalData, sensitive, freeText } = question;
  const localised: LocalisedQuestion = { id, answerType, personalData, sensitive, freeText, language: chosen, text: pick(question.text, chosen) };
  if (question.choices) localised.choices = question.choices.map((c) => ({ id: c.id, text: pick(c.text, chosen) }));
  return localised;
}

/**
 * Yes and no in the official languages. Irish is left out: forms answer with a verb
 * ("Tá"/"Níl") that depends on the question, so English is the safer fallback.
 */
const YES_NO: Readonly<Partial<Record<LanguageCode, readonly [yes: string, no: string]>>> & { en: readonly [string, string] } = {
  bg: ['Да', 'Не'], cs: ['Ano', 'Ne'], da: ['Ja', 'Nej'], de: ['Ja', 'Nein'], el: ['Ναι', 'Όχι'],
  en: ['Yes', 'No'], es: ['Sí', 'No'], et: ['Jah', 'Ei'], fi: ['Kyllä', 'Ei'], fr: ['Oui', 'Non'],
  hr: ['Da', 'Ne'], hu: ['Igen', 'Nem'], it: ['Sì', 'No'], lt: ['Taip', 'Ne'], lv: ['Jā', 'Nē'],
  mt: ['Iva', 'Le'], nl: ['Ja', 'Nee'], pl: ['Tak', 'Nie'], pt: ['Sim', 'Não'], ro: ['Da', 'Nu'],
  sk: ['Áno', 'Nie'], sl: ['Da', 'Ne'], sv: ['Ja', 'Nej'],
};

export interface LocalisedAnswer {
  text: string;
  /** Null when the answer does not depend on a language (free text, a date, a document id). */
  language: LanguageCode | null;
}

/**
 * A structured answer as a reader sees it: yes/no and choices in `language` (else English);
 * dates, documents and free text as given (a client formats dates for its own locale).
 */
export function localiseAnswer(question: CatalogueQuestion, answer: string, language: LanguageCode): LocalisedAnswer {
  checkAnswer(question, answer);
  if (question.answerType === 'yes-no') {
    const labels = YES_NO[language];
    const [yes, no] = labels ?? YES_NO.en;
    return { text: answer === 'yes' ? yes : no, language: labels ? language : FALLBACK_LANGUAGE };
  }
  if (question.answerType === 'choice') {
    const choice = (question.choices ?? []).find((c) => c.id === answer)!;
    return { text: pick(choice.text, language), language: choice.text[language] !== undefined ? language : FALLBACK_LANGUAGE };
  }
  return { text: answer, language: null };
}
