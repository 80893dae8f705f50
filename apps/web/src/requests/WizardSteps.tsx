import { useState } from 'react';
import type { Problem } from '../api/client';
import type { Question } from './api';
import { useI18n } from '../i18n/i18n';
import { Checkbox } from '../ui/fields';
import { ProblemNotice } from '../ui/ProblemNotice';
import { useAreaName } from './area-name';
import { AuthoritySearch } from './AuthoritySearch';
import { Draft, Step } from './draft';
import { Radio, TextField } from './fields';
import { ATTACHMENT_MAX_BYTES, fileBreach, needsNationalIdJustification, needsSensitiveReason, today } from './rules';

interface StepProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  errorOf: (field: string) => string | null;
  available: Question[];
}

export function AreaStep({ draft, update, errorOf, areas, problem }: StepProps & { areas: string[] | null; problem: Problem | null }) {
  const { t } = useI18n();
  const areaName = useAreaName();
  const error = errorOf('area');
  if (problem) return <ProblemNotice problem={problem} />;
  if (!areas) return <p className="ecl-u-type-paragraph">{t('loading')}</p>;
  return (
    <fieldset className="ecl-form-group imi-fieldset" aria-describedby={error ? 'area-error' : undefined}>
      <legend className="ecl-form-label">{t('legislativeArea')}</legend>
      {error && <div className="ecl-feedback-message" id="area-error">{error}</div>}
      {areas.map((area, i) => (
        // The first radio carries the field's id, so the error summary can lead to the group.
        <Radio key={area} id={i === 0 ? 'area' : `area-${area}`} name="area" label={areaName(area)} checked={draft.area === area}
          onChange={() => update({ area, addressee: draft.addressee?.legislativeAreas.includes(area) ? draft.addressee : null, questions: [] })} />
      ))}
    </fieldset>
  );
}

export function AddresseeStep({ draft, update, errorOf, ownNode }: StepProps & { ownNode: string | null }) {
  return (
    <AuthoritySearch inputId="addressee" area={draft.area} selected={draft.addressee} error={errorOf('addressee')}
      admits={(authority) => authority.node !== ownNode && authority.legislativeAreas.includes(draft.area)}
      onSelect={(addressee) => update({ addressee })} />
  );
}

export function QuestionsStep({ draft, update, errorOf, available, problem }: StepProps & { problem: Problem | null }) {
  const { t } = useI18n();
  const error = errorOf('questions');
  if (problem) return <ProblemNotice problem={problem} />;
  const chosen = (id: string) => draft.questions.find((q) => q.questionId === id);
  const toggle = (id: string, on: boolean) =>
    update({ questions: on ? [...draft.questions, { questionId: id, freeText: '' }] : draft.questions.filter((q) => q.questionId !== id) });
  const setFreeText = (id: string, freeText: string) => update({ questions: draft.questions.map((q) => (q.questionId === id ? { ...q, freeText } : q)) });
  return (
    <>
      <fieldset className="ecl-form-group imi-fieldset" aria-describedby={error ? 'questions-error' : undefined}>
        <legend className="ecl-form-label">{t('requests.chooseQuestions')}</legend>
        {error && <div className="ecl-feedback-message" id="questions-error">{error}</div>}
        {available.map((q, i) => (
          <div key={q.id} className="requests-question">
            <Checkbox id={i === 0 ? 'questions' : `question-${q.id}`} checked={!!chosen(q.id)} onChange={(on) => toggle(q.id, on)}
              label={<span lang={q.language}>{q.text}</span>}
              help={[q.sensitive && t('requests.sensitiveQuestion'), t(`requests.answerType.${q.answerType}`)].filter(Boolean).join(' · ')} />
            {q.freeText && chosen(q.id) && (
              <TextField id={`freeText-${q.id}`} label={t('requests.freeTextLabel')} multiline required maxLength={2000}
                value={chosen(q.id)!.freeText} onChange={(v) => setFreeText(q.id, v)} error={errorOf(`freeText-${q.id}`)} />
            )}
          </div>
        ))}
      </fieldset>
      <TextField id="replyBy" type="date" label={t('replyBy')} required min={today()} value={draft.replyBy} onChange={(replyBy) => update({ replyBy })} error={errorOf('replyBy')} />
    </>
  );
}

