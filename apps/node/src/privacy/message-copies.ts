import { Database, prepared, Tx } from '@imi/persistence';

/** Why the bodies of an exchange's stored messages went. */
export type ErasureReason = 'data-subject-erasure' | 'early-deletion' | 'retention-deletion' | 'retention-blocking';

/** Recorded on every copy whose body went, and on the exchange for a deletion: what the proof-of-exchange report shows. */
export interface BodyErasure {
  reason: ErasureReason;
  /** The data subject's request or the early deletion that decided it; null for retention. */
  decision: string | null;
  /** The authority that decided it (here or at another participant); null for retention. */
  decidedBy: string | null;
}

/**
 * Erases the sealed bodies of every stored copy of an exchange's messages on this node, in the
 * caller's transaction: received copies (inbox) and sent ones (outbox). What stays is the
 * manifest every protocol-2 signature covers, so the proof of exchange still verifies. A sent
 * message still waiting for the relay keeps its body until it has left (outbox.ts).
 *
 * Without this, a copy sealed for this node would still open with the node's own epoch key
 * after the personal data was erased from every table.
 */
export function eraseMessageBodies(tx: Tx, exchangeId: string, erasure: BodyErasure, at: Date): void {
  const detail = JSON.stringify(erasure);
  tx.defer(prepared(
    `UPDATE inbox_messages SET value = NULL, body_erased_at = $2, body_erasure = $3,
       signed_value_sha256 = CASE WHEN manifest IS NULL THEN sha256(value) END
     WHERE case_id = $1 AND value IS NOT NULL`,
    [exchangeId, at, detail],
  ));
  tx.defer(prepared(
    `UPDATE outbox_messages SET body_erasure = $3,
       value = CASE WHEN sent_at IS NULL THEN value END,
       body_erased_at = CASE WHEN sent_at IS NOT NULL THEN $2::timestamptz END,
       signed_value_sha256 = CASE WHEN manifest IS NULL THEN sha256(value) END
     WHERE message_key = $1 AND value IS NOT NULL AND body_erasure IS NULL`,
    [exchangeId, at, detail],
  ));
}

/** Exchanges whose copies must hold no body, with the decision to record (blocking has none of its own). */
const GONE = `
  SELECT id::text AS id, COALESCE(personal_data_erasure, '{"reason": "retention-blocking", "decision": null, "decidedBy": null}'::jsonb) AS erasure
  FROM requests WHERE blocked_at IS NOT NULL OR personal_data_deleted_at IS NOT NULL
  UNION ALL
  SELECT id::text, COALESCE(personal_data_erasure, '{"reason": "retention-blocking", "decision": null, "decidedBy": null}'::jsonb)
  FROM alerts WHERE blocked_at IS NOT NULL OR personal_data_deleted_at IS NOT NULL`;

/**
 * Catches the copies that arrived or were sent after their exchange's data was blocked, erased
 * or deleted (a message in flight at the time): run with every retention run. Returns how many
 * copies lost their body.
 */
export async function sweepMessageBodies(db: Database, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const inbox = await tx.query(
      `UPDATE inbox_messages m SET value = NULL, body_erased_at = $1, body_erasure = gone.erasure,
         signed_value_sha256 = CASE WHEN m.manifest IS NULL THEN sha256(m.value) END
       FROM (${GONE}) gone WHERE m.case_id = gone.id AND m.value IS NOT NULL`,
      [at],
    );
    const outbox = await tx.query(
      `UPDATE outbox_messages m SET value = NULL, body_erased_at = $1, body_erasure = gone.erasure,
         signed_value_sha256 = CASE WHEN m.manifest IS NULL THEN sha256(m.value) END
       FROM (${GONE}) gone WHERE m.message_key = gone.id AND m.value IS NOT NULL AND m.sent_at IS NOT NULL`,
      [at],
    );
    return (inbox.rowCount ?? 0) + (outbox.rowCount ?? 0);
  });
}
