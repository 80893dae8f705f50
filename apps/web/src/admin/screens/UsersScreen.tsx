import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { Session } from '../../session/session';
import { Link } from '../../ui/Link';
import { PagedTable } from '../../ui/PagedTable';
import { DoneNotice } from '../../ui/ProblemNotice';
import { usePagedList } from '../../ui/usePagedList';
import { listUsers, Role, ROLES, UserView } from '../api';
import { SelectField } from './fields';
import { ManageUser } from './ManageUser';

/**
 * The authority's users, newest first, a page at a time (the API's cursor), by role and status;
 * one of them managed below the list. Not the administrator's own account: another administrator
 * changes that (the node refuses it too).
 */
export function UsersScreen({ session }: { session: Session }) {
  const { t, date, language } = useI18n();
  const id = useId();
  const [role, setRole] = useState<Role | ''>('');
  const [status, setStatus] = useState<UserView['status'] | ''>('active');
  const [managed, setManaged] = useState<UserView | null>(null);
  const [deactivated, setDeactivated] = useState(false);
  const notice = useRef<HTMLDivElement>(null);
  // The form that had the focus is gone: the keyboard goes on from what happened.
  useEffect(() => {
    if (deactivated) notice.current?.focus();
  }, [deactivated]);

  const list = usePagedList((from) => listUsers({ limit: 25, ...(role ? { role } : {}), ...(status ? { status } : {}), ...(from ? { cursor: from } : {}) }), [role, status, language]);

  /** A change made below: the row shows it at once. */
  const changed = (user: UserView) => {
    list.update((rows) => rows.map((row) => (row.id === user.id ? user : row)));
    setManaged(user.status === 'active' ? user : null);
    setDeactivated(user.status === 'deactivated');
  };
  const name = (u: UserView) => u.displayName ?? t('admin.formerUser');

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('admin.usersTitle')}</h1>
      <p><Link to="/admin/users/new" className="ecl-button ecl-button--primary admin-button-link">{t('admin.newUser')}</Link></p>
      <div className="imi-filters">
        <SelectField id={`${id}-role`} label={t('admin.filterRole')} value={role} onChange={setRole}
          options={[{ value: '', label: t('admin.anyRole') }, ...ROLES.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))]} />
        <SelectField id={`${id}-status`} label={t('admin.filterStatus')} value={status} onChange={setStatus}
          options={[{ value: '', label: t('admin.anyStatus') }, { value: 'active', label: t('admin.userStatus.active') }, { value: 'deactivated', label: t('admin.userStatus.deactivated') }]} />
      </div>
      <div ref={notice} tabIndex={-1}>{deactivated && <DoneNotice text={t('admin.deactivated')} />}</div>
      <PagedTable list={list} columns={[
        { header: t('admin.colName'), cell: (u) => name(u) },
        { header: t('admin.colEmail'), cell: (u) => u.email ?? '—' },
        { header: t('admin.colRoles'), cell: (u) => u.roles.map((r) => t(`admin.role.${r}`)).join(', ') },
        { header: t('admin.colSecondFactor'), cell: (u) => t(`admin.secondFactor.${u.secondFactor}`) },
        { header: t('admin.colStatus'), cell: (u) => t(`admin.userStatus.${u.status}`) },
        { header: t('admin.colCreated'), cell: (u) => date(u.createdAt) },
        {
          header: t('admin.colActions'),
          cell: (u) => u.status === 'active' && u.id !== session.userId && (
            <button type="button" className="ecl-button ecl-button--secondary" aria-expanded={managed?.id === u.id} aria-controls={`${id}-manage`} onClick={() => { setManaged(u); setDeactivated(false); }}>
              {t('admin.manage')}<span className="imi-visually-hidden"> {name(u)}</span>
            </button>
          ),
        },
      ]} />
      <div id={`${id}-manage`}>{managed && <ManageUser key={managed.id} user={managed} onChanged={changed} onClose={() => setManaged(null)} />}</div>
    </>
  );
}
