import { FormEvent, useId, useState } from 'react';
import type { Result } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { Checkbox } from '../ui/fields';
import { answerRequest, RequestView, uploadAttachment } from './api';
import { FieldLabel, Radio, TextField } from './fields';
import { ATTACHMENT_MAX_BYTES, fileBreach, RuleMessage, textAnswerBreach } from './rules';

type Question = RequestView['questions'][number];

/**
 * An answer per question, in the form its type takes: yes or no, a date, a text, one of the
 * catalogue's choices, or a document (uploaded first, the answer then names it). Questions left
 * empty stay open: a partial answer is allowed until the final one.
 */
export function AnswerForm({ view, busy, run }: { view: RequestView; busy: boolean; run: (action: () => Promise<Result<RequestView>>) => Promise<void> }) {
  const { t, number } = useI18n();
  const id = useId();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<Record<string, File>>({});
  const [errors, setErrors] = useState<Record<string, RuleMessage>>({});
  const [final, setFinal] = useState(true);
  const answerable = view.questions.filter((q) => q.question);
  const given = answerable.filter((q) => (q.question!.answerType === 'document' ? files[q.questionId] : answers[q.questionId]?.trim()));
  const set = (questionId: string, value: string) => setAnswers((a) => ({ ...a, [questionId]: value }));

  const chooseFile = async (questionId: string, file: File | undefined) => {
    const breach = file ? await fileBreach(file) : null;
    setErrors(({ [questionId]: _old, ...rest }) => (breach ? { ...rest, [questionId]: breach } : rest));
    setFiles(({ [questionId]: _old, ...rest }) => (file && !breach ? { ...rest, [questionId]: file } : rest));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const textErrors = Object.fromEntries(given.map((q) => [q.questionId, q.question!.answerType === 'text' ? textAnswerBreach(answers[q.questionId]) : null]).filter(([, e]) => e));
    if (Object.keys(textErrors).length) return setErrors({ ...errors, ...textErrors });
    if (given.length === 0) return;
    void run(async () => {
      const items: { questionId: string; answer: string }[] = [];
      for (const q of given) {
        if (q.question!.answerType !== 'document') {
          items.push({ questionId: q.questionId, answer: answers[q.questionId].trim() });
          continue;
        }
        // The document first; the answer names it by its id.
        const upload = await uploadAttachment(view.id, files[q.questionId], true);
        if (!upload.ok) return { ok: false, problem: upload.problem };
        items.push({ questionId: q.questionId, answer: upload.data.id });
      }
      return answerRequest(view.id, items, final);
    });
  };

  const field = (q: Question, index: number) => {
    const question = q.question!;
    const fieldId = `${id}-${index}`;
    const error = errors[q.questionId] ? t(errors[q.questionId], { max: number(ATTACHMENT_MAX_BYTES / 1024) }) : null;
    const label = <span lang={question.language}>{question.text}</span>;
    switch (question.answerType) {
      case 'yes-no':
      case 'choice': {
        const options = question.answerType === 'yes-no' ? [{ id: 'yes', text: t('yes') }, { id: 'no', text: t('no') }] : question.choices ?? [];
        return (
          <fieldset key={q.questionId} className="ecl-form-group imi-fieldset">
            <legend className="ecl-form-label">{label}</legend>
            {q.freeText && <p className="ecl-u-type-paragraph">{q.freeText}</p>}
            {options.map((option) => (
              <Radio key={option.id} id={`${fieldId}-${option.id}`} name={fieldId} checked={answers[q.questionId] === option.id}
                label={<span lang={question.answerType === 'choice' ? question.language : undefined}>{option.text}</span>} onChange={() => set(q.questionId, option.id)} />
            ))}
          </fieldset>
        );
      }
      case 'date':
      case 'text':
        return (
          <div key={q.questionId} lang={question.language}>
            <TextField id={fieldId} label={q.freeText ? `${question.text}: ${q.freeText}` : question.text} type={question.answerType === 'date' ? 'date' : 'text'}
              multiline={question.answerType === 'text'} value={answers[q.questionId] ?? ''} onChange={(v) => set(q.questionId, v)} error={error} />
          </div>
        );
      case 'document':
        return (
          <div key={q.questionId} className={`ecl-form-group imi-field${error ? ' requests-invalid' : ''}`}>
            <FieldLabel id={fieldId} label={question.text} />
            <div className="ecl-help-block" id={`${fieldId}-help`}>{t('requests.documentsHelp', { max: number(ATTACHMENT_MAX_BYTES / 1024) })}</div>
            {error && <div className="ecl-feedback-message" id={`${fieldId}-error`} role="alert">{error}</div>}
            <input id={fieldId} type="file" accept="application/pdf,image/png,image/jpeg" className="requests-file" aria-invalid={error ? true : undefined}
              aria-describedby={`${fieldId}-help${error ? ` ${fieldId}-error` : ''}`} onChange={(e) => void chooseFile(q.questionId, e.target.files?.[0])} />
          </div>
        );
    }
  };

  return (
    <form onSubmit={submit} className="imi-action-form" noValidate aria-labelledby={`${id}-title`}>
      <h3 className="ecl-u-type-heading-3" id={`${id}-title`}>{t('requests.answerTitle')}</h3>
      {answerable.map(field)}
      <Checkbox id={`${id}-final`} checked={final} onChange={setFinal} label={t('finalAnswerCheckbox')} />
      <button type="submit" className="ecl-button ecl-button--primary" disabled={busy || given.length === 0}>{t('answer')}</button>
    </form>
  );
}
