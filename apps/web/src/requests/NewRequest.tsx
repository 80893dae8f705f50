import { FormEvent, useEffect, useRef, useState } from 'react';
import type { Problem } from '../api/client';
import { listAuthorities } from '../directory/api';
import type { Question } from './api';
import { useI18n } from '../i18n/i18n';
import { navigate } from '../router';
import { useLoad } from '../screens/useLoad';
import type { Session } from '../session/session';
import { Link } from '../ui/Link';
import { ProblemNotice } from '../ui/ProblemNotice';
import { areaQuestions, catalogueSummary, createRequest, uploadAttachment } from './api';
import { Draft, emptyDraft, requestBody, Step, STEP_TITLES, STEPS, stepBreaches } from './draft';
import { ErrorSummary } from './fields';
import { ownNode } from './own-node';
import { today } from './rules';
import { AddresseeStep, AreaStep, AttachmentsStep, PersonStep, QuestionsStep, ReviewStep, SafeguardsStep } from './WizardSteps';

const DEFAULT_REPLY_DAYS = 14;
const inDays = (days: number) => today(new Date(Date.now() + days * 86_400_000));

/**
 * The new-request wizard: area → addressee → questions → person → safeguards → documents →
 * review and send. The draft lives in this component's state: when the session ends, App keeps
 * it mounted behind the sign-in dialog, so the same user carries on with everything typed.
 */
export function NewRequest({ session }: { session: Session }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(inDays(DEFAULT_REPLY_DAYS)));
  const [step, setStep] = useState<Step>('area');
  const [attempt, setAttempt] = useState(0);
  const [shown, setShown] = useState<Step | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  /** The request once created: sending again only retries the documents, never a second request. */
  const [created, setCreated] = useState<{ id: string; sent: number } | null>(null);
  const [node] = useState(() => ownNode(session));
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  const areas = useLoad(catalogueSummary, []);
  // The node takes requests only in areas the acting authority is registered for: the others are not offered.
  const own = useLoad(() => listAuthorities(node ? { country: node } : {}), [node]);
  const ownAreas = own.data?.find((a) => a.id === session.authorityId)?.legislativeAreas;
  const offered = areas.data && (ownAreas ? areas.data.areas.filter((a) => ownAreas.includes(a)) : areas.data.areas);
  const questions = useLoad<Question[]>(() => (draft.area ? areaQuestions(draft.area) : Promise.resolve({ ok: true, data: [] })), [draft.area, language]);
  const available = questions.data ?? [];

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const index = STEPS.indexOf(step);
  const breaches = stepBreaches(step, draft, available, today());
  const errors = shown === step ? Object.entries(breaches).map(([field, key]) => ({ field, text: t(key!) })) : [];
  const errorOf = (field: string) => (shown === step && breaches[field] ? t(breaches[field]!) : null);
  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const next = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((a) => a + 1);
    if (Object.keys(breaches).length > 0) return setShown(step);
    setShown(null);
    setProblem(null);
    if (step === 'review') return void send();
    setStep(STEPS[index + 1]);
  };
  const back = () => {
    setShown(null);
    setStep(STEPS[index - 1]);
  };

  const send = async () => {
    setSending(true);
    let target = created;
    if (!target) {
      const result = await createRequest(requestBody(draft, available));
      if (!result.ok) {
        setSending(false);
        return setProblem(result.problem);
      }
      target = { id: result.data.id, sent: 0 };
      setCreated(target);
    }
    for (let i = target.sent; i < draft.files.length; i++) {
      const upload = await uploadAttachment(target.id, draft.files[i].file, draft.files[i].concernsPerson);
      if (!upload.ok) {
        setSending(false);
        return setProblem(upload.problem);
      }
      target = { ...target, sent: i + 1 };
      setCreated(target);
    }
    setSending(false);
    navigate(`/requests/${target.id}`);
  };

  const stepProps = { draft, update, errorOf, available };
  return (
    <>
      <p><Link to="/requests">{t('backToList')}</Link></p>
      <h1 className="ecl-u-type-heading-1">{t('requests.newTitle')}</h1>
      <ol className="requests-steps" aria-label={t('requests.stepsLabel')}>
        {STEPS.map((s, i) => (
          <li key={s} className={`requests-steps__item${s === step ? ' requests-steps__item--current' : i < index ? ' requests-steps__item--done' : ''}`} aria-current={s === step ? 'step' : undefined}>
            {t(STEP_TITLES[s])}
          </li>
        ))}
      </ol>
      <form onSubmit={next} noValidate className="requests-wizard" aria-labelledby="wizard-step">
        <h2 className="ecl-u-type-heading-2" id="wizard-step" ref={heading} tabIndex={-1}>
          {t('requests.stepOf', { step: String(index + 1), count: String(STEPS.length), title: t(STEP_TITLES[step]) })}
        </h2>
        <ErrorSummary errors={errors} attempt={attempt} />
        {step === 'area' && <AreaStep {...stepProps} areas={own.loading ? null : offered ?? null} problem={areas.problem} />}
        {step === 'addressee' && <AddresseeStep {...stepProps} ownNode={node} />}
        {step === 'questions' && <QuestionsStep {...stepProps} problem={questions.problem} />}
        {step === 'person' && <PersonStep {...stepProps} />}
        {step === 'safeguards' && <SafeguardsStep {...stepProps} />}
        {step === 'attachments' && <AttachmentsStep {...stepProps} />}
        {step === 'review' && <ReviewStep {...stepProps} onChange={(s) => setStep(s)} />}
        {/* A 401 is the sign-in dialog's to tell; after signing in again it is not a problem any more. */}
        {problem && problem.status !== 401 && <ProblemNotice problem={problem} summary={created ? t('requests.sentButDocumentFailed') : undefined} />}
        {created && problem && <p className="ecl-u-type-paragraph"><Link to={`/requests/${created.id}`}>{t('requests.openCreated')}</Link></p>}
        <div className="requests-wizard__buttons">
          {index > 0 && <button type="button" className="ecl-button ecl-button--secondary" onClick={back} disabled={sending}>{t('requests.back')}</button>}
          <button type="submit" className="ecl-button ecl-button--primary" disabled={sending}>
            {step === 'review' ? (sending ? t('requests.sending') : created ? t('requests.retryDocuments') : t('requests.send')) : t('requests.next')}
          </button>
        </div>
      </form>
    </>
  );
}
