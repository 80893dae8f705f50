import type { Problem } from '../problem/problem-details.filter';
import type { Contract, SchemaFailure } from './contract';
import { IdField, operation, OperationSpec } from './operations';

/** What the bridge reads of an AMQP command's properties. */
export interface CommandProperties {
  messageId?: string;
  /** The operation, e.g. `request.accept`. */
  type?: string;
}

/** Why a command was refused before anything ran: each class has its reply and its dead-letter reason. */
export type RefusalReason = 'missing-message-id' | 'unknown-operation' | 'malformed' | 'schema' | 'forbidden' | 'refused';

export interface ParsedCommand {
  ok: true;
  operation: string;
  spec: OperationSpec;
  messageId: string;
  id?: string;
  body?: Record<string, unknown>;
}

export interface RefusedCommand {
  ok: false;
  reason: RefusalReason;
  problem: Problem;
}

const MESSAGE_ID = /^[\x21-\x7e]{1,128}$/;
/** The REST API's JSON body limit (app.ts), for commands too. */
export const COMMAND_MAX_BYTES = 64 * 1024;

export function refusal(reason: RefusalReason, status: number, detail: string, errors?: SchemaFailure[]): RefusedCommand {
  return {
    ok: false,
    reason,
    problem: { type: `urn:imi:problem:back-office/${reason}`, title: reason.replace(/-/g, ' '), status, detail, ...(errors ? { errors } : {}) },
  };
}

/**
 * Reads one command: message id, operation, JSON body, schema. Pure: the bytes and
 * properties in, the command or the reason it is refused out. Details name fields and
 * operations, never values from the body.
 */
export function parseCommand(properties: CommandProperties, content: Buffer, contract: Contract): ParsedCommand | RefusedCommand {
  const messageId = properties.messageId;
  if (!messageId || !MESSAGE_ID.test(messageId)) return refusal('missing-message-id', 400, 'every command needs a message_id property (1 to 128 visible ASCII characters)');
  const name = properties.type ?? '';
  const spec = operation(name);
  if (!spec) return refusal('unknown-operation', 400, `unknown operation ${JSON.stringify(name.slice(0, 64))} in the type property`);
  if (content.length > COMMAND_MAX_BYTES) return refusal('malformed', 413, `the body is larger than ${COMMAND_MAX_BYTES / 1024} KiB`);
  let payload: unknown;
  try {
    payload = JSON.parse(content.toString('utf8'));
  } catch {
    return refusal('malformed', 400, 'the body is not JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return refusal('malformed', 400, 'the body must be a JSON object');
  const failures = contract.checkCommand(name, payload);
  if (failures.length > 0) return refusal('schema', 422, `the body does not match the schema of ${name}`, failures);
  const fields = { ...(payload as Record<string, unknown>) };
  const idField: IdField | undefined = spec.idField;
  const id = idField ? String(fields[idField]) : undefined;
  if (idField) delete fields[idField];
  return { ok: true, operation: name, spec, messageId, id, body: spec.body ? fields : undefined };
}
