import { Injectable } from '@nestjs/common';
import { AuthorityEntry, ParticipantStatus, PublicJwk, PublicKeySet, TrustedNode, TrustList } from '@imi/envelope';
import { Database } from '@imi/persistence';
import { nodeLanguage } from '@imi/domain';
import type { PlannedAuthority } from '../operator/provision';
import { loadLegislativeAreas } from './legislative-areas';

export const REGISTRY_CHANGED = 'registry_changed';

/** An encryption epoch key as the registry holds it. */
export interface EncryptionKeyRecord {
  kid: string;
  node: string;
  status: 'active' | 'revoked' | 'destroyed';
  notBefore: Date;
  notAfter: Date | null;
  destroyedAt: Date | null;
}

export class RegistryConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryConflict';
  }
}

/** All queries on the hub registry. Every change notifies the trust-list publisher. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly db: Database) {}

  async registerNode(keys: PublicKeySet): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query('INSERT INTO nodes (code) VALUES ($1) ON CONFLICT DO NOTHING', [keys.node]);
      if (inserted.rowCount === 0) throw new RegistryConflict(`node ${keys.node} is already registered`);
      for (const jwk of [keys.signing, ...keys.encryption]) {
        await tx.query('INSERT INTO node_keys (kid, node, use, jwk) VALUES ($1, $2, $3, $4)', [jwk.kid, keys.node, jwk.use, jwk]);
      }
      await tx.query(`NOTIFY ${REGISTRY_CHANGED}`);
    });
  }

  async registerAuthority(authority: Omit<AuthorityEntry, 'status'>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO authorities (id, node, name, legislative_areas, observes, coordinates) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [authority.id, authority.node, authority.name, authority.legislativeAreas, authority.observes ?? [], authority.coordinates ?? []],
      );
      if (inserted.rowCount === 0) throw new RegistryConflict(`authority ${authority.id} is already registered`);
      await tx.query(`NOTIFY ${REGISTRY_CHANGED}`);
    });
  }

  /**
   * Registers an authority or brings it in line with the operator's plan (name, areas,
   * observation, coordination, kind, directory data); its node never changes. Returns whether
   * anything changed.
   */
  async applyAuthority(authority: PlannedAuthority & { node: string }): Promise<boolean> {
    const directory = {
      names: authority.names ?? { [nodeLanguage(authority.node)]: authority.name },
      address: null,
      keywords: authority.keywords ?? {},
      professions: authority.professions ?? [],
    };
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ node: string }>(
        `INSERT INTO authorities AS a (id, node, name, legislative_areas, observes, coordinates, kind, region, directory)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, legislative_areas = EXCLUDED.legislative_areas,
           observes = EXCLUDED.observes, coordinates = EXCLUDED.coordinates, kind = EXCLUDED.kind, region = EXCLUDED.region,
           directory = EXCLUDED.directory, updated_at = now()
         WHERE a.node = EXCLUDED.node AND (a.name, a.legislative_areas, a.observes, a.coordinates, a.kind, a.region, a.directory)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.legislative_areas, EXCLUDED.observes, EXCLUDED.coordinates, EXCLUDED.kind, EXCLUDED.region, EXCLUDED.directory)
         RETURNING a.node`,
        [authority.id, authority.node, authority.name, authority.legislativeAreas, authority.observes ?? [], authority.coordinates ?? [],
          authority.kind ?? 'competent-authority', authority.region ?? null, directory],
      );
      if (rows.length === 0) {
        const existing = await tx.query<{ node: string }>('SELECT node FROM authorities WHERE id = $1', [authority.id]);
        if (existing.rows[0]?.node !== authority.node) throw new RegistryConflict(`authority ${authority.id} belongs to ${existing.rows[0]?.node}`);
        return false;
      }
      await tx.query(`NOTIFY ${REGISTRY_CHANGED}`);
      return true;
    });
  }

  async setNodeStatus(code: string, status: ParticipantStatus): Promise<void> {
    await this.change('UPDATE nodes SET status = $2 WHERE code = $1', [code, status], `no node ${code}`);
  }

  async revokeKey(kid: string): Promise<void> {
    // A destroyed key stays destroyed: that is the record that its private half is gone.
    await this.change(`UPDATE node_keys SET status = 'revoked' WHERE kid = $1 AND status <> 'destroyed'`, [kid], `no key ${kid} to revoke`);
  }

  /** A node's encryption epoch keys, oldest first, whatever their status. */
  async encryptionKeys(node: string): Promise<EncryptionKeyRecord[]> {
    const rows = await this.db.query<{ kid: string; node: string; status: EncryptionKeyRecord['status']; not_before: Date; not_after: Date | null; destroyed_at: Date | null }>(
      `SELECT kid, node, status, not_before, not_after, destroyed_at FROM node_keys WHERE node = $1 AND use = 'enc' ORDER BY not_before, created_at`,
      [node],
    );
    return rows.map((r) => ({ kid: r.kid, node: r.node, status: r.status, notBefore: r.not_before, notAfter: r.not_after, destroyedAt: r.destroyed_at }));
  }

  /**
   * Registers a node's next epoch key from `notBefore`, and ends its earlier active keys at
   * `previousValidUntil` (never later than they already end), in one change: the next trust
   * list announces both. Returns the earlier keys whose end moved.
   */
  async announceEncryptionKey(node: string, jwk: PublicJwk, notBefore: Date, previousValidUntil: Date): Promise<{ kid: string; notAfter: Date }[]> {
    if (jwk.use !== 'enc') throw new RegistryConflict(`key ${jwk.kid} is not an encryption key`);
    return this.db.transaction(async (tx) => {
      const known = await tx.query('SELECT 1 FROM nodes WHERE code = $1', [node]);
      if (known.rowCount === 0) throw new RegistryConflict(`no node ${node}`);
      const inserted = await tx.query(
        `INSERT INTO node_keys (kid, node, use, jwk, not_before) VALUES ($1, $2, 'enc', $3, $4) ON CONFLICT DO NOTHING`,
        [jwk.kid, node, jwk, notBefore],
      );
      if (inserted.rowCount === 0) throw new RegistryConflict(`key ${jwk.kid} is already registered`);
      const ended = await tx.query<{ kid: string; not_after: Date }>(
        `UPDATE node_keys SET not_after = $3
          WHERE node = $1 AND use = 'enc' AND status = 'active' AND kid <> $2 AND not_before < $4 AND (not_after IS NULL OR not_after > $3)
          RETURNING kid, not_after`,
        [node, jwk.kid, previousValidUntil, notBefore],
      );
      await tx.query(`NOTIFY ${REGISTRY_CHANGED}`);
      return ended.rows.map((r) => ({ kid: r.kid, notAfter: r.not_after }));
    });
  }

  /**
   * A node's next signing key, active at once beside the current one (the overlap): the node
   * signs with it as soon as the trust list carrying it arrives, and messages already signed
   * with the previous key still verify until the operator revokes that one.
   */
  async announceSigningKey(node: string, jwk: PublicJwk): Promise<void> {
    if (jwk.use !== 'sig') throw new RegistryConflict(`key ${jwk.kid} is not a signing key`);
    await this.db.transaction(async (tx) => {
      const known = await tx.query('SELECT 1 FROM nodes WHERE code = $1', [node]);
      if (known.rowCount === 0) throw new RegistryConflict(`no node ${node}`);
      const inserted = await tx.query(`INSERT INTO node_keys (kid, node, use, jwk) VALUES ($1, $2, 'sig', $3) ON CONFLICT DO NOTHING`, [jwk.kid, node, jwk]);
      if (inserted.rowCount === 0) throw new RegistryConflict(`key ${jwk.kid} is already registered`);
      await tx.query(`NOTIFY ${REGISTRY_CHANGED}`);
    });
  }

  /**
   * Records that a key's private half was destroyed: it expires now (if it had not already)
   * and leaves the trust list, so no one seals for it or accepts it again.
   */
  async markEncryptionKeyDestroyed(node: string, kid: string, at: Date): Promise<void> {
    await this.change(
      `UPDATE node_keys SET status = 'destroyed', destroyed_at = $3,
              not_after = GREATEST(not_before, LEAST(COALESCE(not_after, $3), $3))
        WHERE kid = $1 AND node = $2 AND use = 'enc' AND status <> 'destroyed'`,
      [kid, node, at],
      `no encryption key ${kid} of ${node} left to destroy`,
    );
  }

  /** Builds the next trust list from the registry, with a new version number. */
  async nextTrustList(now: Date): Promise<TrustList> {
    const [{ version }] = await this.db.query<{ version: string }>(`SELECT nextval('trust_list_version') AS version`);
    const nodes = await this.db.query<{ code: string; status: ParticipantStatus }>('SELECT code, status FROM nodes ORDER BY code');
    const keys = await this.db.query<{ node: string; use: string; jwk: PublicJwk; status: string; not_before: Date; not_after: Date | null }>(
      'SELECT node, use, jwk, status, not_before, not_after FROM node_keys ORDER BY created_at',
    );
    const authorities = await this.db.query<{
      id: string; node: string; name: string; legislative_areas: string[]; status: ParticipantStatus; observes: string[]; coordinates: string[];
      kind: NonNullable<AuthorityEntry['kind']>; region: string | null;
    }>(
      'SELECT id, node, name, legislative_areas, status, observes, coordinates, kind, region FROM authorities ORDER BY id',
    );
    const trusted: TrustedNode[] = nodes.map((n) => ({
      code: n.code,
      status: n.status,
      signingKeys: keys
        .filter((k) => k.node === n.code && k.use === 'sig')
        .map((k) => ({ ...k.jwk, status: k.status as 'active' | 'revoked' })),
      encryptionKeys: keys
        .filter((k) => k.node === n.code && k.use === 'enc' && k.status === 'active')
        .map((k) => ({ ...k.jwk, notBefore: k.not_before.toISOString(), notAfter: k.not_after?.toISOString() ?? null })),
    }));
    return {
      version: Number(version),
      issuedAt: now.toISOString(),
      nodes: trusted,
      authorities: authorities.map((a) => ({
        id: a.id, node: a.node, name: a.name, legislativeAreas: a.legislative_areas, status: a.status,
        ...(a.observes.length > 0 ? { observes: a.observes } : {}),
        ...(a.coordinates.length > 0 ? { coordinates: a.coordinates } : {}),
        ...(a.kind !== 'competent-authority' ? { kind: a.kind } : {}),
        ...(a.region ? { region: a.region } : {}),
      })),
      legislativeAreas: loadLegislativeAreas(),
    };
  }

  private async change(sql: string, params: unknown[], missing: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const result = await tx.query(sql, params);
      if (result.rowCount === 0) throw new RegistryConflict(missing);
      await tx.query(`NOTIFY ${REGISTRY_CHANGED}`);
    });
  }
}
