/** Body of each message type; mirrors the schemas in `schemas/`. Times are epoch milliseconds. */
export interface RequestSentBody {
  requestId: string;
  requesterAuthorityId: string;
  addresseeAuthorityId: string;
  legislativeArea: string;
  replyBy: number;
  questions: { questionId: string; freeText: string | null }[];
  confidential: boolean;
  sensitiveReason: string | null;
}

export interface SubjectBody {
  familyName: string;
  givenNames: string;
  dateOfBirth: string | null;
  registerNumber: string | null;
  nationalId: string | null;
  nationalIdJustification: string | null;
}

export interface AttachmentBody {
  requestId: string;
  attachmentId: string;
  fileName: string;
  contentType: string;
  concernsPerson: boolean;
  content: Buffer;
}

export interface AlertSentBody {
  alertId: string;
  kind: string;
  legislativeArea: string;
  senderAuthorityId: string;
  recipients: { authorityId: string; node: string }[];
  version: number;
  content: string;
  sentAt: number;
}

/** A rectification as it travels: absent fields are null and stay as they are; `cleared` lists optional fields removed. */
export interface CorrectionsBody {
  familyName: string | null;
  givenNames: string | null;
  dateOfBirth: string | null;
  registerNumber: string | null;
  cleared: string[];
}

export interface MessageBodies {
  'request.sent': RequestSentBody;
  'request.accepted': { requestId: string; acceptedAt: number };
  'request.rejected': { requestId: string; reason: string };
  'request.subject-disclosed': { requestId: string; subject: SubjectBody };
  'request.answered': { requestId: string; final: boolean; answers: { questionId: string; answer: string }[] };
  'request.closed': { requestId: string; closedAt: number };
  'request.forwarded': { requestId: string; fromAuthorityId: string; toAuthorityId: string; forwardedAt: number };
  'request.reply-date-proposed': { requestId: string; replyBy: number };
  'request.reply-date-responded': { requestId: string; agree: boolean };
  'request.further-information-requested': { requestId: string; note: string | null };
  'request.answer-accepted': { requestId: string; acceptedAt: number };
  'request.attachment-shared': AttachmentBody;
  'alert.sent': AlertSentBody;
  'alert.rectified': { alertId: string; version: number; content: string; rectifiedAt: number };
  'alert.withdrawn': { alertId: string; reason: string; withdrawnAt: number };
  'alert.closed': { alertId: string; closedAt: number };
  'alert.acknowledged': { alertId: string; authorityId: string; status: 'READ' | 'ACKNOWLEDGED'; at: number };
  'subject.rectified': { subjectRequestId: string; exchangeId: string; corrections: CorrectionsBody; decidedAt: number };
  'subject.erased': { subjectRequestId: string; exchangeId: string; decidedAt: number };
  'deletion.proposed': { deletionId: string; exchangeId: string; reason: string; proposedAt: number };
  'deletion.answered': { deletionId: string; exchangeId: string; agree: boolean; reason: string | null; answeredAt: number };
  'deletion.ordered': { deletionId: string; exchangeId: string; orderedAt: number };
  'deletion.refused': { deletionId: string; exchangeId: string; refusedBy: string[]; refusedAt: number };
  'directory.updated': DirectoryUpdatedBody;
  'audit.checkpoint': AuditCheckpointBody;
  /** `alsoReceived`: the sender's other messages applied in the same transaction (one receipt per sender and inbox batch). */
  'message.received': { receivedMessageId: string; appliedAt: number; alsoReceived: string[] };
  'message.rejected': { rejectedMessageId: string | null; rejectedBy: string; code: string; reason: string };
}

/** One authority's registration as its node publishes it to the hub (organisation data only). */
export interface DirectoryUpdatedBody {
  authorityId: string;
  kind: 'competent-authority' | 'delegated-coordinator';
  status: 'active' | 'suspended' | 'removed';
  validatedBy: string;
  names: Record<string, string>;
  address: { street: string | null; postalCode: string | null; city: string; country: string } | null;
  legislativeAreas: string[];
  keywords: Record<string, string[]>;
  professions: string[];
  region: string | null;
  changedAt: number;
}

/** The head of a node's audit chain, witnessed by the hub (position and hash only). */
export interface AuditCheckpointBody {
  sequence: number;
  headHash: string;
  checkpointedAt: number;
  /** The trust list version in force at the node (its acknowledgement); null or absent from nodes that do not say. */
  trustListVersion?: number | null;
}
