import { canDisclosePersonalData } from '@imi/domain';
import { SubjectBody } from '@imi/envelope';
import { ObservedRequestView, RequestView } from './request.dto';
import { AttachmentMeta } from './attachment.repository';
import { AnswerRecord, RequestRecord } from './request.repository';

/** What a party may see beyond the request itself. */
export interface RequestDetails {
  subject?: SubjectBody | null;
  answers?: AnswerRecord[];
  furtherInformation?: { note: string | null; requestedAt: Date }[];
  history?: { type: string; at: Date; detail: Record<string, unknown> }[];
  attachments?: AttachmentMeta[];
}

/**
 * Maps a stored request to what a party sees. Personal data (the person, answers, notes) is
 * shown on the addressee's side only from acceptance on; before that this node does not even
 * hold the person.
 */
export function toView(record: RequestRecord, details: RequestDetails = {}): RequestView {
  const s = record.snapshot;
  // Blocked data is invisible in normal use, to every participant.
  const mayShowPersonalData = !record.blockedAt && (record.role === 'requester' || canDisclosePersonalData(s));
  const view: RequestView = {
    id: record.id,
    role: record.role,
    state: s.state,
    requesterAuthorityId: record.requesterAuthorityId,
    addresseeAuthorityId: record.addresseeAuthorityId,
    legislativeArea: record.legislativeArea,
    questions: record.questions,
    replyBy: s.replyBy.toISOString(),
    proposedReplyBy: s.proposedReplyBy?.toISOString() ?? null,
    sentAt: s.sentAt.toISOString(),
    acceptedAt: s.acceptedAt?.toISOString() ?? null,
    answeredAt: s.answeredAt?.toISOString() ?? null,
    closedAt: s.closedAt?.toISOString() ?? null,
    rejectionReason: s.rejectionReason ?? null,
    confidential: record.confidential,
    sensitiveReason: record.sensitiveReason,
    personalData: record.personalDataDeletedAt ? 'deleted' : record.blockedAt ? 'blocked' : 'available',
    history: (details.history ?? []).map((e) => ({ ...e, at: e.at.toISOString() })),
    // Documents about the person are personal data, their names included.
    attachments: (details.attachments ?? [])
      .filter((a) => mayShowPersonalData || !a.concernsPerson)
      .map((a) => ({ ...a, sharedAt: a.sharedAt?.toISOString() ?? null })),
  };
  if (mayShowPersonalData) {
    if (details.subject) view.subject = details.subject;
    if (details.answers) view.answers = details.answers.map((a) => ({ ...a, answeredAt: a.answeredAt.toISOString() }));
    if (details.furtherInformation) {
      view.furtherInformation = details.furtherInformation.map((f) => ({ note: f.note, requestedAt: f.requestedAt.toISOString() }));
    }
  }
  return view;
}

/** The metadata-only view: fields are picked one by one, never copied from the record wholesale. */
export function toObservedView(record: RequestRecord): ObservedRequestView {
  const s = record.snapshot;
  const requesterSide = record.role === 'requester';
  return {
    id: record.id,
    observedAuthorityId: requesterSide ? record.requesterAuthorityId : record.addresseeAuthorityId,
    side: record.role,
    counterpartAuthorityId: requesterSide ? record.addresseeAuthorityId : record.requesterAuthorityId,
    legislativeArea: record.legislativeArea,
    state: s.state,
    sentAt: s.sentAt.toISOString(),
    replyBy: s.replyBy.toISOString(),
    acceptedAt: s.acceptedAt?.toISOString() ?? null,
    closedAt: s.closedAt?.toISOString() ?? null,
  };
}
