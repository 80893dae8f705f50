import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { COMMISSION_NODE } from './api';

/**
 * Names of member states and legislative areas in the reader's language: countries from the
 * browser's own Intl data (no catalogue to keep), areas from the directory's texts, the code
 * itself where neither knows it.
 */
export function usePlaceNames(): { country: (code: string) => string; area: (id: string) => string } {
  const { t, tMaybe, language } = useI18n();
  return useMemo(() => {
    const regions = new Intl.DisplayNames([language], { type: 'region' });
    return {
      country: (code: string) => (code === COMMISSION_NODE ? t('directory.commission') : safely(() => regions.of(code)) ?? code),
      area: (id: string) => tMaybe(`directory.area.${id}`) ?? id,
    };
  }, [language, t, tMaybe]);
}

const safely = (name: () => string | undefined) => {
  try {
    return name();
  } catch {
    return undefined;
  }
};
