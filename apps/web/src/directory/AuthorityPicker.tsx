import { useId, useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';
import { DirectoryResult, nameLanguage, searchDirectory } from './api';
import { usePlaceNames } from './labels';

export interface PickedAuthority {
  id: string;
  name: string;
  node: string;
}

/**
 * Chooses authorities of other member states from the directory (words in any language,
 * registered for the area): a list to add from and the chosen ones to remove. A search field
 * inside the caller's form, so Enter searches rather than submitting it.
 */
export function AuthorityPicker({ area, ownNode, chosen, onChange, describedBy }: {
  area: string; ownNode: string | null; chosen: PickedAuthority[]; onChange: (next: PickedAuthority[]) => void; describedBy?: string;
}) {
  const { t } = useI18n();
  const names = usePlaceNames();
  const id = useId();
  const [text, setText] = useState('');
  const [found, setFound] = useState<DirectoryResult[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const search = async () => {
    const result = await searchDirectory({ legislativeArea: area, limit: 20, ...(text.trim() ? { q: text.trim() } : {}) });
    setProblem(result.ok ? null : result.problem);
    setFound(result.ok ? result.data.filter((r) => r.node !== ownNode) : null);
  };
  const add = (r: DirectoryResult) => onChange([...chosen, { id: r.id, name: r.name, node: r.node }]);

  return (
    <div className="directory-picker">
      <label className="ecl-form-label" htmlFor={`${id}-q`}>{t('directory.findAuthority')}</label>
      <div className="directory-picker__row">
        <input className="ecl-text-input ecl-text-input--m" id={`${id}-q`} type="search" maxLength={200} value={text} aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            void search();
          }} />
        <button type="button" className="ecl-button ecl-button--secondary" onClick={() => void search()}>{t('directory.search')}</button>
      </div>
      {problem && <ProblemNotice problem={problem} />}
      {found && (
        <ul className="ecl-unordered-list directory-picker__list" aria-label={t('directory.results')}>
          {found.length === 0 && <li className="ecl-unordered-list__item">{t('nothingHere')}</li>}
          {found.map((r) => (
            <li key={r.id} className="ecl-unordered-list__item">
              <span lang={nameLanguage(r)}>{r.name}</span> ({r.id}, {names.country(r.node)}){' '}
              <button type="button" className="ecl-button ecl-button--tertiary" disabled={chosen.some((c) => c.id === r.id)} onClick={() => add(r)}
                aria-label={t('directory.addNamed', { name: r.name })}>{t('directory.add')}</button>
            </li>
          ))}
        </ul>
      )}
      {chosen.length > 0 && (
        <ul className="ecl-unordered-list" aria-label={t('directory.chosen')}>
          {chosen.map((c) => (
            <li key={c.id} className="ecl-unordered-list__item">
              {c.name} ({c.id}){' '}
              <button type="button" className="ecl-button ecl-button--tertiary" onClick={() => onChange(chosen.filter((x) => x.id !== c.id))}
                aria-label={t('directory.removeNamed', { name: c.name })}>{t('directory.remove')}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
