import { ExecutionContext, Type } from '@nestjs/common';
import { CUSTOM_ROUTE_ARGS_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Role } from '@imi/domain';
import { AlertController } from '../alerts/alert.controller';
import { DistributeAlertDto, RectifyAlertDto, SendAlertDto, WithdrawAlertDto } from '../alerts/alert.dto';
import { RequestController } from '../requests/request.controller';
import {
  AnswerRequestDto, CreateRequestDto, ForwardRequestDto, FurtherInformationDto, ProposeReplyDateDto, RejectRequestDto, RespondToReplyDateDto,
} from '../requests/request.dto';
import { SubjectRequestController } from '../subject-rights/subject-rights.controller';
import { CreateSubjectRequestDto, DecideSubjectRequestDto } from '../subject-rights/subject-request.dto';
import { ROLES_KEY } from '../users/session.guard';

export type IdField = 'requestId' | 'alertId' | 'subjectRequestId';

/**
 * One command of the bridge: the REST handler it is. The command is that handler called for
 * the system's authority, so the roles it admits (its @RequireRoles), the validation of its
 * body (its DTO class, with the REST ValidationPipe's options) and the rules of the service
 * behind it are the REST API's own: the two cannot disagree.
 */
export interface OperationSpec<C = unknown> {
  controller: Type<C>;
  method: keyof C & string;
  /** The id the REST path carries (`:id`), a field of the command. */
  idField?: IdField;
  /** The REST body's class; the command's other fields are that body. */
  body?: Type<unknown>;
  summary: string;
}

const op = <C>(spec: OperationSpec<C>): OperationSpec => spec as unknown as OperationSpec;

export const OPERATIONS: Readonly<Record<string, OperationSpec>> = {
  'request.create': op({ controller: RequestController, method: 'create', body: CreateRequestDto, summary: 'Send an information request (POST /requests)' }),
  'request.get': op({ controller: RequestController, method: 'get', idField: 'requestId', summary: 'Read a request as this party sees it (GET /requests/:id)' }),
  'request.accept': op({ controller: RequestController, method: 'accept', idField: 'requestId', summary: 'Accept an incoming request' }),
  'request.reject': op({ controller: RequestController, method: 'reject', idField: 'requestId', body: RejectRequestDto, summary: 'Reject an incoming request with a reason' }),
  'request.forward': op({ controller: RequestController, method: 'forward', idField: 'requestId', body: ForwardRequestDto, summary: 'Forward an incoming request within the member state' }),
  'request.propose-reply-date': op({ controller: RequestController, method: 'proposeReplyDate', idField: 'requestId', body: ProposeReplyDateDto, summary: 'Propose another reply date' }),
  'request.respond-to-reply-date': op({ controller: RequestController, method: 'respondToReplyDate', idField: 'requestId', body: RespondToReplyDateDto, summary: 'Agree or not to a proposed reply date' }),
  'request.answer': op({ controller: RequestController, method: 'answer', idField: 'requestId', body: AnswerRequestDto, summary: 'Answer (partially or finally)' }),
  'request.further-information': op({ controller: RequestController, method: 'requestFurtherInformation', idField: 'requestId', body: FurtherInformationDto, summary: 'Ask for further information' }),
  'request.accept-answer': op({ controller: RequestController, method: 'acceptAnswer', idField: 'requestId', summary: 'Accept the answer' }),
  'request.close': op({ controller: RequestController, method: 'close', idField: 'requestId', summary: 'Close the request' }),
  'alert.send': op({ controller: AlertController, method: 'send', body: SendAlertDto, summary: 'Send an alert or notification (POST /alerts)' }),
  'alert.get': op({ controller: AlertController, method: 'get', idField: 'alertId', summary: 'Read an alert (GET /alerts/:id)' }),
  'alert.acknowledge': op({ controller: AlertController, method: 'acknowledge', idField: 'alertId', summary: 'Acknowledge a received alert' }),
  'alert.distribute': op({ controller: AlertController, method: 'distribute', idField: 'alertId', body: DistributeAlertDto, summary: "Pass an incoming alert to the member state's authorities (coordinator)" }),
  'alert.rectify': op({ controller: AlertController, method: 'rectify', idField: 'alertId', body: RectifyAlertDto, summary: 'Rectify a sent alert' }),
  'alert.withdraw': op({ controller: AlertController, method: 'withdraw', idField: 'alertId', body: WithdrawAlertDto, summary: 'Withdraw a sent alert' }),
  'subject-request.create': op({ controller: SubjectRequestController, method: 'create', body: CreateSubjectRequestDto, summary: "Record a data subject's request" }),
  'subject-request.decide': op({ controller: SubjectRequestController, method: 'decide', idField: 'subjectRequestId', body: DecideSubjectRequestDto, summary: "Decide a data subject's request" }),
};

export function operation(name: string): OperationSpec | undefined {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name) ? OPERATIONS[name] : undefined;
}

/** The roles the REST handler admits, read from its own metadata (none: nobody). */
export function rolesOf(spec: OperationSpec): readonly Role[] {
  const handler = (spec.controller.prototype as Record<string, unknown>)[spec.method];
  return (Reflect.getMetadata(ROLES_KEY, handler as object) as Role[] | undefined) ?? [];
}

/** A system holding any one of the handler's roles may send the command, as a user may call the endpoint. */
export function admits(spec: OperationSpec, roles: readonly string[]): boolean {
  return rolesOf(spec).some((role) => roles.includes(role));
}

interface RouteArgument {
  index: number;
  data?: unknown;
  factory?: (data: unknown, context: ExecutionContext) => unknown;
}

/**
 * The REST handler's arguments, put where its own parameter decorators say (Nest's route
 * argument metadata), from an HTTP request as the REST API would have it: the system's session
 * (so @ActingAuthority gives its authority), the path's `:id`, the body. A handler whose
 * parameters change keeps working, or fails the unit test, rather than getting them in the wrong order.
 */
export function handlerArguments(spec: OperationSpec, authorityId: string, id: string | undefined, body: unknown, roles: readonly string[] = []): unknown[] {
  const request = {
    session: { authorityId, roles, userId: null },
    params: id === undefined ? {} : { id },
    body,
    headers: {} as Record<string, string>,
  };
  const context = { switchToHttp: () => ({ getRequest: () => request }), getType: () => 'http' } as unknown as ExecutionContext;
  const metadata = (Reflect.getMetadata(ROUTE_ARGS_METADATA, spec.controller, spec.method) ?? {}) as Record<string, RouteArgument>;
  const args: unknown[] = [];
  for (const [key, argument] of Object.entries(metadata)) {
    const type = key.split(':')[0];
    if (type.includes(CUSTOM_ROUTE_ARGS_METADATA)) args[argument.index] = argument.factory?.(argument.data, context);
    else if (Number(type) === RouteParamtypes.BODY) args[argument.index] = argument.data === undefined ? body : (body as Record<string, unknown> | undefined)?.[argument.data as string];
    else if (Number(type) === RouteParamtypes.PARAM) args[argument.index] = argument.data === undefined ? request.params : (request.params as Record<string, string>)[argument.data as string];
    else if (Number(type) === RouteParamtypes.HEADERS) args[argument.index] = argument.data === undefined ? request.headers : request.headers[argument.data as string];
    else throw new Error(`${spec.controller.name}.${spec.method} takes an argument the bridge does not provide (${type})`);
  }
  return args;
}
