import { Fragment, ReactNode, useId } from 'react';

/** A list's filter: a labelled select, with an "any" choice first when `any` names it. */
export function FilterSelect({ label, value, onChange, options, any, size = 'm' }: {
  label: string; value: string; onChange: (value: string) => void; options: [string, string][]; any?: string; size?: 'm' | 'l';
}) {
  const id = useId();
  return (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={id}>{label}</label>
      <div className={`ecl-select__container ecl-select__container--${size}`}>
        <select className="ecl-select" id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {any !== undefined && <option value="">{any}</option>}
          {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        </select>
      </div>
    </div>
  );
}

/** A list's filter by day: a native date input, whole days. */
export function DateFilter({ label, value, onChange, size = 's' }: { label: string; value: string; onChange: (value: string) => void; size?: 's' | 'm' }) {
  const id = useId();
  return (
    <div className="ecl-form-group">
      <label className="ecl-form-label" htmlFor={id}>{label}</label>
      <input className={`ecl-text-input ecl-text-input--${size}`} type="date" id={id} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** An ECL checkbox with its label, and its help tied to it. */
export function Checkbox({ id, label, checked, onChange, help, describedBy, disabled, className }: {
  id: string; label: ReactNode; checked: boolean; onChange: (checked: boolean) => void; help?: string; describedBy?: string; disabled?: boolean; className?: string;
}) {
  const described = [help && `${id}-help`, describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`ecl-checkbox imi-checkbox${className ? ` ${className}` : ''}`}>
      <input type="checkbox" className="ecl-checkbox__input" id={id} checked={checked} disabled={disabled} aria-describedby={described} onChange={(e) => onChange(e.target.checked)} />
      <label className="ecl-checkbox__label" htmlFor={id}>
        <span className="ecl-checkbox__box" aria-hidden="true" />
        <span className="ecl-checkbox__text">{label}</span>
      </label>
      {help && <div className="ecl-checkbox__help requests-help" id={`${id}-help`}>{help}</div>}
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
