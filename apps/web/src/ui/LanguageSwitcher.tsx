import { useId } from 'react';
import { isLanguage, Language, LANGUAGE_NAMES, LANGUAGES, useI18n } from '../i18n/i18n';

export function LanguageSwitcher({ onChange }: { onChange?: (language: Language) => void }) {
  const { t, language, setLanguage } = useI18n();
  const id = useId();
  return (
    <div className="imi-language">
      <label className="ecl-form-label imi-language__label" htmlFor={id}>{t('language')}</label>
      <div className="ecl-select__container ecl-select__container--s">
        <select id={id} className="ecl-select" value={language} onChange={(e) => {
          if (!isLanguage(e.target.value)) return;
          setLanguage(e.target.value);
          onChange?.(e.target.value);
        }}>
          {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </div>
    </div>
  );
}
