import type { Language } from './languages';

/**
 * A feature's texts in every language: English is the reference, and the type makes every other
 * language give every English key. Keys are prefixed by the feature (`alerts.…`) so features
 * never collide; `catalogues.spec.ts` checks that too.
 */
export function defineMessages<const E extends Record<string, string>>(
  catalogue: { en: E } & Record<Exclude<Language, 'en'>, Record<keyof E, string>>,
): Record<Language, Record<keyof E, string>> {
  return catalogue;
}
