import { Injectable } from '@nestjs/common';
import { Position, Role } from '@imi/domain';
import { Conditions, Database, pageQuery, Tx } from '@imi/persistence';

export interface UserRecord {
  id: string;
  authorityId: string;
  email: string | null;
  displayName: string | null;
  roles: Role[];
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastStep: number | null;
  /** Where the second factor stands: see migration 024. */
  totpEnrolment: 'pending' | 'shown' | 'confirmed';
  status: 'active' | 'deactivated';
  failedSignIns: number;
  lockedUntil: Date | null;
  createdAt: Date;
  deactivatedAt: Date | null;
  personalDataDeletedAt: Date | null;
}

@Injectable()
export class UserRepository {
  constructor(private readonly db: Database) {}

  async insert(tx: Tx, u: UserRecord): Promise<boolean> {
    const { rowCount } = await tx.query(
      `INSERT INTO users (id, authority_id, email, display_name, roles, password_hash, totp_secret, totp_enrolment, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [u.id, u.authorityId, u.email, u.displayName, u.roles, u.passwordHash, u.totpSecret, u.totpEnrolment, u.status, u.createdAt],
    );
    return rowCount === 1;
  }

  async find(id: string, tx?: Tx): Promise<UserRecord | null> {
    const sql = `SELECT * FROM users WHERE id = $1${tx ? ' FOR UPDATE' : ''}`;
    const rows = tx ? (await tx.query(sql, [id])).rows : await this.db.query(sql, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** The active accounts with this address (one per authority at most). */
  async activeByEmail(tx: Tx, email: string): Promise<UserRecord[]> {
    const { rows } = await tx.query(`SELECT * FROM users WHERE lower(email) = lower($1) AND status = 'active' ORDER BY id FOR UPDATE`, [email]);
    return rows.map(toRecord);
  }

  /** One page of the authority's users, newest first, by keyset in SQL (one row past the page says more follow). */
  async page(authorityId: string, filter: { role?: Role; status?: string }, after: Position | null, limit: number): Promise<(UserRecord & { pageKey: string })[]> {
    const conditions = new Conditions(['authority_id = $1'], [authorityId])
      .add((n) => `${n} = ANY (roles)`, filter.role)
      .add((n) => `status = ${n}`, filter.status);
    const query = pageQuery('SELECT * FROM users', conditions, { column: 'created_at', direction: 'DESC' }, after, limit);
    return (await this.db.query(query.text, query.values)).map((row) => ({ ...toRecord(row), pageKey: row.page_key }));
  }

  /** The secret drawn at the first sign-in, shown once: from now on the enrolment is not shown again. */
  async showEnrolment(tx: Tx, id: string, secret: string): Promise<void> {
    await tx.query(`UPDATE users SET totp_secret = $2, totp_enrolment = 'shown' WHERE id = $1 AND totp_enrolment = 'pending'`, [id, secret]);
  }

  /**
   * The ids of the authority's active administrators, their rows locked in id order: taken
   * before any other user row of the change, so two administrators changing each other at once
   * queue here (no deadlock), and the second sees what the first left.
   */
  async lockAdministrators(tx: Tx, authorityId: string): Promise<string[]> {
    const { rows } = await tx.query<{ id: string }>(
      `SELECT id FROM users WHERE authority_id = $1 AND status = 'active' AND 'authority-administrator' = ANY (roles) ORDER BY id FOR UPDATE`, [authorityId]);
    return rows.map((r) => r.id);
  }

  async setRoles(tx: Tx, id: string, roles: Role[]): Promise<void> {
    await tx.query('UPDATE users SET roles = $2 WHERE id = $1', [id, roles]);
  }

  async deactivate(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.query(`UPDATE users SET status = 'deactivated', deactivated_at = $2 WHERE id = $1`, [id, at]);
  }

  async recordFailure(tx: Tx, id: string, failures: number, lockedUntil: Date | null): Promise<void> {
    await tx.query('UPDATE users SET failed_sign_ins = $2, locked_until = $3 WHERE id = $1', [id, failures, lockedUntil]);
  }

  async recordSignIn(tx: Tx, id: string, totpStep: number): Promise<void> {
    await tx.query(`UPDATE users SET failed_sign_ins = 0, locked_until = NULL, totp_last_step = $2, totp_enrolment = 'confirmed' WHERE id = $1`, [id, totpStep]);
  }
}

function toRecord(row: Record<string, any>): UserRecord {
  return {
    id: row.id, authorityId: row.authority_id, email: row.email, displayName: row.display_name, roles: row.roles, passwordHash: row.password_hash,
    totpSecret: row.totp_secret, totpEnrolment: row.totp_enrolment, totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step), status: row.status,
    failedSignIns: row.failed_sign_ins, lockedUntil: row.locked_until, createdAt: row.created_at, deactivatedAt: row.deactivated_at,
    personalDataDeletedAt: row.personal_data_deleted_at,
  };
}
