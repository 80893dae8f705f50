import { defineMessages } from '../i18n/define';

/** The alerts screens' texts; keys start with `alerts.`. */
export const alertsMessages = defineMessages({
  en: {},
  fr: {},
  de: {},
  es: {},
  da: {},
});
