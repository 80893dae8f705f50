import { ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * ECL form fields with their label, help and error tied to the input (aria-describedby,
 * aria-invalid), so a screen reader announces what is wrong where it is wrong.
 */
export function TextField({ id, label, value, onChange, error, help, required, type = 'text', multiline, maxLength, min, max }: {
  id: string; label: string; value: string; onChange: (value: string) => void; error?: string | null; help?: string; required?: boolean;
  type?: 'text' | 'date' | 'search'; multiline?: boolean; maxLength?: number; min?: string; max?: string;
}) {
  const described = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id, value, required, maxLength, 'aria-invalid': error ? true : undefined, 'aria-describedby': described,
  };
  return (
    <div className={`ecl-form-group imi-field${error ? ' requests-invalid' : ''}`}>
      <FieldLabel id={id} label={label} required={required} />
      {help && <div className="ecl-help-block" id={`${id}-help`}>{help}</div>}
      {error && <div className="ecl-feedback-message" id={`${id}-error`}>{error}</div>}
      {multiline
        ? <textarea {...common} className={`ecl-text-area ecl-text-area--l${error ? ' ecl-text-area--invalid' : ''}`} rows={3} onChange={(e) => onChange(e.target.value)} />
        : <input {...common} type={type} min={min} max={max} className={`ecl-text-input ecl-text-input--l${error ? ' ecl-text-input--invalid' : ''}`} onChange={(e) => onChange(e.target.value)} />}
    </div>
  );
}

export function FieldLabel({ id, label, required }: { id: string; label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <label className="ecl-form-label" htmlFor={id}>
      {label}
      {required
        ? <> <span className="ecl-form-label__required" aria-hidden="true">*</span><span className="imi-visually-hidden"> ({t('required')})</span></>
        : <span className="ecl-form-label__optional"> ({t('requests.optional')})</span>}
    </label>
  );
}

export function Radio({ id, name, label, checked, onChange, help }: { id: string; name: string; label: ReactNode; checked: boolean; onChange: () => void; help?: ReactNode }) {
  return (
    <div className="ecl-radio">
      <input type="radio" className="ecl-radio__input" id={id} name={name} checked={checked} onChange={onChange} aria-describedby={help ? `${id}-help` : undefined} />
      <label className="ecl-radio__label" htmlFor={id}>
        <span className="ecl-radio__box"><span className="ecl-radio__box-inner" /></span>
        <span className="ecl-radio__text">{label}</span>
      </label>
      {help && <div className="ecl-radio__help requests-help" id={`${id}-help`}>{help}</div>}
    </div>
  );
}

/**
 * What stops the step, each line a link to its field; it takes the focus when it appears
 * (again), so keyboard and screen-reader users learn at once why nothing moved on.
 */
export function ErrorSummary({ errors, attempt }: { errors: { field: string; text: string }[]; attempt: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  if (errors.length === 0) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="ecl-notification ecl-notification--error imi-notification requests-error-summary" data-testid="wizard-errors">
      <div className="ecl-notification__content">
        <div className="ecl-notification__title">{t('requests.fixErrors')}</div>
        <ul className="ecl-unordered-list">
          {errors.map((e) => (
            <li key={e.field} className="ecl-unordered-list__item">
              <a className="ecl-link" href={`#${e.field}`} onClick={(event) => {
                event.preventDefault();
                document.getElementById(e.field)?.focus();
              }}>{e.text}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
