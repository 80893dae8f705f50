import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES } from '../../../../libs/domain/src/attachments';
import { FREE_TEXT_MAX, TEXT_ANSWER_MAX } from '../../../../libs/domain/src/catalogue';
import type { Question } from './api';

/**
 * The node's rules for a new request and its documents, mirrored so the wizard can say what is
 * wrong in the reader's language before sending (libs/domain: checkQuestions,
 * checkSubjectMinimisation, checkAttachment; request.dto.ts). The server still decides.
 * Each rule names the field and the message key of what is wrong with it.
 */
export type Breaches = Partial<Record<string, RuleMessage>>;
export type RuleMessage =
  | 'requests.rule.required' | 'requests.rule.noQuestion' | 'requests.rule.freeTextMissing' | 'requests.rule.tooLong'
  | 'requests.rule.sensitiveReason' | 'requests.rule.nationalIdJustification' | 'requests.rule.justificationWithoutNumber'
  | 'requests.rule.replyByInPast' | 'requests.rule.dateInFuture' | 'requests.rule.fileType' | 'requests.rule.fileEmpty'
  | 'requests.rule.fileTooLarge' | 'requests.rule.fileContent' | 'requests.rule.fileName';

export { ATTACHMENT_MAX_BYTES, ATTACHMENT_CONTENT_TYPES };

export interface ChosenQuestion {
  questionId: string;
  freeText: string;
}

/** At least one question; a free-text question needs its text, within the API's limit. Fields: `questions`, `freeText-<id>`. */
export function questionBreaches(available: Question[], chosen: ChosenQuestion[]): Breaches {
  const breaches: Breaches = {};
  if (chosen.length === 0) breaches.questions = 'requests.rule.noQuestion';
  for (const c of chosen) {
    const question = available.find((q) => q.id === c.questionId);
    if (!question?.freeText) continue;
    if (!c.freeText.trim()) breaches[`freeText-${c.questionId}`] = 'requests.rule.freeTextMissing';
    else if (c.freeText.length > FREE_TEXT_MAX) breaches[`freeText-${c.questionId}`] = 'requests.rule.tooLong';
  }
  return breaches;
}

/** A question touching sensitive data (offences, sanctions, health) must say why it is asked. */
export const needsSensitiveReason = (available: Question[], chosen: ChosenQuestion[]): boolean =>
  chosen.some((c) => available.find((q) => q.id === c.questionId)?.sensitive);

/** The reply date: a calendar date after today (the node wants it after the moment of sending). */
export function replyByBreach(replyBy: string, today: string): RuleMessage | null {
  if (!replyBy) return 'requests.rule.required';
  return replyBy <= today ? 'requests.rule.replyByInPast' : null;
}

export interface Person {
  familyName: string;
  givenNames: string;
  dateOfBirth: string;
  registerNumber: string;
  nationalId: string;
  nationalIdJustification: string;
}

/** Names are required; a date of birth is not in the future. Fields are the person's. */
export function personBreaches(person: Person, today: string): Breaches {
  const breaches: Breaches = {};
  if (!person.familyName.trim()) breaches.familyName = 'requests.rule.required';
  if (!person.givenNames.trim()) breaches.givenNames = 'requests.rule.required';
  if (person.dateOfBirth && person.dateOfBirth > today) breaches.dateOfBirth = 'requests.rule.dateInFuture';
  return breaches;
}

/** A national identification number beside a register number only with a justification, and no justification without a number. */
export const needsNationalIdJustification = (person: Person): boolean => !!person.nationalId.trim() && !!person.registerNumber.trim();

export function safeguardBreaches(input: { person: Person; sensitiveReasonNeeded: boolean; sensitiveReason: string }): Breaches {
  const breaches: Breaches = {};
  if (input.sensitiveReasonNeeded && !input.sensitiveReason.trim()) breaches.sensitiveReason = 'requests.rule.sensitiveReason';
  if (input.sensitiveReason.length > FREE_TEXT_MAX) breaches.sensitiveReason = 'requests.rule.tooLong';
  const { person } = input;
  if (needsNationalIdJustification(person) && !person.nationalIdJustification.trim()) breaches.nationalIdJustification = 'requests.rule.nationalIdJustification';
  if (person.nationalIdJustification.trim() && !person.nationalId.trim()) breaches.nationalIdJustification = 'requests.rule.justificationWithoutNumber';
  if (person.nationalIdJustification.length > 1000) breaches.nationalIdJustification = 'requests.rule.tooLong';
  return breaches;
}

/** A text answer: not blank, at most the catalogue's limit in code points. */
export function textAnswerBreach(text: string): RuleMessage | null {
  if (!text.trim()) return null;
  return [...text].length > TEXT_ANSWER_MAX ? 'requests.rule.tooLong' : null;
}

const SIGNATURES: Record<string, number[]> = {
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** What the node refuses in a document, checked on the file's type, size, name and first bytes before anything is sent. */
export async function fileBreach(file: Pick<File, 'name' | 'type' | 'size' | 'slice'>): Promise<RuleMessage | null> {
  if (!(ATTACHMENT_CONTENT_TYPES as string[]).includes(file.type)) return 'requests.rule.fileType';
  if (file.size === 0) return 'requests.rule.fileEmpty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'requests.rule.fileTooLarge';
  if (!file.name || file.name.length > 200 || /[/\\\u0000-\u001f\u007f]/.test(file.name)) return 'requests.rule.fileName';
  const signature = SIGNATURES[file.type];
  const head = new Uint8Array(await file.slice(0, signature.length).arrayBuffer());
  return signature.every((byte, i) => head[i] === byte) ? null : 'requests.rule.fileContent';
}

/** Today as YYYY-MM-DD in the reader's time zone, the way a date input writes it. */
export function today(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