export function PersonStep({ draft, update, errorOf }: StepProps) {
  const { t } = useI18n();
  const person = draft.person;
  const field = (name: keyof typeof person, label: string, extra: { required?: boolean; type?: 'date'; help?: string; max?: string } = {}) => (
    <TextField id={name} label={label} value={person[name]} maxLength={name === 'familyName' || name === 'givenNames' ? 200 : 100}
      onChange={(value) => update({ person: { ...person, [name]: value } })} error={errorOf(name)} {...extra} />
  );
  return (
    <>
      <p className="ecl-u-type-paragraph">{t('requests.personIntro')}</p>
      {field('familyName', t('familyName'), { required: true })}
      {field('givenNames', t('givenNames'), { required: true })}
      {field('dateOfBirth', t('dateOfBirth'), { type: 'date', max: today() })}
      {field('registerNumber', t('registerNumber'), { help: t('requests.registerNumberHelp') })}
      {field('nationalId', t('requests.nationalId'), { help: t('requests.nationalIdHelp') })}
    </>
  );
}

/** Only the safeguards the request needs: the sensitive reason and the national-id justification appear exactly when the node requires them. */
export function SafeguardsStep({ draft, update, errorOf, available }: StepProps) {
  const { t } = useI18n();
  const sensitive = needsSensitiveReason(available, draft.questions);
  const person = draft.person;
  return (
    <>
      <Checkbox id="confidential" checked={draft.confidential} onChange={(confidential) => update({ confidential })} label={t('requests.confidential')} help={t('requests.confidentialHelp')} />
      {sensitive && (
        <TextField id="sensitiveReason" label={t('requests.sensitiveReason')} help={t('requests.sensitiveReasonHelp')} multiline required maxLength={2000}
          value={draft.sensitiveReason} onChange={(sensitiveReason) => update({ sensitiveReason })} error={errorOf('sensitiveReason')} />
      )}
      {person.nationalId.trim() && (
        <TextField id="nationalIdJustification" label={t('requests.nationalIdJustification')} multiline maxLength={1000}
          help={t(needsNationalIdJustification(person) ? 'requests.nationalIdJustificationRequired' : 'requests.nationalIdJustificationHelp')}
          required={needsNationalIdJustification(person)} value={person.nationalIdJustification}
          onChange={(nationalIdJustification) => update({ person: { ...person, nationalIdJustification } })} error={errorOf('nationalIdJustification')} />
      )}
    </>
  );
}

