import { useEffect } from 'react';
import { signOut } from './api/client';
import { Language, rememberedLanguage, rememberLanguage, useI18n } from './i18n/i18n';
import { routeOf, usePath } from './router';
import { SignIn } from './screens/SignIn';
import { Session, signedIn, signedOut, useSessionState } from './session/session';
import { Layout } from './ui/Layout';

/**
 * Signed out: the sign-in page. Signed in: the screen of the address. Session refused by the
 * server (expired, ended): the screen stays, inert, behind a sign-in dialog; signing in again
 * as the same user carries on where the user was, half-filled forms included.
 */
export function App() {
  const { session, expired } = useSessionState();
  const { t, setLanguage } = useI18n();
  const path = usePath();
  const matched = routeOf(path);

  useEffect(() => {
    document.title = session || expired ? `${t(matched?.route.title ?? 'problem.not-found')} – IMI` : `${t('signInTitle')} – IMI`;
  });

  const onSignedIn = (next: Session) => {
    const language = rememberedLanguage(next.userId);
    if (language) setLanguage(language);
    signedIn(next);
  };
  const onLanguage = (language: Language) => {
    if (session) rememberLanguage(session.userId, language);
  };
  const onSignOut = async () => {
    await signOut();
    signedOut();
  };

  if (!session && !expired) {
    return <Layout session={null}><SignIn onSignedIn={onSignedIn} expired={false} /></Layout>;
  }
  const who = session ?? { ...expired!, token: '' };
  const screen = (
    <Layout session={who} onSignOut={() => void onSignOut()} onLanguage={onLanguage} inert={!session}>
      {matched ? matched.route.render(matched.params, who) : <h1 className="ecl-u-type-heading-1">{t('problem.not-found')}</h1>}
    </Layout>
  );
  if (session) return <div key={session.userId}>{screen}</div>;
  return (
    <div key={expired!.userId}>
      {screen}
      <div className="imi-dialog-backdrop">
        <div role="dialog" aria-modal="true" aria-label={t('signInTitle')} className="imi-dialog">
          <SignIn expired onSignedIn={(next) => {
            // Another user at this workstation starts afresh; the same user carries on.
            if (next.userId !== expired!.userId) window.history.replaceState(null, '', import.meta.env.BASE_URL);
            onSignedIn(next);
          }} />
        </div>
      </div>
    </div>
  );
}
