import { FormEvent, ReactElement, useId, useState } from 'react';
import { Problem, signIn } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Session, sessionFromToken } from '../session/session';
import { ProblemNotice } from '../ui/ProblemNotice';

/**
 * Sign-in with email, password and the one-time code; the authority only for an address that
 * is a user of several. Nothing typed here is stored; the token goes to memory only.
 */
export function SignIn({ onSignedIn, expired }: { onSignedIn: (session: Session) => void; expired: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [authorityId, setAuthorityId] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const result = await signIn({ email: email.trim(), password, code: code.trim(), ...(authorityId.trim() ? { authorityId: authorityId.trim() } : {}) });
    setBusy(false);
    if (result.ok) {
      onSignedIn(sessionFromToken(result.data.token));
      return;
    }
    setCode('');
    setProblem(result.problem);
  };

  const field = (name: string, label: string, input: ReactElement, help?: string) => (
    <div className="ecl-form-group imi-field">
      <label className="ecl-form-label" htmlFor={`${id}-${name}`}>{label}</label>
      {help && <div className="ecl-help-block" id={`${id}-${name}-help`}>{help}</div>}
      {input}
    </div>
  );

  return (
    <section aria-labelledby={`${id}-title`} className="imi-sign-in">
      <h1 className="ecl-u-type-heading-1" id={`${id}-title`}>{t('signInTitle')}</h1>
      {expired ? <p className="ecl-notification ecl-notification--warning imi-notification" role="status">{t('sessionExpired')}</p> : <p className="ecl-u-type-paragraph">{t('signInIntro')}</p>}
      {problem && <ProblemNotice problem={problem} summary={problem.status === 401 ? t('signInFailed') : undefined} />}
      <form onSubmit={submit} noValidate={false}>
        {field('email', t('email'), <input className="ecl-text-input ecl-text-input--l" id={`${id}-email`} name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />)}
        {field('password', t('password'), <input className="ecl-text-input ecl-text-input--l" id={`${id}-password`} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />)}
        {field('code', t('oneTimeCode'),
          <input className="ecl-text-input ecl-text-input--s" id={`${id}-code`} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required
            aria-describedby={`${id}-code-help`} value={code} onChange={(e) => setCode(e.target.value)} />, t('oneTimeCodeHelp'))}
        {field('authority', t('authorityId'),
          <input className="ecl-text-input ecl-text-input--m" id={`${id}-authority`} name="authorityId" autoComplete="organization" aria-describedby={`${id}-authority-help`}
            value={authorityId} onChange={(e) => setAuthorityId(e.target.value)} />, t('authorityIdHelp'))}
        <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{busy ? t('signingIn') : t('signInButton')}</button>
      </form>
    </section>
  );
}
