import { Injectable } from '@nestjs/common';
import { Database } from '@imi/persistence';

export interface BackOfficeSystem {
  id: string;
  authorityId: string;
  roles: string[];
  amqpUsername: string;
}

/** The back-office systems connected to this node. */
@Injectable()
export class SystemsRepository {
  constructor(private readonly db: Database) {}

  async active(): Promise<BackOfficeSystem[]> {
    return (await this.db.query<{ id: string; authority_id: string; roles: string[]; amqp_username: string }>(
      "SELECT id, authority_id, roles, amqp_username FROM back_office_systems WHERE status = 'active' ORDER BY id",
    )).map((r) => ({ id: r.id, authorityId: r.authority_id, roles: r.roles, amqpUsername: r.amqp_username }));
  }
}

/** Registers a system (node CLI, tests). */
export async function insertSystem(db: Database, system: BackOfficeSystem): Promise<void> {
  await db.query(
    `INSERT INTO back_office_systems (id, authority_id, roles, amqp_username) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET authority_id = $2, roles = $3, amqp_username = $4, status = 'active'`,
    [system.id, system.authorityId, system.roles, system.amqpUsername],
  );
}
