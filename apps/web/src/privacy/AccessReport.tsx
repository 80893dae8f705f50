import { FormEvent, useState } from 'react';
import type { Problem } from '../api/client';
import { LANGUAGE_NAMES, LANGUAGES, useI18n } from '../i18n/i18n';
import { DataTable } from '../ui/DataTable';
import { Link } from '../ui/Link';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { accessReport, accessReportPdf, AccessReportView, PersonIdentity, ReportLanguage } from './api';
import { saveFile } from './download';
import { TextField } from './fields';

/**
 * The right of access: the data protection contact identifies the person (names, or a register
 * number) and chooses the language the person reads; the node produces a signed report of all it
 * holds about them, shown here in outline and handed over as JSON or as a PDF for the person.
 * The identity travels in request bodies only, never in the address.
 */
export function AccessReport() {
  const { t, tMaybe, date, language } = useI18n();
  const [person, setPerson] = useState<Required<PersonIdentity>>({ familyName: '', givenNames: '', dateOfBirth: '', registerNumber: '' });
  const [reportLanguage, setReportLanguage] = useState<ReportLanguage>(language);
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [report, setReport] = useState<{ view: AccessReportView; asked: PersonIdentity; language: ReportLanguage } | null>(null);
  const [busy, setBusy] = useState(false);

  const identity = (): PersonIdentity => Object.fromEntries(Object.entries(person).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
  const produce = async (event: FormEvent) => {
    event.preventDefault();
    const asked = identity();
    if (!asked.registerNumber && !(asked.familyName && asked.givenNames)) return setError(t('privacy.identifyPerson'));
    setError(null);
    setBusy(true);
    const result = await accessReport(asked, reportLanguage);
    setBusy(false);
    if (result.ok) {
      setReport({ view: result.data, asked, language: reportLanguage });
      setProblem(null);
    } else setProblem(result.problem);
  };
  const pdf = async () => {
    if (!report) return;
    const result = await accessReportPdf(report.asked, report.language);
    if (result.ok) saveFile(result.data, `access-report-${report.language}.pdf`);
    else setProblem(result.problem);
  };
  const field = (key: keyof PersonIdentity, type = 'text') => (
    <TextField label={t(`privacy.field.${key}`)} value={person[key]} type={type} onChange={(value) => setPerson((p) => ({ ...p, [key]: value }))}
      error={key === 'familyName' ? error : null} />
  );

  return (
    <>
      <p><Link to="/privacy">{t('privacy.backToPrivacy')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t('privacy.accessReportTitle')}</h1>
      <p className="ecl-u-type-paragraph">{t('privacy.accessReportIntro')}</p>
      {problem && <ProblemNotice problem={problem} />}
      <form className="privacy-form" onSubmit={(e) => void produce(e)} noValidate>
        <fieldset className="imi-fieldset">
          <legend className="ecl-form-label">{t('privacy.person')}</legend>
          <div className="ecl-help-block">{t('privacy.identifyPerson')}</div>
          {field('familyName')}
          {field('givenNames')}
          {field('dateOfBirth', 'date')}
          {field('registerNumber')}
        </fieldset>
        <div className="ecl-form-group imi-field">
          <label className="ecl-form-label" htmlFor="privacy-report-language">{t('privacy.reportLanguage')}</label>
          <div className="ecl-help-block" id="privacy-report-language-hint">{t('privacy.reportLanguageHint')}</div>
          <div className="ecl-select__container ecl-select__container--m">
            <select className="ecl-select" id="privacy-report-language" aria-describedby="privacy-report-language-hint" value={reportLanguage}
              onChange={(e) => setReportLanguage(e.target.value as ReportLanguage)}>
              {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
            </select>
          </div>
        </div>
        <button type="submit" className="ecl-button ecl-button--primary" disabled={busy}>{t('privacy.produceReport')}</button>
      </form>

      {report && (
        <section aria-labelledby="privacy-report" className="imi-section" data-testid="access-report">
          <h2 className="ecl-u-type-heading-2" id="privacy-report">{t('privacy.reportProduced')}</h2>
          <DoneNotice text={t('privacy.reportSummary', {
            count: String(report.view.report.exchanges.length), language: LANGUAGE_NAMES[report.view.report.language], date: date(report.view.report.generatedAt),
          })} />
          {report.view.report.exchanges.length > 0 && (
            <DataTable rows={report.view.report.exchanges.map((e) => ({ ...e, id: e.exchangeId }))} columns={[
              { header: t('privacy.exchange'), cell: (e) => <Link to={`/privacy/exchanges/${e.exchangeId}`}>{tMaybe(`privacy.exchangeType.${e.type}`) ?? e.type}</Link> },
              { header: t('privacy.sentAt'), cell: (e) => date(e.sentAt) },
              { header: t('privacy.personalDataState'), cell: (e) => t(`privacy.personalData.${e.personalData}`) },
              { header: t('privacy.disclosedTo'), cell: (e) => e.disclosedTo.map((d) => `${d.name} (${d.memberState})`).join(', ') || '—' },
              { header: t('privacy.deletedFrom'), cell: (e) => (e.retention.deletedFrom ? date(e.retention.deletedFrom) : t('privacy.whileOpen')) },
            ]} />
          )}
          <div className="privacy-buttons">
            <button type="button" className="ecl-button ecl-button--primary" onClick={() => void pdf()}>{t('privacy.downloadPdf')}</button>
            <button type="button" className="ecl-button ecl-button--secondary"
              onClick={() => saveFile(JSON.stringify(report.view, null, 2), `access-report-${report.language}.json`)}>{t('privacy.downloadJson')}</button>
          </div>
          <p className="ecl-u-type-paragraph">{t('privacy.reportSigned')}</p>
        </section>
      )}
    </>
  );
}
