import { useI18n } from '../i18n/i18n';
import type { AlertKind } from './api';
import { CONTENT_FIELDS, ContentError, ContentField, ContentValues } from './content';

/** The message of a field's fault, in the reader's language. */
export function useContentError(): (error: ContentError) => string {
  const { t, number } = useI18n();
  return (error) => (error.code === 'too-long' ? t('alerts.error.too-long', { max: number(error.max) }) : t(`alerts.error.${error.code}`));
}

/**
 * The fields of a kind's content, each labelled, required ones marked, its fault (shown once the
 * user has tried to send) tied to it with aria-describedby and aria-invalid.
 */
export function ContentFields({ idPrefix, kind, values, errors, onChange }: {
  idPrefix: string; kind: AlertKind; values: ContentValues; errors: Partial<Record<ContentField, ContentError>>; onChange: (values: ContentValues) => void;
}) {
  const { t } = useI18n();
  const message = useContentError();
  return (
    <>
      {CONTENT_FIELDS[kind].map((rule) => {
        const id = `${idPrefix}-${rule.name}`;
        const error = errors[rule.name];
        const set = (value: string) => onChange({ ...values, [rule.name]: value });
        const common = {
          id, required: rule.required, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined,
          value: values[rule.name] ?? '',
        };
        return (
          <div key={rule.name} className={`ecl-form-group imi-field${error ? ' ecl-form-group--invalid' : ''}`}>
            <label className="ecl-form-label" htmlFor={id}>
              {t(`alerts.field.${rule.name}`)} {rule.required ? <span className="ecl-form-label__required" aria-hidden="true">*</span> : <span className="ecl-form-label__optional">({t('alerts.optional')})</span>}
            </label>
            {error && <div className="ecl-feedback-message" id={`${id}-error`}>{message(error)}</div>}
            {rule.input === 'textarea' && <textarea className="ecl-text-area ecl-text-area--l" rows={4} {...common} onChange={(e) => set(e.target.value)} />}
            {rule.input === 'text' && <input className="ecl-text-input ecl-text-input--l" type="text" {...common} onChange={(e) => set(e.target.value)} />}
            {rule.input === 'date' && <input className="ecl-text-input ecl-text-input--s" type="date" {...common} onChange={(e) => set(e.target.value)} />}
            {rule.input === 'scope' && (
              <div className="ecl-select__container ecl-select__container--m">
                <select className="ecl-select" {...common} onChange={(e) => set(e.target.value)}>
                  <option value="">{t('alerts.choose')}</option>
                  <option value="restriction">{t('alerts.scope.restriction')}</option>
                  <option value="prohibition">{t('alerts.scope.prohibition')}</option>
                </select>
              </div>
            )}
          </div>
        );
      })}
    </>
  );
}
