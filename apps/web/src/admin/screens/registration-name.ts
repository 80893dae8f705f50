import type { RegistrationSummary } from '../api';

/** An authority's name in the reader's language, else in English, else the first it gave. */
export const nameIn = (registration: Pick<RegistrationSummary, 'names'>, language: string): string =>
  registration.names[language] ?? registration.names.en ?? Object.values(registration.names)[0] ?? '';
