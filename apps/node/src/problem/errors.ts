/** Errors the REST layer turns into problem details (RFC 9457). */
export abstract class ProblemError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
}

/** Also used when the caller is not a party: a refusal must look exactly like absence. */
export class NotFound extends ProblemError {
  readonly status = 404;
  readonly type = 'not-found';
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class Forbidden extends ProblemError {
  readonly status = 403;
  readonly type = 'forbidden';
}

export class UnprocessableRequest extends ProblemError {
  readonly status = 422;
  readonly type = 'unprocessable';
}

export class MalformedJson extends ProblemError {
  readonly status = 400;
  readonly type = 'malformed-json';
  constructor() {
    super('request body is not valid JSON');
  }
}

export class UnsupportedMediaType extends ProblemError {
  readonly status = 415;
  readonly type = 'unsupported-media-type';
}

export class ServiceUnavailable extends ProblemError {
  readonly status = 503;
  readonly type = 'service-unavailable';
}

/** Sign-in failed or no valid session: says nothing about which part was wrong. */
export class Unauthenticated extends ProblemError {
  readonly status = 401;
  readonly type = 'unauthenticated';
}

/** The thing to create exists already (for organisation data, whose existence is public). */
export class Conflict extends ProblemError {
  readonly status = 409;
  readonly type = 'conflict';
}
