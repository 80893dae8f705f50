import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as avro from 'avsc';
import { findSchemasDir, frame } from '@imi/envelope';

/**
 * The bytes one exchange carries, built with the real schemas (no registry needed): the body
 * of a request.sent with two questions, and the envelope around a sealed body of that size.
 */
export function requestSentBody(): Buffer {
  const type = avro.Type.forSchema(JSON.parse(readFileSync(join(findSchemasDir(), 'request-sent.avsc'), 'utf8')));
  return frame(1, type.toBuffer({
    requestId: randomUUID(), requesterAuthorityId: 'FR-CNOM', addresseeAuthorityId: 'DE-BE-AEK', legislativeArea: 'professional-qualifications',
    replyBy: Date.now() + 14 * 86_400_000,
    questions: [{ questionId: 'pq.diploma.authentic', freeText: null }, { questionId: 'pq.free-text', freeText: 'Does the diploma include the specialist training in general medicine?' }],
    confidential: false, sensitiveReason: null,
  }));
}

export function envelopeAround(body: Buffer): Buffer {
  const type = avro.Type.forSchema(JSON.parse(readFileSync(join(findSchemasDir(), 'envelope.avsc'), 'utf8')));
  return frame(2, type.toBuffer({
    messageId: randomUUID(), type: 'request.sent', senderNode: 'FR', senderAuthority: 'FR-CNOM', recipientNodes: ['DE'],
    recipientAuthorities: ['DE-BE-AEK'], caseId: randomUUID(), legislativeArea: 'professional-qualifications', sentAt: Date.now(),
    causationId: null, bodyEncoding: 'JWE', body,
  }));
}
