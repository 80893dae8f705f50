import { FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { TextField } from './fields';

/** A decision asked of the reader: agree (or grant) at once, or refuse with a reason, which must be given. */
export function AgreeOrRefuse({ agreeLabel, refuseLabel, onAgree, onRefuse }: {
  agreeLabel: string; refuseLabel: string; onAgree: () => void; onRefuse: (reason: string) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const refuse = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setReasonError(t('privacy.reasonMissing'));
    setReasonError(null);
    onRefuse(reason.trim());
  };
  return (
    <div className="imi-actions">
      <button type="button" className="ecl-button ecl-button--primary" onClick={onAgree}>{agreeLabel}</button>
      <form className="imi-action-form" onSubmit={refuse} noValidate>
        <TextField label={t('privacy.refusalReason')} value={reason} onChange={setReason} error={reasonError} multiline />
        <button type="submit" className="ecl-button ecl-button--secondary">{refuseLabel}</button>
      </form>
    </div>
  );
}
