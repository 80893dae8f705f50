export const LANGUAGES = ['en', 'fr', 'de', 'es', 'da'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, as a switcher shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', de: 'Deutsch', es: 'Español', da: 'Dansk' };

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);
