import { Tx } from '@imi/persistence';
import { BodyErasure, eraseMessageBodies } from './message-copies';

export type ExchangeKind = 'requests' | 'alerts';

/** Tables holding an exchange's personal data, by kind of exchange, with the column naming the exchange. */
const PERSONAL_DATA: Record<ExchangeKind, readonly (readonly [table: string, key: string])[]> = {
  requests: [
    ['request_subjects', 'request_id'], ['request_answers', 'request_id'], ['request_attachments', 'request_id'],
    ['request_further_information', 'request_id'], ['exchange_contests', 'exchange_id'],
  ],
  alerts: [['alert_versions', 'alert_id'], ['exchange_contests', 'exchange_id']],
};

/**
 * Deletes every personal value of one exchange on this node, keeping the exchange as an
 * anonymised record: its personal-data tables, the free texts its authorities wrote (they may
 * name the person), the corrected values a data subject gave, the justifications of retrievals,
 * and the sealed bodies of its stored messages. One place, so retention, erasure and early
 * deletion delete the same things; `erasure` says which decision it was.
 */
export async function deleteExchangePersonalData(tx: Tx, kind: ExchangeKind, id: string, at: Date, erasure: BodyErasure): Promise<void> {
  for (const [table, key] of PERSONAL_DATA[kind]) await tx.query(`DELETE FROM ${table} WHERE ${key} = $1`, [id]);
  // Corrected values a data subject gave, once the data they corrected is gone.
  await tx.query(`UPDATE subject_requests SET corrections = NULL WHERE exchange_ids @> ARRAY[$1]::uuid[] AND state <> 'open'`, [id]);
  await tx.query(`UPDATE proof_retrievals SET justification = '(deleted with the exchange''s personal data)' WHERE exchange_id = $1`, [id]);
  if (kind === 'requests') {
    await tx.query(
      `UPDATE requests SET sensitive_reason = NULL,
         questions = (SELECT COALESCE(jsonb_agg(CASE WHEN q ? 'freeText' THEN q || '{"freeText": null}'::jsonb ELSE q END), '[]'::jsonb) FROM jsonb_array_elements(questions) q)
       WHERE id = $1`,
      [id],
    );
  }
  await tx.query(
    `UPDATE ${kind} SET personal_data_deleted_at = $2, blocked_at = COALESCE(blocked_at, $2), personal_data_erasure = $3 WHERE id = $1`,
    [id, at, JSON.stringify(erasure)],
  );
  eraseMessageBodies(tx, id, erasure, at);
}

/** A former user's own data (name, address, credentials); the id stays, for what the user did. */
export async function deleteUserPersonalData(tx: Tx, userId: string, at: Date): Promise<void> {
  await tx.query(
    'UPDATE users SET email = NULL, display_name = NULL, password_hash = NULL, totp_secret = NULL, personal_data_deleted_at = $2 WHERE id = $1',
    [userId, at],
  );
}
