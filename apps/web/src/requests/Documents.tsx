import { FormEvent, useId, useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Checkbox } from '../ui/fields';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { Attachment, downloadAttachment, RequestView, uploadAttachment } from './api';
import { ATTACHMENT_MAX_BYTES, fileBreach, RuleMessage } from './rules';

/** A document's download: fetched with the session's token, never a link a token-less tab could open. */
export function DownloadButton({ requestId, attachment, onProblem }: { requestId: string; attachment: Attachment; onProblem: (problem: Problem) => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="ecl-button ecl-button--tertiary requests-download" onClick={() => void downloadAttachment(requestId, attachment).then((r) => {
      if (!r.ok) onProblem(r.problem);
    })}>
      {t('requests.download')}<span className="imi-visually-hidden">: {attachment.fileName}</span>
    </button>
  );
}

/**
 * The request's documents, what they are and whether they reached the other party, with their
 * download for case handlers and, while the request takes documents, one more to add.
 */
export function Documents({ view, canDownload, canAttach, onAttached }: { view: RequestView; canDownload: boolean; canAttach: boolean; onAttached: () => void }) {
  const { t, number, dateTime } = useI18n();
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <section aria-labelledby="documents" className="imi-section" data-testid="documents">
      <h2 className="ecl-u-type-heading-2" id="documents">{t('requests.documents')}</h2>
      {problem && <ProblemNotice problem={problem} />}
      {view.attachments.length === 0 ? <p className="ecl-u-type-paragraph">{t('requests.noDocuments')}</p> : (
        <ul className="ecl-unordered-list requests-files">
          {view.attachments.map((a) => (
            <li key={a.id} className="ecl-unordered-list__item">
              <span className="requests-files__name">{a.fileName}</span> ({t('requests.kilobytes', { size: number(Math.ceil(a.sizeBytes / 1024)) })}
              {a.concernsPerson ? `, ${t('requests.aboutPerson')}` : ''}, {a.sharedAt ? t('requests.sharedAt', { at: dateTime(a.sharedAt) }) : t('requests.notShared')})
              {canDownload && <DownloadButton requestId={view.id} attachment={a} onProblem={setProblem} />}
            </li>
          ))}
        </ul>
      )}
      {canAttach && <AttachForm requestId={view.id} onAttached={onAttached} />}
    </section>
  );
}

function AttachForm({ requestId, onAttached }: { requestId: string; onAttached: () => void }) {
  const { t, number } = useI18n();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [concernsPerson, setConcernsPerson] = useState(true);
  const [breach, setBreach] = useState<RuleMessage | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const choose = async (chosen: File | undefined) => {
    setDone(false);
    const refused = chosen ? await fileBreach(chosen) : null;
    setBreach(refused);
    setFile(chosen && !refused ? chosen : null);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    const form = event.currentTarget;
    setBusy(true);
    const result = await uploadAttachment(requestId, file, concernsPerson);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(null);
    setFile(null);
    setDone(true);
    form.reset();
    onAttached();
  };
  const error = breach ? t(breach, { max: number(ATTACHMENT_MAX_BYTES / 1024) }) : null;
  return (
    <form onSubmit={(e) => void submit(e)} className="imi-action-form" noValidate>
      {problem && <ProblemNotice problem={problem} />}
      {done && <DoneNotice text={t('done')} />}
      <div className={`ecl-form-group imi-field${error ? ' requests-invalid' : ''}`}>
        <label className="ecl-form-label" htmlFor={id}>{t('requests.addDocument')}</label>
        <div className="ecl-help-block" id={`${id}-help`}>{t('requests.documentsHelp', { max: number(ATTACHMENT_MAX_BYTES / 1024) })}</div>
        {error && <div className="ecl-feedback-message" id={`${id}-error`} role="alert">{error}</div>}
        <input id={id} type="file" accept="application/pdf,image/png,image/jpeg" className="requests-file" aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`} onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      <Checkbox id={`${id}-person`} checked={concernsPerson} onChange={setConcernsPerson} label={t('requests.concernsPerson')} />
      <button type="submit" className="ecl-button ecl-button--secondary" disabled={busy || !file}>{t('requests.attach')}</button>
    </form>
  );
}
