import { useI18n } from '../i18n/i18n';

/** An area's name in the reader's language, its id where the catalogue has a newer one than these texts. */
export function useAreaName(): (area: string) => string {
  const { tMaybe } = useI18n();
  return (area) => tMaybe(`requests.area.${area}`) ?? area;
}
