import { defineMessages } from '../i18n/define';

/** The admin screens' texts; keys start with `admin.`. */
export const adminMessages = defineMessages({
  en: {},
  fr: {},
  de: {},
  es: {},
  da: {},
});
