import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** RFC 9457 problem details, as ProblemDetailsFilter writes them. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'urn:imi:problem:<kind>[/<code>], e.g. urn:imi:problem:transition-refused/not-accepted', example: 'urn:imi:problem:not-found' },
    title: { type: 'string', example: 'not found' },
    status: { type: 'integer', example: 404 },
    detail: { type: 'string', description: 'What went wrong; names states and fields, never a personal value' },
    errors: { type: 'array', items: { type: 'string' }, description: 'Validation: one line per refused field' },
  },
} as const;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const WHY: Record<number, string> = {
  400: 'Malformed JSON, or a field refused by validation (listed in `errors`)',
  401: 'No session, or the session expired or ended; on sign-in: email, password or one-time code refused (it never says which)',
  403: 'The signed-in user\'s roles do not admit this operation',
  404: 'No such item, or the caller\'s authority is not a party to it (both look the same)',
  409: 'The item is not in a state that allows this (e.g. a request not yet accepted), or it exists already',
  413: 'The body is larger than allowed (JSON 64 KiB; attachments 160 KiB)',
  415: 'The body\'s content type is not accepted, or its bytes do not match it',
  422: 'Well formed, but refused by a rule of the domain (minimisation, catalogue, reply date, search too long)',
  503: 'The node has not yet received what it needs from the hub (e.g. the question catalogue)',
};

/**
 * Declares on every operation the problem details it can answer with, from what the operation
 * is: secured (401, 403), about one item (404), changing state (409), taking input (400, 422),
 * taking a body (413) or bytes (415). Nest's decorators describe the successes; the failures
 * follow from the same few rules everywhere, so they are added in one place rather than on
 * ninety handlers, and cannot be forgotten on a new one.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA as never } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (operation) declare(operation, path, method);
    }
  }
  return document;
}

function declare(operation: OperationObject, path: string, method: (typeof METHODS)[number]): void {
  const secured = (operation.security ?? []).length > 0;
  const aboutOneItem = /\{[^}]+\}/.test(path);
  const parameters = operation.parameters ?? [];
  const takesQuery = parameters.some((p) => 'in' in p && p.in === 'query');
  const body = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : undefined;
  const changes = method !== 'get';
  const statuses = new Set<number>();
  if (secured || path === '/sessions') statuses.add(401);
  if (secured) statuses.add(403);
  if (aboutOneItem) statuses.add(404);
  if (secured && changes) statuses.add(409);
  if (body || takesQuery || aboutOneItem) statuses.add(400);
  if (body || takesQuery || (secured && changes)) statuses.add(422);
  if (body) statuses.add(413);
  if (body && Object.keys(body).some((type) => type !== 'application/json')) statuses.add(415);
  if (/catalogue|requests/.test(path) && secured) statuses.add(503);
  for (const status of statuses) {
    if (operation.responses[status]) continue;
    operation.responses[status] = {
      description: WHY[status],
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    } satisfies ResponseObject;
  }
}
