import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canDisclosePersonalData, checkAttachment } from '@imi/domain';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Outgoing } from '../messaging/outgoing';
import { AuditLog } from '../privacy/audit-log';
import { NotFound, UnprocessableRequest } from '../problem/errors';
import { Attachment, AttachmentMeta, AttachmentRepository } from './attachment.repository';
import { RequestRecord, RequestRepository } from './request.repository';
import { isOwnSide } from './request.service';

export interface AttachmentUpload {
  fileName: string;
  contentType: string;
  concernsPerson: boolean;
  content: Buffer;
}

/** States in which each party may add documents: the requester while the request is open, the addressee while answering. */
const OPEN_FOR_ATTACHMENTS = {
  requester: new Set(['sent', 'accepted', 'partially-answered', 'answered', 'further-information-requested']),
  addressee: new Set(['accepted', 'partially-answered', 'further-information-requested']),
};

/**
 * Documents attached to a request by either party (the addressee's answer a document question
 * with them). One about the person, from the requester, passes the acceptance gate like the
 * person's identity: it stays here until the addressee accepts, then leaves sealed.
 */
@Injectable()
export class AttachmentService {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestRepository,
    private readonly attachments: AttachmentRepository,
    private readonly authorities: AuthoritiesService,
    private readonly outgoing: Outgoing,
    private readonly audit: AuditLog,
  ) {}

  async upload(actingId: string | undefined, requestId: string, upload: AttachmentUpload): Promise<AttachmentMeta> {
    const acting = this.authorities.acting(actingId);
    const contentType = checkAttachment(upload);
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const record = await this.requests.lock(tx, requestId);
      if (!record || !isOwnSide(record, acting.id)) throw new NotFound('request');
      if (!OPEN_FOR_ATTACHMENTS[record.role].has(record.snapshot.state)) {
        throw new UnprocessableRequest(`the ${record.role} attaches no documents in state '${record.snapshot.state}'`);
      }
      await this.attachments.insert(tx, requestId, { id, fileName: upload.fileName, contentType, concernsPerson: upload.concernsPerson, content: upload.content });
      await this.share(tx, record, canDisclosePersonalData(record.snapshot));
    });
    return (await this.attachments.list(requestId)).find((a) => a.id === id)!;
  }

  async download(actingId: string | undefined, requestId: string, attachmentId: string): Promise<Attachment> {
    const acting = this.authorities.acting(actingId);
    const record = await this.requests.find(requestId);
    if (!record || !isOwnSide(record, acting.id)) throw new NotFound('request');
    const attachment = await this.attachments.get(requestId, attachmentId);
    const aboutPerson = attachment?.concernsPerson ?? false;
    const visible = attachment && (!aboutPerson || (!record.blockedAt && (record.role === 'requester' || canDisclosePersonalData(record.snapshot))));
    if (!visible) throw new NotFound('attachment');
    if (aboutPerson) await this.audit.record({ actor: acting.id, action: 'export', exchangeId: requestId, dataCategory: 'attachment about the person', purpose: 'case handling' });
    return attachment;
  }

  /**
   * Sends the other party what it may now hold and does not have yet, inside the caller's
   * transaction. The requester holds the person already, so the addressee's documents go at once.
   */
  async share(tx: Tx, record: RequestRecord, includePersonal: boolean): Promise<void> {
    const fromRequester = record.role === 'requester';
    const due = await this.attachments.unshared(tx, record.id, includePersonal || !fromRequester);
    for (const a of due) {
      await this.outgoing.send(tx, {
        type: 'request.attachment-shared', caseId: record.id,
        recipientNodes: [fromRequester ? record.addresseeNode : record.requesterNode],
        recipientAuthorities: [fromRequester ? record.addresseeAuthorityId : record.requesterAuthorityId],
        senderAuthority: fromRequester ? record.requesterAuthorityId : record.addresseeAuthorityId, legislativeArea: record.legislativeArea,
        body: { requestId: record.id, attachmentId: a.id, fileName: a.fileName, contentType: a.contentType, concernsPerson: a.concernsPerson, content: a.content },
      });
    }
    await this.attachments.markShared(tx, due.map((a) => a.id), new Date());
  }
}
