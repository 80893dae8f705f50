import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/** An ECL table of rows, one column per entry: the lists share its markup (and its accessibility). */
export function DataTable<T extends { id: string }>({ columns, rows }: { columns: Column<T>[]; rows: T[] }) {
  return (
    <table className="ecl-table ecl-table--zebra imi-table">
      <thead className="ecl-table__head">
        <tr className="ecl-table__row">
          {columns.map((c) => <th key={c.header} scope="col" className="ecl-table__header">{c.header}</th>)}
        </tr>
      </thead>
      <tbody className="ecl-table__body">
        {rows.map((row) => (
          <tr key={row.id} className="ecl-table__row">
            {columns.map((c) => <td key={c.header} className="ecl-table__cell">{c.cell(row)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
