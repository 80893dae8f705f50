import { useId, useState } from 'react';
import type { Problem } from '../api/client';
import { searchDirectory } from '../directory/api';
import { useI18n } from '../i18n/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';
import type { Authority } from './api';
import { Radio } from './fields';

/**
 * The directory search across member states, narrowed to the authorities registered for the
 * area and to those `admits` (another member state for a new request, this one for
 * forwarding), with the results as a radio group: Tab reaches it, the arrow keys choose.
 */
export function AuthoritySearch({ inputId, label, area, admits, selected, onSelect, error }: {
  inputId: string; label?: string; area: string; admits: (authority: Authority) => boolean; selected: Authority | null; onSelect: (authority: Authority) => void; error?: string | null;
}) {
  const { t, language, number } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Authority[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async () => {
    setBusy(true);
    const result = await searchDirectory({ q: query.trim(), legislativeArea: area });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setResults(result.data.filter(admits));
  };
  const shown = results ?? (selected ? [selected] : []);
  return (
    <>
      {/* Not a form of its own: it sits inside the wizard's and the request page's forms. Enter searches. */}
      <div className="requests-search" role="search">
        <div className="ecl-form-group">
          <label className="ecl-form-label" htmlFor={inputId}>{label ?? t('requests.searchAuthority')}</label>
          <div className="ecl-help-block" id={`${id}-q-help`}>{t('requests.searchAuthorityHelp')}</div>
          <input id={inputId} type="search" className="ecl-text-input ecl-text-input--l" value={query} maxLength={200} aria-describedby={`${id}-q-help`} onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void search();
            }} />
        </div>
        <button type="button" className="ecl-button ecl-button--secondary" disabled={busy} onClick={() => void search()}>{t('requests.search')}</button>
      </div>
      {problem && <ProblemNotice problem={problem} />}
      <fieldset className="ecl-form-group imi-fieldset requests-results" aria-describedby={error ? `${id}-error` : undefined}>
        <legend className="ecl-form-label">{t('requests.chooseAuthority')}</legend>
        {error && <div className="ecl-feedback-message" id={`${id}-error`}>{error}</div>}
        {results && <p className="ecl-u-type-paragraph" role="status">{t(new Intl.PluralRules(language).select(results.length) === 'one' ? 'requests.resultCount.one' : 'requests.resultCount.other', { count: number(results.length) })}</p>}
        {shown.map((authority) => (
          <Radio key={authority.id} id={`${id}-${authority.id}`} name={`${id}-authority`} checked={selected?.id === authority.id} onChange={() => onSelect(authority)}
            label={<><strong>{authority.name}</strong> ({authority.id})</>}
            help={[authority.address?.city, authority.address?.country ?? authority.node].filter(Boolean).join(', ')} />
        ))}
      </fieldset>
    </>
  );
}
