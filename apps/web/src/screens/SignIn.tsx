import { FormEvent, ReactElement, useEffect, useId, useRef, useState } from 'react';
import { firstSignIn, TotpEnrolment } from '../admin/api';
import { Problem, signIn } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Session, sessionFromToken } from '../session/session';
import { ProblemNotice } from '../ui/ProblemNotice';

type Step = 'sign-in' | 'first-sign-in' | 'enrol';

/** The secret in groups of four, as authenticator apps show keys: easier to type by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Sign-in with email, password and the one-time code; the authority only for an address that
 * is a user of several. A user the administrator created signs in the first time with email
 * and password alone: the node shows the authenticator's secret once (QR code and key), and the
 * first code from it signs in and confirms it. The secret lives in this component's state only,
 * gone once signed in. Nothing typed here is stored; the token goes to memory only.
 */
export function SignIn({ onSignedIn, expired }: { onSignedIn: (session: Session) => void; expired: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [authorityId, setAuthorityId] = useState('');
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [problem, setProblem] = useState<{ problem: Problem; summary?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  // A new step of the first sign-in: the keyboard and screen readers start at its heading.
  const [moved, setMoved] = useState(false);
  useEffect(() => {
    if (moved) heading.current?.focus();
  }, [step, moved]);
  const go = (next: Step) => {
    setProblem(null);
    setCode('');
    setMoved(true);
    setStep(next);
  };

  const who = () => ({ email: email.trim(), password, ...(authorityId.trim() ? { authorityId: authorityId.trim() } : {}) });
  const failedSummary = (status: number, text: string) => (status === 401 ? `${text} ${t('admin.signInFailedHint')}` : undefined);

  const submitSignIn = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const result = await signIn({ ...who(), code: code.trim() });
    setBusy(false);
    if (result.ok) {
      onSignedIn(sessionFromToken(result.data.token));
      return;
    }
    setCode('');
    setProblem({ problem: result.problem, summary: failedSummary(result.problem.status, t('signInFailed')) });
  };

  const submitFirstSignIn = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const result = await firstSignIn(who());
    setBusy(false);
    if (result.ok) {
      setEnrolment(result.data);
      go('enrol');
      return;
    }
    setProblem({
      problem: result.problem,
      summary: result.problem.status === 409 ? t('admin.enrolmentShownBefore') : failedSummary(result.problem.status, t('admin.firstSignInFailed')),
    });
  };

  const field = (name: string, label: string, input: ReactElement, help?: string) => (
    <div className="ecl-form-group imi-field">
      <label className="ecl-form-label" htmlFor={`${id}-${name}`}>{label}</label>
      {help && <div className="ecl-help-block" id={`${id}-${name}-help`}>{help}</div>}
      {input}
    </div>
  );
  const emailField = field('email', t('email'),
    <input className="ecl-text-input ecl-text-input--l" id={`${id}-email`} name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />);
  const passwordField = field('password', t('password'),
    <input className="ecl-text-input ecl-text-input--l" id={`${id}-password`} name="password" type="password" autoComplete="current-password" required value={password}
      onChange={(e) => setPassword(e.target.value)} />);
  const codeField = (help: string) => field('code', t('oneTimeCode'),
    <input className="ecl-text-input ecl-text-input--s" id={`${id}-code`} name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required
      aria-describedby={`${id}-code-help`} value={code} onChange={(e) => setCode(e.target.value)} />, help);
  const authorityField = field('authority', t('authorityId'),
    <input className="ecl-text-input ecl-text-input--m" id={`${id}-authority`} name="authorityId" autoComplete="organization" aria-describedby={`${id}-authority-help`}
      value={authorityId} onChange={(e) => setAuthorityId(e.target.value)} />, t('authorityIdHelp'));
  const notice = problem && <ProblemNotice problem={problem.problem} summary={problem.summary} />;
  const title = (text: string) => <h1 className="ecl-u-type-heading-1" id={`${id}-title`} ref={heading} tabIndex={-1}>{text}</h1>;

  if (step === 'first-sign-in') {
    return (
      <section aria-labelledby={`${id}-title`} className="imi-sign-in">
        {title(t('admin.firstSignInTitle'))}
        <p className="ecl-u-type-paragraph">{t('admin.firstSignInIntro')}</p>
        {notice}
        <form onSubmit={submitFirstSignIn}>
          {emailField}
          {passwordField}
          {authorityField}
          <div className="admin-buttons">
            <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('admin.continue')}</button>
            <button type="button" className="ecl-button ecl-button--secondary" onClick={() => go('sign-in')}>{t('admin.backToSignIn')}</button>
          </div>
        </form>
      </section>
    );
  }

  if (step === 'enrol' && enrolment) {
    return (
      <section aria-labelledby={`${id}-title`} className="imi-sign-in">
        {title(t('admin.enrolmentTitle'))}
        <p className="ecl-notification ecl-notification--warning imi-notification">{t('admin.enrolmentOnce')}</p>
        {notice}
        <p className="ecl-u-type-paragraph">{t('admin.enrolmentScan')}</p>
        <img className="admin-qr" src={enrolment.qrCode} alt={t('admin.qrAlt')} width={200} height={200} />
        <p className="ecl-u-type-paragraph" id={`${id}-secret-label`}>{t('admin.secretLabel')}:</p>
        <p><code className="admin-secret" aria-labelledby={`${id}-secret-label`} data-testid="totp-secret">{grouped(enrolment.secret)}</code></p>
        <form onSubmit={submitSignIn}>
          {codeField(t('admin.confirmCodeHelp'))}
          <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{busy ? t('signingIn') : t('admin.confirmAndSignIn')}</button>
        </form>
      </section>
    );
  }

  return (
    <section aria-labelledby={`${id}-title`} className="imi-sign-in">
      {title(t('signInTitle'))}
      {expired ? <p className="ecl-notification ecl-notification--warning imi-notification" role="status">{t('sessionExpired')}</p> : <p className="ecl-u-type-paragraph">{t('signInIntro')}</p>}
      {notice}
      <form onSubmit={submitSignIn} noValidate={false}>
        {emailField}
        {passwordField}
        {codeField(t('oneTimeCodeHelp'))}
        {authorityField}
        <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{busy ? t('signingIn') : t('signInButton')}</button>
      </form>
      {!expired && (
        <p className="imi-section">
          <button type="button" className="ecl-link ecl-link--standalone admin-link-button" onClick={() => go('first-sign-in')}>{t('admin.firstSignInLink')}</button>
        </p>
      )}
    </section>
  );
}
