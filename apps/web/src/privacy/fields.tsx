import { useId } from 'react';

/** A text field or area with its label, an optional hint and the error tied to it. */
export function TextField({ label, value, onChange, hint, error, multiline, type = 'text', required }: {
  label: string; value: string; onChange: (value: string) => void; hint?: string; error?: string | null; multiline?: boolean; type?: string; required?: boolean;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, value, 'aria-describedby': described, 'aria-invalid': error ? true : undefined, required, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <div className="ecl-form-group imi-field">
      <label className="ecl-form-label" htmlFor={id}>{label}</label>
      {hint && <div className="ecl-help-block" id={`${id}-hint`}>{hint}</div>}
      {error && <div className="ecl-feedback-message" id={`${id}-error`}>{error}</div>}
      {multiline
        ? <textarea className="ecl-text-area ecl-text-area--l" rows={3} {...common} />
        : <input className="ecl-text-input ecl-text-input--l" type={type} {...common} />}
    </div>
  );
}
