import { InvalidRequest } from './errors';

/** The fields that identify the person concerned in a request: no more than needed. */
export interface SubjectIdentification {
  familyName: string;
  givenNames: string;
  dateOfBirth?: string | null;
  registerNumber?: string | null;
  nationalId?: string | null;
  nationalIdJustification?: string | null;
}

/**
 * Minimisation (privacy-rules.md): a national identification number is exceptional. When a
 * register number already identifies the person, sending it needs an explicit justification,
 * which is recorded and travels with it. A justification without a number is refused too: it
 * would record a reason for data that was never sent.
 */
export function checkSubjectMinimisation(subject: SubjectIdentification): void {
  const nationalId = subject.nationalId?.trim() || null;
  const justification = subject.nationalIdJustification?.trim() || null;
  if (!subject.familyName?.trim() || !subject.givenNames?.trim()) {
    throw new InvalidRequest('the person concerned needs a family name and given names');
  }
  if (justification && !nationalId) {
    throw new InvalidRequest('a national identification number justification is given without a number');
  }
  if (nationalId && subject.registerNumber?.trim() && !justification) {
    throw new InvalidRequest('a national identification number is sent alongside a register number only with a justification');
  }
}
