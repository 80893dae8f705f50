import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canDisclosePersonalData, checkAttachment } from '@imi/domain';
import { Database, Tx } from '@imi/persistence';
import { AuthoritiesService } from '../authorities/authorities.service';
import { Outgoing } from '../messaging/outgoing';
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

/** States in which the requester may still add documents. */
const OPEN_FOR_ATTACHMENTS = new Set(['sent', 'accepted', 'partially-answered', 'answered', 'further-information-requested']);

/**
 * Documents attached by the requester. One about the person passes the acceptance gate like
 * the person's identity: it stays here until the addressee accepts, then leaves sealed.
 */
@Injectable()
export class AttachmentService {
  constructor(
    private readonly db: Database,
    private readonly requests: RequestRepository,
    private readonly attachments: AttachmentRepository,
    private readonly authorities: AuthoritiesService,
    private readonly outgoing: Outgoing,
  ) {}

  async upload(actingId: string | undefined, requestId: string, upload: AttachmentUpload): Promise<AttachmentMeta> {
    const acting = this.authorities.acting(actingId);
    const contentType = checkAttachment(upload);
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const record = await this.requests.lock(tx, requestId);
      if (!record || !isOwnSide(record, acting.id)) throw new NotFound('request');
      if (record.role !== 'requester') throw new UnprocessableRequest('only the requesting authority attaches documents');
      if (!OPEN_FOR_ATTACHMENTS.has(record.snapshot.state)) throw new UnprocessableRequest(`no attachments in state '${record.snapshot.state}'`);
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
    const visible = attachment && (record.role === 'requester' || !attachment.concernsPerson || canDisclosePersonalData(record.snapshot));
    if (!visible) throw new NotFound('attachment');
    return attachment;
  }

  /** Sends the addressee what it may now hold and does not have yet, inside the caller's transaction. */
  async share(tx: Tx, record: RequestRecord, includePersonal: boolean): Promise<void> {
    const due = await this.attachments.unshared(tx, record.id, includePersonal);
    for (const a of due) {
      await this.outgoing.send(tx, {
        type: 'request.attachment-shared', caseId: record.id, recipientNodes: [record.addresseeNode],
        recipientAuthorities: [record.addresseeAuthorityId], senderAuthority: record.requesterAuthorityId, legislativeArea: record.legislativeArea,
        body: { requestId: record.id, attachmentId: a.id, fileName: a.fileName, contentType: a.contentType, concernsPerson: a.concernsPerson, content: a.content },
      });
    }
    await this.attachments.markShared(tx, due.map((a) => a.id), new Date());
  }
}
