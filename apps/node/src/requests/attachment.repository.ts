import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Database, Tx } from '@imi/persistence';

export interface AttachmentMeta {
  id: string;
  fileName: string;
  contentType: string;
  concernsPerson: boolean;
  sizeBytes: number;
  sha256: string;
  sharedAt: Date | null;
}

export interface Attachment extends AttachmentMeta {
  content: Buffer;
}

const META = 'id, file_name, content_type, concerns_person, size_bytes, sha256, shared_at';

/** Attachments of requests. Content is read only when it is downloaded or sent. */
@Injectable()
export class AttachmentRepository {
  constructor(private readonly db: Database) {}

  /** `sharedAt`: set for a document received from the other party, which therefore holds it already. */
  async insert(
    tx: Tx,
    requestId: string,
    a: { id: string; fileName: string; contentType: string; concernsPerson: boolean; content: Buffer; sharedAt?: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO request_attachments (id, request_id, file_name, content_type, concerns_person, content, size_bytes, sha256, shared_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [a.id, requestId, a.fileName, a.contentType, a.concernsPerson, a.content, a.content.length,
        createHash('sha256').update(a.content).digest('hex'), a.sharedAt ?? null],
    );
  }

  async list(requestId: string): Promise<AttachmentMeta[]> {
    return (await this.db.query(`SELECT ${META} FROM request_attachments WHERE request_id = $1 ORDER BY created_at, id`, [requestId])).map(toMeta);
  }

  async get(requestId: string, id: string): Promise<Attachment | null> {
    const [row] = await this.db.query(`SELECT ${META}, content FROM request_attachments WHERE request_id = $1 AND id = $2`, [requestId, id]);
    return row ? { ...toMeta(row), content: row.content } : null;
  }

  /** What the requester still has to send: all unshared ones, or only those not about the person. */
  async unshared(tx: Tx, requestId: string, includePersonal: boolean): Promise<Attachment[]> {
    const { rows } = await tx.query(
      `SELECT ${META}, content FROM request_attachments
       WHERE request_id = $1 AND shared_at IS NULL AND (concerns_person = false OR $2) ORDER BY created_at, id`,
      [requestId, includePersonal],
    );
    return rows.map((row) => ({ ...toMeta(row), content: row.content }));
  }

  async markShared(tx: Tx, ids: string[], at: Date): Promise<void> {
    if (ids.length > 0) await tx.query('UPDATE request_attachments SET shared_at = $2 WHERE id = ANY($1::uuid[])', [ids, at]);
  }

  /** Forwarding, requester's side: the new addressee must receive the person's documents again. */
  async unsharePersonal(tx: Tx, requestId: string): Promise<void> {
    await tx.query('UPDATE request_attachments SET shared_at = NULL WHERE request_id = $1 AND concerns_person', [requestId]);
  }

  /** Forwarding, addressee's side: the documents about the person go with the person. */
  async deletePersonal(tx: Tx, requestId: string): Promise<void> {
    await tx.query('DELETE FROM request_attachments WHERE request_id = $1 AND concerns_person', [requestId]);
  }
}

function toMeta(row: Record<string, any>): AttachmentMeta {
  return {
    id: row.id, fileName: row.file_name, contentType: row.content_type, concernsPerson: row.concerns_person,
    sizeBytes: row.size_bytes, sha256: row.sha256, sharedAt: row.shared_at,
  };
}
