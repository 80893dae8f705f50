import { Injectable, OnModuleInit } from '@nestjs/common';
import { Database, Tx } from '@imi/persistence';

/**
 * Sessions ended on the server by sign-out: a stolen copy of the token is refused from then
 * on, not only once it expires. Kept in the database, so a restart with the same
 * SESSION_SECRET does not bring ended sessions back, and in memory, so the guard's check costs
 * no query (a node is one process). A row is dropped once the token would have expired anyway.
 */
@Injectable()
export class EndedSessions implements OnModuleInit {
  private readonly ended = new Map<string, number>();

  constructor(private readonly db: Database) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.db.query<{ token_id: string; expires_at: Date }>('SELECT token_id, expires_at FROM ended_sessions WHERE expires_at > now()');
    for (const row of rows) this.ended.set(row.token_id, row.expires_at.getTime());
  }

  /** In the caller's transaction; refused in memory at once (should the transaction fail, the session was being ended anyway). */
  async end(tx: Tx, tokenId: string, expiresAt: Date, now = new Date()): Promise<void> {
    this.ended.set(tokenId, expiresAt.getTime());
    this.forgetExpired(now);
    await tx.query('DELETE FROM ended_sessions WHERE expires_at <= $1', [now]);
    await tx.query('INSERT INTO ended_sessions (token_id, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tokenId, expiresAt]);
  }

  isEnded(tokenId: string): boolean {
    return this.ended.has(tokenId);
  }

  private forgetExpired(now: Date): void {
    for (const [id, expiresAtMs] of this.ended) if (expiresAtMs <= now.getTime()) this.ended.delete(id);
  }
}
