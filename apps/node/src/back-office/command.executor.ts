import { Injectable, ValidationPipe } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Database, Tx, withTransactionScope } from '@imi/persistence';
import { isRetriable } from '../messaging/retriable';
import { problemOf, Problem } from '../problem/problem-details.filter';
import { ParsedCommand, refusal, RefusalReason } from './command';
import { admits, handlerArguments, rolesOf } from './operations';
import type { BackOfficeSystem } from './systems.repository';

export type Outcome =
  | { status: 'applied'; result: unknown }
  | { status: 'duplicate'; result: unknown }
  | { status: 'refused'; reason: RefusalReason; problem: Problem };

/** Another delivery of the same message id committed first: this one changes nothing. */
class AlreadyApplied extends Error {}

/** What the idempotency record keeps of a result: ids and state, never personal data. */
function summary(result: unknown): Record<string, unknown> | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Record<string, unknown>;
  const kept = Object.fromEntries(['id', 'state', 'version'].filter((k) => typeof r[k] === 'string' || typeof r[k] === 'number').map((k) => [k, r[k]]));
  return Object.keys(kept).length ? kept : null;
}

/**
 * Applies one command for a system: at most once per message id, with the REST handler's
 * roles, validation and rules, its idempotency record committed in the transaction of the
 * change. Infrastructure failures are thrown (the transport requeues the command); every
 * other failure is a refusal that changed nothing.
 */
@Injectable()
export class CommandExecutor {
  // The REST API's own validation options (app.ts).
  private readonly validation = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

  constructor(
    private readonly db: Database,
    private readonly moduleRef: ModuleRef,
  ) {}

  async execute(system: BackOfficeSystem, command: ParsedCommand): Promise<Outcome> {
    const earlier = await this.db.query<{ result: unknown }>(
      'SELECT result FROM back_office_commands WHERE system_id = $1 AND message_id = $2', [system.id, command.messageId]);
    if (earlier.length > 0) return { status: 'duplicate', result: earlier[0].result };
    if (!admits(command.spec, system.roles)) {
      const r = refusal('forbidden', 403, `${command.operation} requires the role ${rolesOf(command.spec).join(' or ')}`);
      return { status: 'refused', reason: r.reason, problem: r.problem };
    }
    let recorded = false;
    const record = async (tx: Tx) => {
      if (recorded) return;
      const inserted = await tx.query(
        'INSERT INTO back_office_commands (system_id, message_id, operation) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
        [system.id, command.messageId, command.operation]);
      if (inserted.rowCount === 0) throw new AlreadyApplied();
      recorded = true;
    };
    try {
      const body = command.spec.body
        ? await this.validation.transform(command.body, { type: 'body', metatype: command.spec.body })
        : undefined;
      const controller = this.moduleRef.get(command.spec.controller, { strict: false }) as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const handler = controller[command.spec.method];
      const result = await withTransactionScope({ beforeCommit: record }, () =>
        handler.apply(controller, handlerArguments(command.spec, system.authorityId, command.id, body, system.roles)));
      // A read, or a handler that wrote nothing: the message id is recorded on its own.
      if (!recorded) await this.db.transaction(record);
      await this.db.query('UPDATE back_office_commands SET result = $3 WHERE system_id = $1 AND message_id = $2', [system.id, command.messageId, summary(result)]);
      return { status: 'applied', result };
    } catch (error) {
      if (error instanceof AlreadyApplied) return { status: 'duplicate', result: null };
      if (isRetriable(error)) throw error;
      const problem = problemOf(error);
      return { status: 'refused', reason: problem.status === 400 ? 'schema' : problem.status === 403 ? 'forbidden' : 'refused', problem };
    }
  }
}
