import { Injectable } from '@nestjs/common';
import { DirectoryData, RegistrationStatus } from '@imi/domain';
import { Conditions, Database, Tx } from '@imi/persistence';

export interface RegistrationRecord extends DirectoryData {
  id: string;
  kind: 'competent-authority' | 'delegated-coordinator';
  status: RegistrationStatus;
  registeredBy: string;
  validatedBy: string | null;
  lastPublishedMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface HistoryLine {
  action: string;
  status: RegistrationStatus;
  byAuthority: string;
  at: Date;
}

@Injectable()
export class RegistrationRepository {
  constructor(private readonly db: Database) {}

  /** False when the id is taken (by any registration, removed ones included: ids are never reused). */
  async insert(tx: Tx, r: RegistrationRecord): Promise<boolean> {
    const { rowCount } = await tx.query(
      `INSERT INTO registrations (id, kind, status, names, address, legislative_areas, keywords, professions, region, registered_by, validated_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) ON CONFLICT DO NOTHING`,
      [r.id, r.kind, r.status, r.names, r.address, r.legislativeAreas, r.keywords, r.professions, r.region, r.registeredBy, r.validatedBy, r.createdAt],
    );
    return rowCount === 1;
  }

  async find(id: string, tx?: Tx): Promise<RegistrationRecord | null> {
    const sql = `SELECT * FROM registrations WHERE id = $1${tx ? ' FOR UPDATE' : ''}`;
    const rows = tx ? (await tx.query(sql, [id])).rows : await this.db.query(sql, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** One page in the order of the ids, after the id `after`, filtered in SQL; one row past the page says more follow. */
  async page(filter: { status?: string; kind?: string; legislativeArea?: string }, after: string | null, limit: number): Promise<RegistrationRecord[]> {
    const conditions = new Conditions()
      .add((n) => `status = ${n}`, filter.status)
      .add((n) => `kind = ${n}`, filter.kind)
      .add((n) => `${n} = ANY (legislative_areas)`, filter.legislativeArea)
      .add((n) => `id > ${n}`, after);
    const values = [...conditions.values, limit + 1];
    const sql = `SELECT * FROM registrations WHERE ${conditions.sql} ORDER BY id LIMIT $${values.length}`;
    return (await this.db.query(sql, values)).map(toRecord);
  }

  async updateData(tx: Tx, id: string, d: DirectoryData, at: Date): Promise<void> {
    await tx.query(
      'UPDATE registrations SET names = $2, address = $3, legislative_areas = $4, keywords = $5, professions = $6, region = $7, updated_at = $8 WHERE id = $1',
      [id, d.names, d.address, d.legislativeAreas, d.keywords, d.professions, d.region, at],
    );
  }

  async setStatus(tx: Tx, id: string, status: RegistrationStatus, validatedBy: string | null, messageId: string | null, at: Date): Promise<void> {
    await tx.query(
      'UPDATE registrations SET status = $2, validated_by = COALESCE($3, validated_by), last_published_message = COALESCE($4, last_published_message), updated_at = $5 WHERE id = $1',
      [id, status, validatedBy, messageId, at],
    );
  }

  async addHistory(tx: Tx, id: string, line: HistoryLine, userId: string | null): Promise<void> {
    await tx.query('INSERT INTO registration_history (registration_id, action, status, by_authority, by_user, at) VALUES ($1, $2, $3, $4, $5, $6)', [
      id, line.action, line.status, line.byAuthority, userId, line.at,
    ]);
  }

  async history(id: string): Promise<HistoryLine[]> {
    const rows = await this.db.query('SELECT action, status, by_authority, at FROM registration_history WHERE registration_id = $1 ORDER BY id', [id]);
    return rows.map((r) => ({ action: r.action, status: r.status, byAuthority: r.by_authority, at: r.at }));
  }

  /** Whether the hub took the last publication: its receipt, or its rejection. */
  async publication(messageId: string): Promise<{ deliveredAt: Date | null; rejection: { code: string; reason: string } | null }> {
    const [delivery] = await this.db.query<{ delivered_at: Date | null }>('SELECT delivered_at FROM deliveries WHERE message_id = $1', [messageId]);
    const [rejection] = await this.db.query<{ code: string; reason: string }>('SELECT code, reason FROM rejections_received WHERE rejected_message_id = $1', [messageId]);
    return { deliveredAt: delivery?.delivered_at ?? null, rejection: rejection ?? null };
  }
}

function toRecord(r: Record<string, any>): RegistrationRecord {
  return {
    id: r.id, kind: r.kind, status: r.status, names: r.names, address: r.address, legislativeAreas: r.legislative_areas, keywords: r.keywords,
    professions: r.professions, region: r.region, registeredBy: r.registered_by, validatedBy: r.validated_by,
    lastPublishedMessage: r.last_published_message, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
