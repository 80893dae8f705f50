import { adminMessages } from '../admin/messages';
import { alertsMessages } from '../alerts/messages';
import { directoryMessages } from '../directory/messages';
import { privacyMessages } from '../privacy/messages';
import { requestsMessages } from '../requests/messages';
import { da } from './da';
import { de } from './de';
import { CoreKey, en } from './en';
import { es } from './es';
import { fr } from './fr';
import { Language, LANGUAGES } from './languages';

/** The shared texts (layout, sign-in, states, problems) and each feature's own. */
const CORE = { en, fr, de, es, da };
export const FEATURE_CATALOGUES = [requestsMessages, alertsMessages, directoryMessages, privacyMessages, adminMessages] as const;

type KeysOf<C> = C extends { en: infer E } ? keyof E & string : never;
type FeatureKey = KeysOf<(typeof FEATURE_CATALOGUES)[number]>;
export type MessageKey = CoreKey | FeatureKey;
export type Messages = Record<MessageKey, string>;

export const CATALOGUES = Object.fromEntries(
  LANGUAGES.map((language) => [language, Object.assign({}, CORE[language], ...FEATURE_CATALOGUES.map((feature) => feature[language]))]),
) as Record<Language, Messages>;

/** Keys given twice (by the core and a feature, or two features): the later would hide the earlier. */
export function duplicateKeys(): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const catalogue of [CORE.en, ...FEATURE_CATALOGUES.map((feature) => feature.en)]) {
    for (const key of Object.keys(catalogue)) {
      if (seen.has(key)) twice.push(key);
      seen.add(key);
    }
  }
  return twice;
}
