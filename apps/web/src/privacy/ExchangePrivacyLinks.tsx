import { useI18n } from '../i18n/i18n';
import { currentSession, hasAnyRole } from '../session/session';
import { Link } from '../ui/Link';

/**
 * The way from a request's or an alert's page to its data protection page (proof of exchange,
 * early deletion, data subjects' requests), for the roles the node admits there.
 */
export function ExchangePrivacyLinks({ id }: { kind: 'request' | 'alert'; id: string }) {
  const { t } = useI18n();
  if (!hasAnyRole(currentSession(), 'case-handler', 'data-protection-contact')) return null;
  return (
    <p className="privacy-links">
      <Link to={`/privacy/exchanges/${id}`}>{t('privacy.exchangeLink')}</Link>
    </p>
  );
}
