import { FormEvent, useId, useState } from 'react';
import type { Problem } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../ui/Link';
import { DoneNotice, ProblemNotice } from '../../ui/ProblemNotice';
import { createUser, Role, ROLES } from '../api';
import { CheckboxGroup, TextField } from './fields';

/**
 * A new user of the authority with a password and roles. The administrator never sees the
 * second factor: the user sets it up at the first sign-in.
 */
export function NewUserScreen() {
  const { t } = useI18n();
  const id = useId();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [missingRole, setMissingRole] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (roles.length === 0) return setMissingRole(true);
    setMissingRole(false);
    setBusy(true);
    const result = await createUser({ email: email.trim(), displayName: displayName.trim(), password, roles });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setCreated(result.data.displayName ?? displayName);
    setEmail('');
    setDisplayName('');
    setPassword('');
    setRoles([]);
  };

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('admin.newUserTitle')}</h1>
      <p><Link to="/admin/users">{t('admin.backToUsers')}</Link></p>
      {created && <DoneNotice text={t('admin.userCreated', { name: created })} />}
      {problem && <ProblemNotice problem={problem} />}
      <form onSubmit={submit} className="admin-form">
        <TextField id={`${id}-email`} label={t('email')} type="email" value={email} onChange={setEmail} required />
        <TextField id={`${id}-name`} label={t('admin.displayName')} value={displayName} onChange={setDisplayName} required />
        <TextField id={`${id}-password`} label={t('admin.initialPassword')} type="password" autoComplete="new-password" value={password} onChange={setPassword}
          help={t('admin.initialPasswordHelp')} required />
        <CheckboxGroup id={`${id}-roles`} legend={t('admin.rolesLegend')} values={ROLES} chosen={roles} onChange={(chosen) => {
            setRoles(chosen);
            if (chosen.length > 0) setMissingRole(false);
          }}
          labelOf={(r) => t(`admin.role.${r}`)} error={missingRole ? t('admin.atLeastOneRole') : null} />
        <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('admin.createUser')}</button>
      </form>
    </>
  );
}
