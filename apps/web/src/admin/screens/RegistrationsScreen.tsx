import { useEffect, useId, useState } from 'react';
import type { Problem } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useAreaName } from '../../requests/area-name';
import { DataTable } from '../../ui/DataTable';
import { Link } from '../../ui/Link';
import { ListStatus } from '../../ui/ListStatus';
import { useLoad } from '../../screens/useLoad';
import { catalogueAreas, listRegistrations, REGISTRATION_KINDS, REGISTRATION_STATUSES, RegistrationKind, RegistrationStatus, RegistrationSummary } from '../api';
import { SelectField } from './fields';
import { nameIn } from './registration-name';

/** The member state's registrations in the order of their ids, a page at a time, by status, kind and area. */
export function RegistrationsScreen() {
  const { t, language } = useI18n();
  const areaName = useAreaName();
  const id = useId();
  const [status, setStatus] = useState<RegistrationStatus | ''>('');
  const [kind, setKind] = useState<RegistrationKind | ''>('');
  const [area, setArea] = useState('');
  const [items, setItems] = useState<RegistrationSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const areas = useLoad(catalogueAreas, [language]).data?.areas ?? [];

  const load = async (from: string | null, previous: RegistrationSummary[]) => {
    const result = await listRegistrations({ limit: 25, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(area ? { legislativeArea: area } : {}), ...(from ? { cursor: from } : {}) });
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setItems([...previous, ...result.data.items]);
    setCursor(result.data.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load(null, []);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, kind, area, language]);

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('admin.registrationsTitle')}</h1>
      <p><Link to="/admin/registrations/new" className="ecl-button ecl-button--primary admin-button-link">{t('admin.newRegistration')}</Link></p>
      <div className="imi-filters">
        <SelectField id={`${id}-status`} label={t('admin.filterStatus')} value={status} onChange={setStatus}
          options={[{ value: '', label: t('admin.anyStatus') }, ...REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`admin.regStatus.${s}`) }))]} />
        <SelectField id={`${id}-kind`} label={t('admin.filterKind')} value={kind} onChange={setKind}
          options={[{ value: '', label: t('admin.anyKind') }, ...REGISTRATION_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))]} />
        <SelectField id={`${id}-area`} label={t('admin.filterArea')} value={area} onChange={setArea}
          options={[{ value: '', label: t('admin.anyArea') }, ...areas.map((a) => ({ value: a, label: areaName(a) }))]} />
      </div>
      <ListStatus problem={problem} loading={!items && !problem} empty={!!items && items.length === 0} />
      {items && items.length > 0 && (
        <DataTable rows={items} columns={[
          { header: t('admin.colAuthority'), cell: (r) => <Link to={`/admin/registrations/${r.id}`}>{nameIn(r, language)}</Link> },
          { header: t('admin.colId'), cell: (r) => r.id },
          { header: t('admin.colKind'), cell: (r) => t(`admin.kind.${r.kind}`) },
          { header: t('admin.colStatus'), cell: (r) => t(`admin.regStatus.${r.status}`) },
          { header: t('admin.colAreas'), cell: (r) => r.legislativeAreas.map(areaName).join(', ') },
          { header: t('admin.colRegion'), cell: (r) => r.region ?? '—' },
        ]} />
      )}
      {cursor && items && <button type="button" className="ecl-button ecl-button--secondary" onClick={() => void load(cursor, items)}>{t('moreResults')}</button>}
    </>
  );
}
