import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { CATALOGUES, MessageKey } from './catalogues';
import { isLanguage, Language } from './languages';

export { isLanguage, LANGUAGE_NAMES, LANGUAGES } from './languages';
export type { Language } from './languages';
export type { MessageKey } from './catalogues';

/** The browser's first preferred language this application has, else English. */
export function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/**
 * The one language setting kept in the browser: per user id (never the token), so people
 * sharing a workstation each get their own. Nothing else of the session is stored.
 */
const storageKey = (userId: string) => `imi.language.${userId}`;
export function rememberedLanguage(userId: string): Language | null {
  try {
    const value = localStorage.getItem(storageKey(userId));
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}
export function rememberLanguage(userId: string, language: Language): void {
  try {
    localStorage.setItem(storageKey(userId), language);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** The language the API is asked for (Accept-Language); read by the API client. */
let current: Language = 'en';
export const currentLanguage = (): Language => current;

export interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, values?: Record<string, string>) => string;
  /** A known key's text, or undefined: for texts chosen by a value from the server (states, problem types). */
  tMaybe: (key: string) => string | undefined;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initial, children }: { initial: Language; children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initial);
  current = language;
  const setLanguage = useCallback((next: Language) => {
    current = next;
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[language];
    const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    const dateTimeFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const numberFormat = new Intl.NumberFormat(language);
    return {
      language,
      setLanguage,
      t: (key, values) => messages[key].replace(/\{(\w+)\}/g, (_, name: string) => values?.[name] ?? `{${name}}`),
      tMaybe: (key) => (key in messages ? messages[key as MessageKey] : undefined),
      date: (iso) => (iso ? dateFormat.format(new Date(iso)) : '—'),
      dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '—'),
      number: (value) => numberFormat.format(value),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
