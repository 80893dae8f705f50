import { FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Problem } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { DoneNotice, ProblemNotice } from '../../ui/ProblemNotice';
import { deactivateUser, Role, ROLES, setRoles, UserView } from '../api';
import { CheckboxGroup } from './fields';

/** One active user's roles, and deactivation after a confirmation: what the administrator can change. */
export function ManageUser({ user, onChanged, onClose }: { user: UserView; onChanged: (user: UserView) => void; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [roles, setChosen] = useState<Role[]>(user.roles);
  const [missingRole, setMissingRole] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const name = user.displayName ?? '';

  // Opened from the list: the keyboard follows to the form.
  useEffect(() => heading.current?.focus(), []);

  const saveRoles = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (roles.length === 0) return setMissingRole(true);
    setMissingRole(false);
    const result = await setRoles(user.id, roles);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setDone(t('admin.rolesSaved'));
    onChanged(result.data);
  };
  const deactivate = async () => {
    const result = await deactivateUser(user.id);
    if (!result.ok) return setProblem(result.problem);
    onChanged(result.data);
  };

  return (
    <section className="imi-section imi-action-form" aria-labelledby={`${id}-title`}>
      <h2 className="ecl-u-type-heading-2" id={`${id}-title`} tabIndex={-1} ref={heading}>{t('admin.manageTitle', { name })}</h2>
      {problem && <ProblemNotice problem={problem} />}
      {done && <DoneNotice text={done} />}
      <form onSubmit={saveRoles}>
        <CheckboxGroup id={`${id}-roles`} legend={t('admin.rolesLegend')} values={ROLES} chosen={roles} onChange={setChosen}
          labelOf={(r) => t(`admin.role.${r}`)} error={missingRole ? t('admin.atLeastOneRole') : null} />
        <div className="admin-buttons">
          <button type="submit" className="ecl-button ecl-button--primary">{t('admin.saveRoles')}</button>
          <button type="button" className="ecl-button ecl-button--secondary" onClick={onClose}>{t('admin.cancel')}</button>
        </div>
      </form>
      <h3 className="ecl-u-type-heading-3">{t('admin.deactivate')}</h3>
      <p className="ecl-u-type-paragraph" id={`${id}-warning`}>{t('admin.deactivateWarning')}</p>
      {confirming ? (
        <div className="admin-buttons">
          <button type="button" className="ecl-button ecl-button--primary admin-button-danger" aria-describedby={`${id}-warning`} onClick={() => void deactivate()}>
            {t('admin.deactivateConfirm', { name })}
          </button>
          <button type="button" className="ecl-button ecl-button--secondary" onClick={() => setConfirming(false)}>{t('admin.cancel')}</button>
        </div>
      ) : (
        <button type="button" className="ecl-button ecl-button--secondary" onClick={() => setConfirming(true)}>{t('admin.deactivate')}</button>
      )}
    </section>
  );
}
