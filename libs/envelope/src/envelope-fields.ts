import { Envelope } from './envelope';
import { MessageRejected } from './errors';

/** Latest sentAt a receiver can store (9999-12-31T23:59:59.999Z); senders stamp Date.now(). */
const LATEST_SENT_AT = 253_402_300_799_999;

/**
 * Fields a decoded envelope must have before anyone stores it: Avro admits any long and any
 * string, but a receiver's database holds no date outside its range and no NUL character in
 * text. An envelope the hub passed that the recipient cannot even record would fail its inbox
 * transaction on every redelivery and stop the partition behind it, so both refuse it here.
 */
export function checkEnvelopeFields(envelope: Envelope): void {
  if (!Number.isSafeInteger(envelope.sentAt) || envelope.sentAt < 0 || envelope.sentAt > LATEST_SENT_AT) {
    throw new MessageRejected('malformed', 'sentAt is not a date');
  }
  const texts = [envelope.type, envelope.senderNode, envelope.senderAuthority, envelope.caseId, envelope.legislativeArea, envelope.causationId,
    ...envelope.recipientNodes, ...envelope.recipientAuthorities];
  if (texts.some((text) => text !== null && text.includes('\u0000'))) throw new MessageRejected('malformed', 'a text field holds a NUL character');
}
