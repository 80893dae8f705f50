import { useI18n } from '../i18n/i18n';
import { Column, DataTable } from './DataTable';
import { ListStatus } from './ListStatus';
import type { PagedList } from './usePagedList';

/** A paged list's rows as a table, with what it says instead (problem, loading, nothing) and its "more results" button. */
export function PagedTable<T extends { id: string }>({ list, columns }: { list: PagedList<T>; columns: Column<T>[] }) {
  const { t } = useI18n();
  const { items, problem, loading, hasMore, more } = list;
  return (
    <>
      <ListStatus problem={problem} loading={loading} empty={!!items && items.length === 0} />
      {items && items.length > 0 && <DataTable rows={items} columns={columns} />}
      {hasMore && <button type="button" className="ecl-button ecl-button--secondary" onClick={more}>{t('moreResults')}</button>}
    </>
  );
}
