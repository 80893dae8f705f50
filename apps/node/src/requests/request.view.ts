import { canDisclosePersonalData } from '@imi/domain';
import { SubjectBody } from '@imi/envelope';
import { RequestView } from './request.dto';
import { AnswerRecord, RequestRecord } from './request.repository';

/**
 * Maps a stored request to what a party sees. The subject is shown on the addressee's side
 * only from acceptance on; before that this node does not even hold it.
 */
export function toView(record: RequestRecord, subject?: SubjectBody | null, answers?: AnswerRecord[]): RequestView {
  const s = record.snapshot;
  const view: RequestView = {
    id: record.id,
    role: record.role,
    state: s.state,
    requesterAuthorityId: record.requesterAuthorityId,
    addresseeAuthorityId: record.addresseeAuthorityId,
    legislativeArea: record.legislativeArea,
    questions: record.questions,
    replyBy: s.replyBy.toISOString(),
    sentAt: s.sentAt.toISOString(),
    acceptedAt: s.acceptedAt?.toISOString() ?? null,
    closedAt: s.closedAt?.toISOString() ?? null,
    rejectionReason: s.rejectionReason ?? null,
  };
  const mayShowPersonalData = record.role === 'requester' || canDisclosePersonalData(s);
  if (mayShowPersonalData && subject) view.subject = subject;
  if (mayShowPersonalData && answers) view.answers = answers.map((a) => ({ ...a, answeredAt: a.answeredAt.toISOString() }));
  return view;
}
