import { defineMessages } from '../i18n/define';

/** The requests screens' texts; keys start with `requests.`. */
export const requestsMessages = defineMessages({
  en: {},
  fr: {},
  de: {},
  es: {},
  da: {},
});
