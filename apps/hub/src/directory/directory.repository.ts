import { Injectable } from '@nestjs/common';
import { AuthorityKind, DirectoryEntry, nodeLanguage, Registrant } from '@imi/domain';
import { Database, Tx } from '@imi/persistence';
import { REGISTRY_CHANGED } from '../registry/registry.repository';

export interface AuthorityRow {
  id: string;
  node: string;
  name: string;
  kind: AuthorityKind;
  status: string;
  legislativeAreas: string[];
  region: string | null;
  directory: Omit<DirectoryEntry, 'id' | 'node' | 'kind' | 'status' | 'legislativeAreas' | 'region'> | null;
}

/** The directory side of the hub registry: registrations published by nodes, and what is broadcast. */
@Injectable()
export class DirectoryRepository {
  constructor(private readonly db: Database) {}

  async authority(tx: Tx, id: string): Promise<AuthorityRow | null> {
    const { rows } = await tx.query('SELECT id, node, name, kind, status, legislative_areas, region, directory FROM authorities WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  registrant(row: AuthorityRow | null): Registrant | undefined {
    return row ? { id: row.id, node: row.node, kind: row.kind, status: row.status, legislativeAreas: row.legislativeAreas, region: row.region } : undefined;
  }

  async applied(tx: Tx, messageId: string): Promise<boolean> {
    return (await tx.query('SELECT 1 FROM authority_history WHERE message_id = $1', [messageId])).rowCount === 1;
  }

  /** Writes the authority as published and its history line; false when this message was applied before. */
  async apply(tx: Tx, entry: DirectoryEntry & { validatedBy: string }, messageId: string, changedAt: Date): Promise<boolean> {
    const history = await tx.query(
      `INSERT INTO authority_history (authority_id, node, status, changed_by, message_id, changed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (message_id) DO NOTHING`,
      [entry.id, entry.node, entry.status, entry.validatedBy, messageId, changedAt],
    );
    if (history.rowCount === 0) return false;
    const name = entry.names[nodeLanguage(entry.node)] ?? Object.values(entry.names)[0];
    const directory = { names: entry.names, address: entry.address, keywords: entry.keywords, professions: entry.professions };
    await tx.query(
      `INSERT INTO authorities (id, node, name, legislative_areas, kind, region, directory, status, validated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, legislative_areas = EXCLUDED.legislative_areas, kind = EXCLUDED.kind,
         region = EXCLUDED.region, directory = EXCLUDED.directory, status = EXCLUDED.status, validated_by = EXCLUDED.validated_by, updated_at = now()`,
      [entry.id, entry.node, name, entry.legislativeAreas, entry.kind, entry.region, directory, entry.status, entry.validatedBy],
    );
    // The payload names the member state whose part of the directory changed.
    await tx.query(`SELECT pg_notify($1, $2)`, [REGISTRY_CHANGED, entry.node]);
    return true;
  }

  /** A member state's published authorities, as the directory shows them (revoked ones by the operator included as removed). */
  async entriesOf(node: string): Promise<DirectoryEntry[]> {
    const rows = await this.db.query('SELECT id, node, name, kind, status, legislative_areas, region, directory FROM authorities WHERE node = $1 ORDER BY id', [node]);
    return rows.map(toRow).map((r) => ({
      id: r.id, node: r.node, kind: r.kind, status: r.status === 'active' || r.status === 'suspended' ? r.status : 'removed',
      legislativeAreas: r.legislativeAreas, region: r.region,
      names: r.directory?.names ?? { [nodeLanguage(r.node)]: r.name }, address: r.directory?.address ?? null,
      keywords: r.directory?.keywords ?? {}, professions: r.directory?.professions ?? [],
    }));
  }

  async nodes(): Promise<string[]> {
    return (await this.db.query<{ code: string }>('SELECT code FROM nodes ORDER BY code')).map((r) => r.code);
  }

  async history(id: string): Promise<{ status: string; changedBy: string; changedAt: Date }[]> {
    const rows = await this.db.query('SELECT status, changed_by, changed_at FROM authority_history WHERE authority_id = $1 ORDER BY id', [id]);
    return rows.map((r) => ({ status: r.status, changedBy: r.changed_by, changedAt: r.changed_at }));
  }
}

function toRow(r: Record<string, any>): AuthorityRow {
  return { id: r.id, node: r.node, name: r.name, kind: r.kind, status: r.status, legislativeAreas: r.legislative_areas, region: r.region, directory: r.directory };
}