/** Documents are checked here as the node would check them, and a refused one is never sent. */
export function AttachmentsStep({ draft, update }: StepProps) {
  const { t, number } = useI18n();
  const [refused, setRefused] = useState<string[]>([]);
  const choose = async (list: FileList | null, input: HTMLInputElement) => {
    const files = [...(list ?? [])];
    input.value = '';
    const checks = await Promise.all(files.map(async (file) => ({ file, breach: await fileBreach(file) })));
    setRefused(checks.filter((c) => c.breach).map((c) => `${c.file.name}: ${t(c.breach!, { max: number(ATTACHMENT_MAX_BYTES / 1024) })}`));
    const accepted = checks.filter((c) => !c.breach).map((c) => ({ file: c.file, concernsPerson: true }));
    if (accepted.length) update({ files: [...draft.files, ...accepted] });
  };
  return (
    <>
      <div className={`ecl-form-group imi-field${refused.length ? ' requests-invalid' : ''}`}>
        <label className="ecl-form-label" htmlFor="attachments">{t('requests.addDocuments')} <span className="ecl-form-label__optional">({t('requests.optional')})</span></label>
        <div className="ecl-help-block" id="attachments-help">{t('requests.documentsHelp', { max: number(ATTACHMENT_MAX_BYTES / 1024) })}</div>
        {refused.length > 0 && (
          <div className="ecl-feedback-message" id="attachments-error" role="alert">
            {refused.map((line) => <div key={line}>{line}</div>)}
          </div>
        )}
        <input id="attachments" type="file" multiple accept="application/pdf,image/png,image/jpeg" className="ecl-file-upload__input requests-file"
          aria-describedby={`attachments-help${refused.length ? ' attachments-error' : ''}`} aria-invalid={refused.length ? true : undefined}
          onChange={(e) => void choose(e.target.files, e.target)} />
      </div>
      {draft.files.length > 0 && (
        <ul className="ecl-unordered-list requests-files" aria-label={t('requests.chosenDocuments')}>
          {draft.files.map((f, i) => (
            <li key={`${f.file.name}-${i}`} className="ecl-unordered-list__item">
              <span className="requests-files__name">{f.file.name}</span> ({t('requests.kilobytes', { size: number(Math.ceil(f.file.size / 1024)) })})
              <Checkbox id={`concerns-${i}`} checked={f.concernsPerson} label={t('requests.concernsPerson')}
                onChange={(concernsPerson) => update({ files: draft.files.map((g, j) => (j === i ? { ...g, concernsPerson } : g)) })} />
              <button type="button" className="ecl-button ecl-button--tertiary" onClick={() => update({ files: draft.files.filter((_, j) => j !== i) })}>
                {t('requests.removeDocument', { name: f.file.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ReviewStep({ draft, available, onChange }: StepProps & { onChange: (step: Step) => void }) {
  const { t, date } = useI18n();
  const areaName = useAreaName();
  const { person } = draft;
  const change = (step: Step, what: string) => (
    <button type="button" className="ecl-button ecl-button--tertiary requests-change" onClick={() => onChange(step)}>
      {t('requests.change')}<span className="imi-visually-hidden">: {what}</span>
    </button>
  );
  const row = (label: string, value: string | null | undefined, step: Step) => (
    <>
      <dt className="ecl-description-list__term">{label}</dt>
      <dd className="ecl-description-list__definition">{value || '—'} {change(step, label)}</dd>
    </>
  );
  return (
    <dl className="ecl-description-list ecl-description-list--horizontal imi-facts" data-testid="review">
      {row(t('legislativeArea'), areaName(draft.area), 'area')}
      {row(t('addressee'), draft.addressee && `${draft.addressee.name} (${draft.addressee.id})`, 'addressee')}
      <dt className="ecl-description-list__term">{t('questions')}</dt>
      <dd className="ecl-description-list__definition">
        <ol className="ecl-ordered-list">
          {draft.questions.map((q) => {
            const question = available.find((a) => a.id === q.questionId);
            return <li key={q.questionId} className="ecl-ordered-list__item"><span lang={question?.language}>{question?.text ?? q.questionId}</span>{q.freeText && <>: {q.freeText}</>}</li>;
          })}
        </ol>
        {change('questions', t('questions'))}
      </dd>
      {row(t('replyBy'), date(draft.replyBy), 'questions')}
      {row(t('familyName'), person.familyName, 'person')}
      {row(t('givenNames'), person.givenNames, 'person')}
      {person.dateOfBirth && row(t('dateOfBirth'), date(person.dateOfBirth), 'person')}
      {person.registerNumber && row(t('registerNumber'), person.registerNumber, 'person')}
      {person.nationalId && row(t('requests.nationalId'), person.nationalId, 'person')}
      {person.nationalId && person.nationalIdJustification && row(t('requests.nationalIdJustification'), person.nationalIdJustification, 'safeguards')}
      {row(t('requests.confidential'), draft.confidential ? t('yes') : t('no'), 'safeguards')}
      {needsSensitiveReason(available, draft.questions) && row(t('requests.sensitiveReason'), draft.sensitiveReason, 'safeguards')}
      {row(t('requests.documents'), draft.files.map((f) => f.file.name).join(', '), 'attachments')}
    </dl>
  );
}
