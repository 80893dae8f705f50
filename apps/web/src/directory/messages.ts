import { defineMessages } from '../i18n/define';

/** The directory screens' texts; keys start with `directory.`. */
export const directoryMessages = defineMessages({
  en: {},
  fr: {},
  de: {},
  es: {},
  da: {},
});
