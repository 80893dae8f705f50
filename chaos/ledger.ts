import { Country } from './network';

/** What the driver did and expects: the verifier compares every node against it. */
export interface DrivenRequest {
  kind: 'request';
  /** The driver's own reference, carried in the free-text question: finds the request again after a call whose answer was lost. */
  ref: string;
  from: Country;
  to: Country;
  id?: string;
  /** A canary stops at `sent`; every other request goes through to `closed`. */
  expectedState: 'closed' | 'sent';
  canary: boolean;
  /** Why the driver could not finish it (a call that never succeeded), if it could not. */
  failure?: string;
}

export interface DrivenAlert {
  kind: 'alert';
  ref: string;
  from: Country;
  to: Country[];
  id?: string;
  /** Sent as version 1, rectified once: version 2 everywhere. */
  expectedVersion: number;
  failure?: string;
}

export class Ledger {
  readonly requests: DrivenRequest[] = [];
  readonly alerts: DrivenAlert[] = [];
  /** Calls that failed because a node was unreachable and were resolved by checking, then retrying if needed. */
  retries = 0;
  /** Of those, calls that had taken effect although their answer was lost: found again, not sent twice. */
  foundAfterLostAnswer = 0;
}

/** The history each party keeps of a request the driver took through the whole flow. */
export const FULL_FLOW_HISTORY = ['sent', 'accepted', 'answered', 'answer-accepted', 'closed'];
