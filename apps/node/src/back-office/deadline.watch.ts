import { ANSWER_OWED } from '@imi/domain';
import { Database } from '@imi/persistence';

/** How long before its reply date a request's addressee hears that the deadline approaches. */
export const DEADLINE_NOTICE_MS = 2 * 86_400_000;

/**
 * Writes `request.deadline-approaching` into the events outbox, once per request and reply
 * date, for addressees with a connected system whose answer is still owed (not yet accepted,
 * or accepted and not finally answered) and whose reply date falls within DEADLINE_NOTICE_MS.
 * One statement: the notice and the event commit together.
 */
export async function noticeApproachingDeadlines(db: Database, now = new Date()): Promise<number> {
  const rows = await db.query(
    `WITH due AS (
       SELECT r.id, r.addressee_authority_id AS authority, r.state, r.reply_by FROM requests r
       WHERE r.role = 'addressee' AND r.state = ANY($1) AND r.reply_by > $2 AND r.reply_by <= $3
         AND EXISTS (SELECT 1 FROM back_office_systems s WHERE s.authority_id = r.addressee_authority_id AND s.status = 'active')
     ), noted AS (
       INSERT INTO back_office_deadline_notices (request_id, reply_by) SELECT id, reply_by FROM due ON CONFLICT DO NOTHING RETURNING request_id
     ), events AS (
       INSERT INTO back_office_events (authority_id, entity, event, subject_id, occurred_at, detail)
       SELECT d.authority, 'request', 'deadline-approaching', d.id, $2, jsonb_build_object('state', d.state, 'replyBy', d.reply_by)
       FROM due d JOIN noted n ON n.request_id = d.id
       RETURNING id
     )
     SELECT count(*)::int AS n, pg_notify('back_office_events', '') FROM events`,
    [['sent', ...ANSWER_OWED], now, new Date(now.getTime() + DEADLINE_NOTICE_MS)],
  );
  return (rows[0] as { n: number }).n;
}
