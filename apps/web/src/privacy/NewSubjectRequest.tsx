import { FormEvent, useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { Link } from '../ui/Link';
import { ProblemNotice } from '../ui/ProblemNotice';
import { registerSubjectRequest, SUBJECT_REQUEST_KINDS, SubjectRequestKind } from './api';
import { TextField } from './fields';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CORRECTABLE = ['familyName', 'givenNames', 'dateOfBirth', 'registerNumber'] as const;

/**
 * Registers what a person asked the authority: rectification (with the corrected values),
 * erasure or objection, about exchanges the authority took part in, and when it was received
 * (the 30-day deadline runs from then). The server decides; its refusal is shown, not swallowed.
 */
export function NewSubjectRequest({ exchangeId }: { exchangeId?: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<SubjectRequestKind>('rectification');
  const [exchanges, setExchanges] = useState(exchangeId ?? '');
  const [received, setReceived] = useState('');
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ids = exchanges.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const filled = Object.fromEntries(Object.entries(corrections).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
    const found: Record<string, string> = {};
    if (ids.length === 0 || ids.some((id) => !UUID.test(id))) found.exchanges = t('privacy.exchangeIdsInvalid');
    if (kind === 'rectification' && Object.keys(filled).length === 0) found.corrections = t('privacy.correctionsMissing');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const result = await registerSubjectRequest({
      kind, exchangeIds: ids, ...(kind === 'rectification' ? { corrections: filled } : {}), ...(received ? { receivedAt: `${received}T00:00:00Z` } : {}),
    });
    setBusy(false);
    if (result.ok) navigate(`/privacy/subject-requests/${result.data.id}`);
    else setProblem(result.problem);
  };

  return (
    <>
      <p><Link to="/privacy/subject-requests">{t('privacy.backToSubjectRequests')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t('privacy.newSubjectRequestTitle')}</h1>
      {problem && <ProblemNotice problem={problem} />}
      <form className="privacy-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="imi-fieldset">
          <legend className="ecl-form-label">{t('privacy.kindLabel')}</legend>
          {SUBJECT_REQUEST_KINDS.map((k) => (
            <div key={k} className="ecl-radio">
              <input className="ecl-radio__input" type="radio" id={`privacy-kind-${k}`} name="privacy-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <label className="ecl-radio__label" htmlFor={`privacy-kind-${k}`}>
                <span className="ecl-radio__box"><span className="ecl-radio__box-inner" /></span>
                <span className="ecl-radio__text">{t(`privacy.kind.${k}`)}</span>
              </label>
              <div className="ecl-help-block privacy-radio-help">{t(`privacy.kindHelp.${k}`)}</div>
            </div>
          ))}
        </fieldset>
        <TextField label={t('privacy.exchangeIds')} hint={t('privacy.exchangeIdsHint')} value={exchanges} onChange={setExchanges} error={errors.exchanges} multiline required />
        <TextField label={t('privacy.receivedOn')} hint={t('privacy.receivedOnHint')} value={received} onChange={setReceived} type="date" />
        {kind === 'rectification' && (
          <fieldset className="imi-fieldset" aria-describedby={errors.corrections ? 'privacy-corrections-error' : undefined}>
            <legend className="ecl-form-label">{t('privacy.corrections')}</legend>
            <div className="ecl-help-block">{t('privacy.correctionsHint')}</div>
            {errors.corrections && <div className="ecl-feedback-message" id="privacy-corrections-error">{errors.corrections}</div>}
            {CORRECTABLE.map((field) => (
              <TextField key={field} label={t(`privacy.field.${field}`)} value={corrections[field] ?? ''} type={field === 'dateOfBirth' ? 'date' : 'text'}
                onChange={(value) => setCorrections((c) => ({ ...c, [field]: value }))} />
            ))}
          </fieldset>
        )}
        <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('privacy.register')}</button>
      </form>
    </>
  );
}
