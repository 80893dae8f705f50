import { useState } from 'react';
import type { Problem } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { DoneNotice, ProblemNotice } from '../ui/ProblemNotice';
import { sendAuditCheckpoint } from './api';

/**
 * A checkpoint of the node's audit log sent to the hub now (e.g. before handing the log to an
 * auditor): the hub's signed receipt then witnesses that the log reached this entry, so it
 * cannot later be cut short unnoticed.
 */
export function AuditCheckpoint() {
  const { t, number } = useI18n();
  const [sent, setSent] = useState<{ sequence: number; headHash: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    const result = await sendAuditCheckpoint();
    setBusy(false);
    setSent(result.ok ? result.data : null);
    setProblem(result.ok ? null : result.problem);
  };
  return (
    <section aria-labelledby="privacy-audit" className="imi-section">
      <h2 className="ecl-u-type-heading-2" id="privacy-audit">{t('privacy.auditTitle')}</h2>
      <p className="ecl-u-type-paragraph">{t('privacy.auditHint')}</p>
      <button type="button" className="ecl-button ecl-button--secondary" disabled={busy} onClick={() => void send()}>{t('privacy.auditSend')}</button>
      {sent && <DoneNotice text={t('privacy.auditSent', { sequence: number(sent.sequence), head: sent.headHash.slice(0, 16) })} />}
      {problem && <ProblemNotice problem={problem} />}
    </section>
  );
}
