import { defineMessages } from '../i18n/define';

/** The privacy screens' texts; keys start with `privacy.`. */
export const privacyMessages = defineMessages({
  en: {},
  fr: {},
  de: {},
  es: {},
  da: {},
});
