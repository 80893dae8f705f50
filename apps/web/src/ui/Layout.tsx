import { ReactNode } from 'react';
import { NAVIGATION } from '../features';
import { Language, useI18n } from '../i18n/i18n';
import { hasAnyRole, Session } from '../session/session';
import { LanguageSwitcher } from './LanguageSwitcher';
import { Link } from './Link';

/** Header (name, authority, language, sign-out), navigation for the roles held, and the main region. */
export function Layout({ session, onSignOut, onLanguage, inert, children }: {
  session: Session | null; onSignOut?: () => void; onLanguage?: (language: Language) => void; inert?: boolean; children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="imi-page" inert={inert}>
      <a className="ecl-skip-link imi-skip-link" href="#main">{t('skipToContent')}</a>
      <header className="imi-header">
        <div className="ecl-container imi-header__row">
          <div className="imi-header__name">{t('appName')}</div>
          <div className="imi-header__tools">
            {session && <span className="imi-header__authority">{t('signedInFor', { authority: session.authorityId })}</span>}
            <LanguageSwitcher onChange={onLanguage} />
            {session && onSignOut && <button type="button" className="ecl-button ecl-button--secondary" onClick={onSignOut}>{t('signOut')}</button>}
          </div>
        </div>
        {session && (
          <div className="imi-nav-bar"><nav className="ecl-container imi-nav" aria-label={t('appName')}>
            {NAVIGATION.filter((entry) => hasAnyRole(session, ...entry.roles)).map((entry) => (
              <Link key={entry.to} to={entry.to} className="ecl-link ecl-link--standalone">{t(entry.label)}</Link>
            ))}
          </nav></div>
        )}
      </header>
      <main id="main" className="ecl-container imi-main" tabIndex={-1}>{children}</main>
    </div>
  );
}
