import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Response } from 'express';
import { InvalidAttachment, InvalidRequest, RegistrationRefused, TransitionRefused } from '@imi/domain';
import { isDatabaseUnavailable } from '@imi/persistence';
import { ProblemError } from './errors';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: unknown;
}

/**
 * Every error leaves the node as `application/problem+json`. Domain refusals keep their
 * message (it names states and fields, never personal data); anything unexpected becomes a
 * bare 500 and is logged without the request body.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = problemOf(error);
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

const logger = new Logger('ProblemDetails');

/** The problem details of an error, for REST and the back-office bridge alike. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return problem(error.status, error.type, error.message);
  if (error instanceof TransitionRefused) return problem(409, `transition-refused/${error.code}`, error.message);
  if (error instanceof InvalidRequest) return problem(422, 'invalid-request', error.message);
  if (error instanceof RegistrationRefused) return problem(error.code === 'transition-not-allowed' ? 409 : 403, `registration-refused/${error.code}`, error.message);
  if (error instanceof InvalidAttachment) return problem(ATTACHMENT_STATUS[error.reason] ?? 422, `invalid-attachment/${error.reason}`, error.message);
  if (error instanceof HttpException) {
    const body = error.getResponse() as { message?: unknown };
    const status = error.getStatus();
    const messages = Array.isArray(body?.message) ? body.message : undefined;
    return {
      ...problem(status, status === 413 ? 'payload-too-large' : status === 400 ? 'validation' : 'http', messages ? 'the request is not valid' : error.message),
      ...(messages ? { errors: messages } : {}),
    };
  }
  const e = error as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return problem(413, 'payload-too-large', 'request body is too large');
  // The database restarting or out of reach: a state that passes, for the client to retry, not a fault of the node.
  if (isDatabaseUnavailable(error)) return problem(503, 'service-unavailable', 'the node cannot reach its database; try again shortly');
  logger.error(`unexpected error: ${(error as Error)?.name}: ${(error as Error)?.message}`);
  return problem(500, 'internal', 'internal error');
}

const ATTACHMENT_STATUS: Partial<Record<InvalidAttachment['reason'], number>> = { 'too-large': 413, 'unsupported-type': 415 };

function problem(status: number, type: string, detail: string): Problem {
  return { type: `urn:imi:problem:${type}`, title: type.split('/')[0].replace(/-/g, ' '), status, detail };
}
