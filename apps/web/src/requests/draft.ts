import type { Question } from './api';
import type { MessageKey } from '../i18n/i18n';
import type { Authority, NewRequest } from './api';
import {
  Breaches, ChosenQuestion, needsSensitiveReason, Person, personBreaches, questionBreaches, replyByBreach, safeguardBreaches,
} from './rules';

/** The wizard's steps, in the order the issue gives them. */
export const STEPS = ['area', 'addressee', 'questions', 'person', 'safeguards', 'attachments', 'review'] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TITLES: Record<Step, MessageKey> = {
  area: 'requests.step.area',
  addressee: 'requests.step.addressee',
  questions: 'requests.step.questions',
  person: 'requests.step.person',
  safeguards: 'requests.step.safeguards',
  attachments: 'requests.step.attachments',
  review: 'requests.step.review',
};

export interface DraftFile {
  file: File;
  concernsPerson: boolean;
}

/** Everything typed so far, in memory only (it is personal data): it survives a sign-in dialog, not a reload. */
export interface Draft {
  area: string;
  addressee: Authority | null;
  questions: ChosenQuestion[];
  replyBy: string;
  person: Person;
  confidential: boolean;
  sensitiveReason: string;
  files: DraftFile[];
}

export const emptyDraft = (replyBy: string): Draft => ({
  area: '', addressee: null, questions: [], replyBy,
  person: { familyName: '', givenNames: '', dateOfBirth: '', registerNumber: '', nationalId: '', nationalIdJustification: '' },
  confidential: false, sensitiveReason: '', files: [],
});

/** What stops a step, by field id (the ids the steps give their inputs). */
export function stepBreaches(step: Step, draft: Draft, available: Question[], today: string): Breaches {
  switch (step) {
    case 'area':
      return draft.area ? {} : { area: 'requests.rule.required' };
    case 'addressee':
      return draft.addressee ? {} : { addressee: 'requests.rule.required' };
    case 'questions': {
      const replyBy = replyByBreach(draft.replyBy, today);
      return { ...questionBreaches(available, draft.questions), ...(replyBy ? { replyBy } : {}) };
    }
    case 'person':
      return personBreaches(draft.person, today);
    case 'safeguards':
      return safeguardBreaches({ person: draft.person, sensitiveReasonNeeded: needsSensitiveReason(available, draft.questions), sensitiveReason: draft.sensitiveReason });
    default:
      return {};
  }
}

/** The body of POST /requests: empty optional fields left out, the reply date at the end of its day (UTC). */
export function requestBody(draft: Draft, available: Question[]): NewRequest {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const { person } = draft;
  return {
    addresseeAuthorityId: draft.addressee!.id,
    legislativeArea: draft.area,
    replyBy: `${draft.replyBy}T23:59:59Z`,
    questions: draft.questions.map((q) => (available.find((a) => a.id === q.questionId)?.freeText ? { questionId: q.questionId, freeText: q.freeText.trim() } : { questionId: q.questionId })),
    subject: {
      familyName: person.familyName.trim(), givenNames: person.givenNames.trim(), dateOfBirth: optional(person.dateOfBirth),
      registerNumber: optional(person.registerNumber), nationalId: optional(person.nationalId),
      nationalIdJustification: optional(person.nationalId) ? optional(person.nationalIdJustification) : undefined,
    },
    confidential: draft.confidential,
    sensitiveReason: needsSensitiveReason(available, draft.questions) ? optional(draft.sensitiveReason) : undefined,
  };
}
