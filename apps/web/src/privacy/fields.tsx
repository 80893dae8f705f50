import { Fragment, ReactNode, useId } from 'react';

/** A labelled select with an "any" choice: the privacy lists' filters. */
export function FilterSelect({ label, value, onChange, options, any }: {
  label: string; value: string; onChange: (value: string) => void; options: [string, string][]; any: string;
}) {
  const id = useId();
  return (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={id}>{label}</label>
      <div className="ecl-select__container ecl-select__container--m">
        <select className="ecl-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{any}</option>
          {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        </select>
      </div>
    </div>
  );
}

/** A date input (native), whole days. */
export function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={id}>{label}</label>
      <input className="ecl-text-input ecl-text-input--s" type="date" id={id} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

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

/** Facts as an ECL description list: term, then what it says. */
export function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="ecl-description-list ecl-description-list--horizontal imi-facts">
      {rows.map(([term, value]) => (
        <Fragment key={term}>
          <dt className="ecl-description-list__term">{term}</dt>
          <dd className="ecl-description-list__definition">{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
