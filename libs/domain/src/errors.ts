import type { CommandType, RequestState } from './request.machine';

export type RefusalCode = 'transition-not-allowed' | 'wrong-party' | 'invalid-argument';

/**
 * A command the request state machine refuses. `decide` returns it rather than throwing, so
 * callers must handle refusal (a peer's message out of order is normal, not exceptional).
 */
export class TransitionRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly state: RequestState,
    readonly commandType: CommandType,
    message: string,
  ) {
    super(message);
    this.name = 'TransitionRefused';
  }
}

/** A request that cannot be created as given. */
export class InvalidRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequest';
  }
}

/**
 * A question catalogue that does not have the required structure. The hub refuses to publish
 * it and a node keeps the catalogue it has, so the message says where the problem is.
 */
export class InvalidCatalogue extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCatalogue';
  }
}
