import { useId, useState } from 'react';
import type { Problem } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../router';
import type { Session } from '../../session/session';
import { Link } from '../../ui/Link';
import { ProblemNotice } from '../../ui/ProblemNotice';
import { register, REGISTRATION_KINDS, RegistrationKind } from '../api';
import { RegistrationForm } from './RegistrationForm';
import { SelectField, TextField } from './fields';
import { justRegistered } from './RegistrationScreen';

/** A coordinator registers an authority (or, the national coordinator, a delegated coordinator); validating it publishes it. */
export function NewRegistrationScreen({ session }: { session: Session }) {
  const { t } = useI18n();
  const id = useId();
  const country = session.authorityId.slice(0, 2);
  const [authorityId, setAuthorityId] = useState(`${country}-`);
  const [kind, setKind] = useState<RegistrationKind>('competent-authority');
  const [problem, setProblem] = useState<Problem | null>(null);

  return (
    <>
      <h1 className="ecl-u-type-heading-1">{t('admin.newRegistrationTitle')}</h1>
      <p><Link to="/admin/registrations">{t('admin.backToRegistrations')}</Link></p>
      {problem && <ProblemNotice problem={problem} />}
      <RegistrationForm country={country} submitLabel={t('admin.register')}
        before={<>
          <TextField id={`${id}-id`} label={t('admin.idLabel')} help={t('admin.idHelp', { example: `${country}-BY-HWK-MUC` })} value={authorityId}
            onChange={(value) => setAuthorityId(value.toUpperCase())} size="m" required />
          <SelectField id={`${id}-kind`} label={t('admin.filterKind')} value={kind} onChange={(value) => setKind(value || 'competent-authority')}
            options={REGISTRATION_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))} />
        </>}
        onSubmit={async (data) => {
          const result = await register({ id: authorityId.trim(), kind, ...data });
          if (!result.ok) {
            setProblem(result.problem);
            return false;
          }
          justRegistered.add(result.data.id);
          navigate(`/admin/registrations/${result.data.id}`);
          return true;
        }} />
    </>
  );
}
