import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { catalogueSummary } from '../../requests/api';
import { useAreaName } from '../../requests/area-name';
import { Link } from '../../ui/Link';
import { PagedTable } from '../../ui/PagedTable';
import { usePagedList } from '../../ui/usePagedList';
import { useLoad } from '../../screens/useLoad';
import { listRegistrations, REGISTRATION_KINDS, REGISTRATION_STATUSES, RegistrationKind, RegistrationStatus } from '../api';
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
  const areas = useLoad(catalogueSummary, [language]).data?.areas ?? [];

  const list = usePagedList((from) => listRegistrations({
    limit: 25, ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(area ? { legislativeArea: area } : {}), ...(from ? { cursor: from } : {}),
  }), [status, kind, area, language]);

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
      <PagedTable list={list} columns={[
        { header: t('admin.colAuthority'), cell: (r) => <Link to={`/admin/registrations/${r.id}`}>{nameIn(r, language)}</Link> },
        { header: t('admin.colId'), cell: (r) => r.id },
        { header: t('admin.colKind'), cell: (r) => t(`admin.kind.${r.kind}`) },
        { header: t('admin.colStatus'), cell: (r) => t(`admin.regStatus.${r.status}`) },
        { header: t('admin.colAreas'), cell: (r) => r.legislativeAreas.map(areaName).join(', ') },
        { header: t('admin.colRegion'), cell: (r) => r.region ?? '—' },
      ]} />
    </>
  );
}
