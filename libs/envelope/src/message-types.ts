/**
 * Every message type on the network, the schema file of its body and whether the body is
 * sealed. Sealed by default: only bodies that carry codes and ids travel in plain.
 */
export const MESSAGE_TYPES = {
  'request.sent': { schema: 'request-sent.avsc', sealed: true },
  'request.accepted': { schema: 'request-accepted.avsc', sealed: true },
  'request.rejected': { schema: 'request-rejected.avsc', sealed: true },
  'request.subject-disclosed': { schema: 'request-subject-disclosed.avsc', sealed: true },
  'request.answered': { schema: 'request-answered.avsc', sealed: true },
  'request.closed': { schema: 'request-closed.avsc', sealed: true },
  'request.forwarded': { schema: 'request-forwarded.avsc', sealed: true },
  'request.reply-date-proposed': { schema: 'request-reply-date-proposed.avsc', sealed: true },
  'request.reply-date-responded': { schema: 'request-reply-date-responded.avsc', sealed: true },
  'request.further-information-requested': { schema: 'request-further-information-requested.avsc', sealed: true },
  'request.answer-accepted': { schema: 'request-answer-accepted.avsc', sealed: true },
  'request.attachment-shared': { schema: 'request-attachment-shared.avsc', sealed: true },
  'alert.sent': { schema: 'alert-sent.avsc', sealed: true },
  'alert.rectified': { schema: 'alert-rectified.avsc', sealed: true },
  'alert.withdrawn': { schema: 'alert-withdrawn.avsc', sealed: true },
  'alert.closed': { schema: 'alert-closed.avsc', sealed: true },
  'alert.acknowledged': { schema: 'alert-acknowledged.avsc', sealed: true },
  'subject.rectified': { schema: 'subject-rectified.avsc', sealed: true },
  'subject.erased': { schema: 'subject-erased.avsc', sealed: true },
  'deletion.proposed': { schema: 'deletion-proposed.avsc', sealed: true },
  'deletion.answered': { schema: 'deletion-answered.avsc', sealed: true },
  'deletion.ordered': { schema: 'deletion-ordered.avsc', sealed: true },
  'deletion.refused': { schema: 'deletion-refused.avsc', sealed: true },
  'directory.updated': { schema: 'directory-updated.avsc', sealed: false },
  'audit.checkpoint': { schema: 'audit-checkpoint.avsc', sealed: false },
  'message.rejected': { schema: 'message-rejected.avsc', sealed: false },
  'message.received': { schema: 'message-received.avsc', sealed: false },
} as const;

export type MessageType = keyof typeof MESSAGE_TYPES & keyof import('./message-bodies').MessageBodies;

export function isMessageType(type: string): type is MessageType {
  return Object.prototype.hasOwnProperty.call(MESSAGE_TYPES, type);
}

export const ENVELOPE_SCHEMA = 'envelope.avsc';

/** Unknown types count as sealed: nothing unknown may travel in clear. */
export function mustBeSealed(type: string): boolean {
  return isMessageType(type) ? MESSAGE_TYPES[type].sealed : true;
}

/** Types that are not themselves acknowledged: receipts and rejections would otherwise echo forever. */
export function wantsReceipt(type: string): boolean {
  return type !== 'message.received' && type !== 'message.rejected';
}
