import { FormEvent, useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Facts } from '../ui/fields';
import { ProblemNotice } from '../ui/ProblemNotice';
import { ExchangeKind, PROOF_GROUNDS, ProofGround, RetrievedData, retrieveBlockedData } from './api';
import { TextField } from './fields';

const PERSON_FIELDS = ['familyName', 'givenNames', 'dateOfBirth', 'placeOfBirth', 'registerNumber', 'nationalId'];

/**
 * Blocked personal data, retrieved by the data protection contact only on a ground (the person's
 * consent or an overriding public interest) and a stated justification; the node records the
 * retrieval in its audit log. What comes back is shown once, on this page only.
 */
export function RetrieveBlocked({ kind, id }: { kind: ExchangeKind; id: string }) {
  const { t, tMaybe, date, dateTime } = useI18n();
  const [ground, setGround] = useState<ProofGround | null>(null);
  const [justification, setJustification] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [data, setData] = useState<RetrievedData | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!ground) found.ground = t('privacy.groundMissing');
    if (!justification.trim()) found.justification = t('privacy.justificationMissing');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await retrieveBlockedData(kind, id, ground!, justification.trim());
    if (result.ok) {
      setData(result.data);
      setProblem(null);
    } else setProblem(result.problem);
  };
  const person = (value: unknown): [string, string][] =>
    value && typeof value === 'object'
      ? PERSON_FIELDS.filter((f) => (value as Record<string, unknown>)[f]).map((f) => {
          const v = String((value as Record<string, unknown>)[f]);
          return [tMaybe(`privacy.field.${f}`) ?? f, f === 'dateOfBirth' ? date(v) : v];
        })
      : [];

  return (
    <section aria-labelledby="privacy-retrieve" className="imi-section">
      <h2 className="ecl-u-type-heading-2" id="privacy-retrieve">{t('privacy.retrieveTitle')}</h2>
      <p className="ecl-u-type-paragraph">{t('privacy.retrieveHint')}</p>
      {problem && <ProblemNotice problem={problem} />}
      {!data && (
        <form className="privacy-form" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset className="imi-fieldset" aria-describedby={errors.ground ? 'privacy-ground-error' : undefined}>
            <legend className="ecl-form-label">{t('privacy.ground')}</legend>
            {errors.ground && <div className="ecl-feedback-message" id="privacy-ground-error">{errors.ground}</div>}
            {PROOF_GROUNDS.map((g) => (
              <div key={g} className="ecl-radio">
                <input className="ecl-radio__input" type="radio" id={`privacy-ground-${g}`} name="privacy-ground" checked={ground === g} onChange={() => setGround(g)} />
                <label className="ecl-radio__label" htmlFor={`privacy-ground-${g}`}>
                  <span className="ecl-radio__box"><span className="ecl-radio__box-inner" /></span>
                  <span className="ecl-radio__text">{t(`privacy.groundName.${g}`)}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <TextField label={t('privacy.justification')} hint={t('privacy.justificationHint')} value={justification} onChange={setJustification} error={errors.justification} multiline />
          <button type="submit" className="ecl-button ecl-button--primary">{t('privacy.retrieve')}</button>
        </form>
      )}
      {data && (
        <div data-testid="retrieved-data">
          <p className="ecl-u-type-paragraph">{t('privacy.retrievedOn', { date: dateTime(data.retrievedAt), ground: t(`privacy.groundName.${data.ground}`) })}</p>
          {data.subject !== undefined && <Facts rows={person(data.subject)} />}
          {Array.isArray(data.answers) && data.answers.length > 0 && (
            <>
              <h3 className="ecl-u-type-heading-3">{t('privacy.answers')}</h3>
              <ul className="ecl-unordered-list">
                {(data.answers as { questionId: string; answer: string }[]).map((a, i) => <li key={i} className="ecl-unordered-list__item">{a.answer}</li>)}
              </ul>
            </>
          )}
          {Array.isArray(data.attachments) && data.attachments.length > 0 && (
            <>
              <h3 className="ecl-u-type-heading-3">{t('privacy.documents')}</h3>
              <ul className="ecl-unordered-list">
                {(data.attachments as { fileName: string }[]).map((a, i) => <li key={i} className="ecl-unordered-list__item">{a.fileName}</li>)}
              </ul>
            </>
          )}
          {Array.isArray(data.versions) && (data.versions as { version: number; content: Record<string, unknown> }[]).map((v) => (
            <div key={v.version}>
              <h3 className="ecl-u-type-heading-3">{t('privacy.version', { n: String(v.version) })}</h3>
              <Facts rows={[
                ...person(v.content.person),
                ...Object.entries(v.content).filter(([k, value]) => k !== 'person' && value !== null && typeof value !== 'object')
                  .map(([k, value]) => [tMaybe(`privacy.field.${k}`) ?? k, String(value)] as [string, string]),
              ]} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
