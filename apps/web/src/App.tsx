import { useEffect } from 'react';
import { signOut } from './api/client';
import { Language, rememberedLanguage, rememberLanguage, useI18n } from './i18n/i18n';
import { routeOf, usePath } from './router';
import { RequestList } from './screens/RequestList';
import { RequestPage } from './screens/RequestPage';
import { SignIn } from './screens/SignIn';
import { WorkList } from './screens/WorkList';
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
  const route = routeOf(path);

  useEffect(() => {
    document.title = session || expired ? `${screenTitle(route.screen, t)} – IMI` : `${t('signInTitle')} – IMI`;
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
      {route.screen === 'work-list' && <WorkList session={who} />}
      {route.screen === 'requests' && <RequestList />}
      {route.screen === 'request' && <RequestPage id={route.id} session={who} />}
      {route.screen === 'not-found' && <h1 className="ecl-u-type-heading-1">{t('problem.not-found')}</h1>}
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

function screenTitle(screen: ReturnType<typeof routeOf>['screen'], t: ReturnType<typeof useI18n>['t']): string {
  switch (screen) {
    case 'work-list': return t('workListTitle');
    case 'requests': return t('requestsTitle');
    case 'request': return t('requestTitle');
    default: return t('problem.not-found');
  }
}
