import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useAreaName } from '../../requests/area-name';
import { useLoad } from '../../screens/useLoad';
import { DataTable } from '../../ui/DataTable';
import { ListStatus } from '../../ui/ListStatus';
import { statistics, StatisticsRow } from '../api';

/** The node's exchanges counted by kind, legislative area and state (GET /statistics), numbers and dates in the reader's language. */
export function StatisticsScreen() {
  const { t, language, dateTime } = useI18n();
  const [asOf] = useState(() => new Date().toISOString());
  const loaded = useLoad(statistics, [language]);
  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('admin.statisticsTitle')}</h1>
      <p className="ecl-u-type-paragraph">{t('admin.statisticsIntro', { time: dateTime(asOf) })}</p>
      <ListStatus problem={loaded.problem} loading={loaded.loading && !loaded.data} empty={false} />
      {loaded.data && <>
        <Counts title={t('admin.requestsTable')} rows={loaded.data.requests} kindOf={() => t('admin.requestKind')} stateOf={(s) => `state.${s}`} />
        <Counts title={t('admin.alertsTable')} rows={loaded.data.alerts} kindOf={(k) => k} stateOf={(s) => `alerts.state.${s}`} kindKey={(k) => `alerts.kind.${k}`} />
      </>}
    </>
  );
}

function Counts({ title, rows, kindOf, stateOf, kindKey }: {
  title: string; rows: StatisticsRow[]; kindOf: (kind: string) => string; stateOf: (state: string) => string; kindKey?: (kind: string) => string;
}) {
  const { t, tMaybe, number } = useI18n();
  const areaName = useAreaName();
  const total = rows.reduce((sum, r) => sum + r.total, 0);
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <section className="imi-section" aria-labelledby={id}>
      <h2 className="ecl-u-type-heading-2" id={id}>{title} <span className="imi-count">{number(total)}</span></h2>
      <p className="imi-visually-hidden">{t('admin.totalOf', { count: number(total) })}</p>
      {rows.length === 0 ? <p className="ecl-u-type-paragraph">{t('admin.noneYet')}</p> : (
        <DataTable rows={rows.map((r) => ({ ...r, id: `${r.kind}|${r.legislativeArea}|${r.state}` }))} columns={[
          { header: t('admin.colKind'), cell: (r) => (kindKey && tMaybe(kindKey(r.kind))) || kindOf(r.kind) },
          { header: t('admin.filterArea'), cell: (r) => areaName(r.legislativeArea) },
          { header: t('admin.colState'), cell: (r) => tMaybe(stateOf(r.state)) ?? r.state },
          { header: t('admin.colTotal'), cell: (r) => number(r.total) },
          { header: t('admin.colAnonymised'), cell: (r) => number(r.anonymised) },
          { header: t('admin.colErasedOnRequest'), cell: (r) => number(r.erasedOnRequest) },
          { header: t('admin.colDeletedEarly'), cell: (r) => number(r.deletedEarly) },
          { header: t('admin.colDeletedAtRetention'), cell: (r) => number(r.deletedAtRetention) },
        ]} />
      )}
    </section>
  );
}
