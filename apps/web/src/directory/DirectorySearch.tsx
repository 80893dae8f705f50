import { FormEvent, useId, useMemo, useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useLoad } from '../screens/useLoad';
import { DataTable } from '../ui/DataTable';
import { FilterSelect } from '../ui/fields';
import { ListStatus } from '../ui/ListStatus';
import { DirectoryResult, listAuthorities, nameLanguage, searchDirectory } from './api';
import { usePlaceNames } from './labels';

/**
 * The directory of every member state's authorities: words in any language over names,
 * keywords, professions and places, narrowed by country and area; each authority named in the
 * reader's language where it gave one. The words stay in memory, never in the address.
 */
export function DirectorySearch() {
  const { t, number, language } = useI18n();
  const names = usePlaceNames();
  const id = useId();
  const [text, setText] = useState('');
  const [country, setCountry] = useState('');
  const [area, setArea] = useState('');
  const [results, setResults] = useState<DirectoryResult[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const network = useLoad(() => listAuthorities(), []);
  const countries = useMemo(() => [...new Set((network.data ?? []).map((a) => a.node))].sort(), [network.data]);
  const areas = useMemo(() => [...new Set((network.data ?? []).flatMap((a) => a.legislativeAreas))].sort(), [network.data]);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await searchDirectory({ limit: 50, ...(text.trim() ? { q: text.trim() } : {}), ...(country ? { country } : {}), ...(area ? { legislativeArea: area } : {}) });
    setBusy(false);
    setProblem(result.ok ? null : result.problem);
    setResults(result.ok ? result.data : null);
  };

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('directory.title')}</h1>
      <p className="ecl-u-type-paragraph">{t('directory.intro')}</p>
      <form role="search" aria-label={t('directory.title')} onSubmit={(e) => void search(e)} className="directory-form">
        <div className="ecl-form-group imi-field">
          <label className="ecl-form-label" htmlFor={`${id}-q`}>{t('directory.words')}</label>
          <div className="ecl-help-block" id={`${id}-q-help`}>{t('directory.wordsHelp')}</div>
          <input className="ecl-text-input ecl-text-input--l" id={`${id}-q`} type="search" maxLength={200} value={text}
            aria-describedby={`${id}-q-help`} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="imi-filters">
          <FilterSelect label={t('directory.country')} value={country} onChange={setCountry} any={t('directory.anyCountry')}
            options={countries.map((c) => [c, names.country(c)])} />
          <FilterSelect label={t('legislativeArea')} value={area} onChange={setArea} any={t('directory.anyArea')} size="l"
            options={areas.map((a) => [a, names.area(a)])} />
        </div>
        <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('directory.search')}</button>
      </form>
      <section aria-labelledby={`${id}-results`} className="imi-section">
        <h2 className="ecl-u-type-heading-2" id={`${id}-results`}>{t('directory.results')}</h2>
        <p role="status" className="ecl-u-type-paragraph">{results && (results.length === 1 ? t('directory.foundOne') : t('directory.found', { count: number(results.length) }))}</p>
        <ListStatus problem={problem ?? network.problem} loading={busy} empty={false} />
        {results && results.length > 0 && (
          <DataTable rows={results} columns={[
            { header: t('directory.name'), cell: (r) => <span lang={nameLanguage(r) ?? language}>{r.name}</span> },
            { header: t('directory.identifier'), cell: (r) => r.id },
            { header: t('directory.country'), cell: (r) => names.country(r.node) },
            { header: t('directory.areas'), cell: (r) => r.legislativeAreas.map(names.area).join(', ') },
          ]} />
        )}
      </section>
    </>
  );
}
