import { Checkbox } from '../../ui/fields';

/** The administration's form controls in ECL markup: every input labelled, its help and error tied to it. */
export function TextField({ id, label, value, onChange, help, type = 'text', size = 'l', required, autoComplete, pattern }: {
  id: string; label: string; value: string; onChange: (value: string) => void; help?: string; type?: 'text' | 'email' | 'password';
  size?: 's' | 'm' | 'l'; required?: boolean; autoComplete?: string; pattern?: string;
}) {
  return (
    <div className="ecl-form-group imi-field">
      <label className="ecl-form-label" htmlFor={id}>{label}</label>
      {help && <div className="ecl-help-block" id={`${id}-help`}>{help}</div>}
      <input className={`ecl-text-input ecl-text-input--${size}`} id={id} type={type} value={value} required={required} autoComplete={autoComplete ?? 'off'}
        pattern={pattern} aria-describedby={help ? `${id}-help` : undefined} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

export function SelectField<V extends string>({ id, label, value, onChange, options }: {
  id: string; label: string; value: V | ''; onChange: (value: V | '') => void; options: { value: V | ''; label: string }[];
}) {
  return (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={id}>{label}</label>
      <div className="ecl-select__container ecl-select__container--m">
        <select className="ecl-select" id={id} value={value} onChange={(e) => onChange(e.target.value as V | '')}>
          {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
    </div>
  );
}

/** Checkboxes for a set of values (roles, areas) in one fieldset; `error` is said when the set is refused. */
export function CheckboxGroup<V extends string>({ id, legend, values, chosen, onChange, labelOf, error }: {
  id: string; legend: string; values: V[]; chosen: V[]; onChange: (chosen: V[]) => void; labelOf: (value: V) => string; error?: string | null;
}) {
  return (
    <fieldset className="ecl-form-group imi-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="ecl-form-label">{legend}</legend>
      {error && <div className="ecl-feedback-message" id={`${id}-error`}>{error}</div>}
      {values.map((value) => (
        <Checkbox key={value} id={`${id}-${value}`} label={labelOf(value)} checked={chosen.includes(value)}
          onChange={(checked) => onChange(checked ? [...chosen, value] : chosen.filter((c) => c !== value))} />
      ))}
    </fieldset>
  );
}
